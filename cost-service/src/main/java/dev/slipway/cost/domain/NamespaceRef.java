package dev.slipway.cost.domain;

/** A Slipway environment's namespace, with the team and environment its labels name. */
public record NamespaceRef(String namespace, String team, String environment) {}
