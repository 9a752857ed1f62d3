package dev.slipway.audit.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.slipway.audit.domain.ChainCheck;

/**
 * {@code {verified, checkpoints, ok}}, plus the first broken seq and why when the chain is broken.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResponse(
    long verified, long checkpoints, boolean ok, Long brokenSeq, String reason) {

  static VerifyResponse of(ChainCheck check) {
    return new VerifyResponse(
        check.verified(), check.checkpoints(), check.ok(), check.brokenSeq(), check.reason());
  }
}
