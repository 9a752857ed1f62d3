package dev.slipway.launcher.infra;

/**
 * A server that is up: what the services need from it, one line for the progress display, and how
 * to stop it (nothing for a server the developer runs).
 */
public record Started<T>(T value, String summary, Runnable stop) {}
