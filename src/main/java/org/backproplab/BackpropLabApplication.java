package org.backproplab;

import com.vaadin.flow.component.page.AppShellConfigurator;
import com.vaadin.flow.component.page.Push;
import com.vaadin.flow.server.PWA;
import com.vaadin.flow.theme.lumo.Lumo;
import com.vaadin.flow.component.dependency.StyleSheet;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Backprop Lab: a browser lab where learners train neural networks, break them, and fix them. */
@SpringBootApplication
@Push
@StyleSheet(Lumo.STYLESHEET)
public class BackpropLabApplication implements AppShellConfigurator {

    public static void main(String[] args) {
        SpringApplication.run(BackpropLabApplication.class, args);
    }
}
