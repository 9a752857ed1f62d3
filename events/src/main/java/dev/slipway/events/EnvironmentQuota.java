package dev.slipway.events;

/**
 * What each environment of one kind may use: the hard totals of its ResourceQuota (CPU and memory
 * for requests and limits alike, pods, and requested storage), as Kubernetes quantities.
 */
public record EnvironmentQuota(String cpu, String memory, int pods, String storage) {}
