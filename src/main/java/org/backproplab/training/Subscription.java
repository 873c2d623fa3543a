package org.backproplab.training;

/** A listener's registration with a run; closing it unsubscribes (idempotent, never throws). */
@FunctionalInterface
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
