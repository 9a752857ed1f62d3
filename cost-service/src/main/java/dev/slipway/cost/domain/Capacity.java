package dev.slipway.cost.domain;

import java.math.BigDecimal;

/** The allocatable CPU and memory of the cluster's nodes at one sample. */
public record Capacity(BigDecimal cpuCores, BigDecimal memoryGib) {}
