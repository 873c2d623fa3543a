package org.backproplab.training.ui;

/**
 * The refresh budgets every lab page shares: one for decision-boundary and diagram frames, one for pushes of new
 * epoch points (see {@link RefreshBudget}).
 */
public record LabBudgets(RefreshBudget frames, RefreshBudget pushes) {

    public static LabBudgets forThisMachine() {
        return new LabBudgets(RefreshBudget.frames(), RefreshBudget.pushes());
    }
}
