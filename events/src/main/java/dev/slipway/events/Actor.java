package dev.slipway.events;

/** Who asked for something: the OIDC subject and a readable name for audit trails. */
public record Actor(String subject, String username) {}
