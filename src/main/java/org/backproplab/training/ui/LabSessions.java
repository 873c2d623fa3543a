package org.backproplab.training.ui;

import com.vaadin.flow.server.VaadinSession;
import org.backproplab.datasets.UserData;
import org.backproplab.training.SessionRuns;
import org.backproplab.training.TrainingService;

/**
 * What the lab keeps per browser session, as session attributes: the learner's runs (so they survive reloads and
 * navigation, and two tabs share them) and the learner's uploaded data (kept out of the URL). Callers hold the
 * session lock, as every Vaadin request and access does.
 */
public final class LabSessions {

    private LabSessions() {
    }

    /** The session's runs, created on first use. */
    public static SessionRuns runs(VaadinSession session, TrainingService service) {
        SessionRuns runs = session.getAttribute(SessionRuns.class);
        if (runs == null || runs.isClosed()) {
            runs = service.openSession();
            session.setAttribute(SessionRuns.class, runs);
        }
        return runs;
    }

    /** The session's runs if any were ever created. */
    static SessionRuns existingRuns(VaadinSession session) {
        return session.getAttribute(SessionRuns.class);
    }

    /** The CSV data the learner uploaded in this session, or null. */
    public static UserData uploadedData(VaadinSession session) {
        return session.getAttribute(UserData.class);
    }

    static void setUploadedData(VaadinSession session, UserData data) {
        session.setAttribute(UserData.class, data);
    }
}
