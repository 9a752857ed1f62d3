package dev.slipway.events;

/** One field-level problem, as in RFC 9457 {@code errors[]}: a path like {@code ports[0].name}. */
public record FieldError(String field, String reason) {}
