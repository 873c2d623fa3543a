package org.backproplab.training.ui;

import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinSession;
import org.backproplab.training.SessionRuns;
import org.springframework.stereotype.Component;

/**
 * Ends a session's runs with the session (logout, expiry, server shutdown): they stop training and release their
 * networks and data.
 */
@Component
public class SessionRunsCleanup implements VaadinServiceInitListener {

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addSessionDestroyListener(destroyed -> close(destroyed.getSession()));
    }

    static void close(VaadinSession session) {
        SessionRuns runs = LabSessions.existingRuns(session);
        if (runs != null) {
            runs.close();
        }
    }
}
