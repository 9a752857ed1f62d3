package dev.slipway.cost.domain;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One scheduled pod of a Slipway environment as one sample saw it: its effective requests (the sum
 * of its containers, or its largest init container if that is more, as the scheduler reserves).
 *
 * @param app the pod's {@code app.kubernetes.io/name}, empty when it has none
 */
public record PodRequest(
    String uid,
    String namespace,
    String team,
    String environment,
    String app,
    String pod,
    Instant createdAt,
    BigDecimal cpuCores,
    BigDecimal memoryGib) {}
