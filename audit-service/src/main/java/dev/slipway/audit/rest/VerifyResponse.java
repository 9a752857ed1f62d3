package dev.slipway.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.audit.domain.ChainCheck;
import dev.slipway.audit.domain.CheckpointSigner;
import java.util.List;

/**
 * {@code {verified, checkpoints, ok, signedBy}}, plus the first broken seq and why when the chain
 * is broken. {@code signedBy} names the key of every verified checkpoint, one entry per run of
 * consecutive checkpoints signed by the same key ({@code current: false} for a key replaced by a
 * rotation).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResponse(
    long verified,
    long checkpoints,
    boolean ok,
    Long brokenSeq,
    String reason,
    List<CheckpointSigner> signedBy) {

  static VerifyResponse of(ChainCheck check) {
    return new VerifyResponse(
        check.verified(),
        check.checkpoints(),
        check.ok(),
        check.brokenSeq(),
        check.reason(),
        check.signedBy());
  }
}
