package org.backproplab.api;

import java.util.List;
import org.backproplab.config.FieldError;

/** A request the API rejects with 400; carries every offending field with its path and what is allowed. */
public class BadRequestException extends RuntimeException {

    private final List<FieldError> errors;

    public BadRequestException(String detail, List<FieldError> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public BadRequestException(List<FieldError> errors) {
        this(errors.size() == 1 ? errors.getFirst().toString() : errors.size() + " invalid fields", errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
