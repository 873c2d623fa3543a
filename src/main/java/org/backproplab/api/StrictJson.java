package org.backproplab.api;

import java.util.List;
import org.backproplab.config.FieldError;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies strictly, so that a script's mistake is reported instead of silently "fixed": unknown
 * fields, strings where numbers belong, fractions where whole numbers belong, duplicate keys and trailing garbage
 * are all rejected, each with the JSON path of the offending field ({@code network.hiddenLayers[2]}).
 */
public final class StrictJson {

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_IGNORED_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /**
     * Parses {@code body} as {@code type}.
     *
     * @param what a short name of the expected document for the empty-body message ("a run configuration")
     * @throws BadRequestException naming the field path, or "malformed JSON" with the position
     */
    public <T> T read(byte[] body, Class<T> type, String what) {
        if (body == null || isBlank(body)) {
            throw new BadRequestException("request body is empty; send " + what + " as JSON",
                    List.of(new FieldError("(body)", "expected " + what + " as JSON; {} is the smallest one")));
        }
        T value;
        try {
            value = mapper.readValue(body, type);
        } catch (JacksonException e) {
            throw translate(e);
        }
        if (value == null) {
            throw new BadRequestException("request body is null; send " + what + " as JSON",
                    List.of(new FieldError("(body)", "expected " + what + " as a JSON object, was null")));
        }
        return value;
    }

    static BadRequestException translate(JacksonException e) {
        String path = path(e);
        if (e instanceof PropertyBindingException unknown) {
            String field = path.isEmpty() ? unknown.getPropertyName() : path;
            List<String> known = unknown.getKnownPropertyIds() == null ? List.of()
                    : unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
            return invalid(field, "unknown field '" + unknown.getPropertyName() + "'"
                    + (known.isEmpty() ? "" : "; allowed here: " + String.join(", ", known)));
        }
        if (e instanceof InvalidFormatException format) {
            return invalid(path, "cannot read " + describe(format.getValue()) + " as " + typeName(format.getTargetType()));
        }
        if (e instanceof MismatchedInputException mismatch && !path.isEmpty()) {
            Class<?> target = mismatch.getTargetType();
            return invalid(path, target == null ? firstLine(e.getOriginalMessage())
                    : "expected " + typeName(target) + " (" + firstLine(e.getOriginalMessage()) + ")");
        }
        if (e instanceof InputCoercionException && !path.isEmpty()) {
            return invalid(path, "number out of range: " + firstLine(e.getOriginalMessage()));
        }
        if (e instanceof StreamReadException || path.isEmpty()) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String message = "malformed JSON: " + firstLine(e.getOriginalMessage()) + where;
            return new BadRequestException(message, List.of(new FieldError(path.isEmpty() ? "(body)" : path, message)));
        }
        return invalid(path, firstLine(e.getOriginalMessage()));
    }

    private static BadRequestException invalid(String field, String message) {
        return new BadRequestException(field + ": " + message, List.of(new FieldError(field, message)));
    }

    /** The contract's path notation: {@code dataset.train.x[3][1]}. */
    static String path(JacksonException e) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "a value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isArray() || List.class.isAssignableFrom(type)) {
            return "an array";
        }
        return "an object";
    }

    private static String describe(Object value) {
        return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
    }

    /** Jackson's messages carry source excerpts after a line break; keep the first line only. */
    private static String firstLine(String message) {
        if (message == null) {
            return "invalid value";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return false;
            }
        }
        return true;
    }
}
