package org.backproplab.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that breaks the contract; carries every offending field, not just the first. */
public class InvalidConfigException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidConfigException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public InvalidConfigException(String field, String message) {
        this(List.of(new FieldError(field, message)));
    }

    public List<FieldError> errors() {
        return errors;
    }
}
