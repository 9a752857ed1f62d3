package dev.slipway.events;

/** One Kubernetes object a deploy applied. */
public record AppliedResource(String apiVersion, String kind, String namespace, String name) {}
