package org.backproplab.config;

/**
 * One rejected setting: the field's path in the run contract (for example {@code training.learningRate}, or a URL
 * parameter such as {@code lr}) and a message that names the allowed values.
 */
public record FieldError(String field, String message) {

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
