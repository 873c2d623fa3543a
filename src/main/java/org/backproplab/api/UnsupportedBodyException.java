package org.backproplab.api;

/** A request body in a format other than JSON (for example a form post from {@code curl -d} without a header). */
public class UnsupportedBodyException extends RuntimeException {

    public UnsupportedBodyException(String contentType) {
        super("Content-Type '" + contentType + "' is not accepted; send the body as JSON with "
                + "'Content-Type: application/json'");
    }
}
