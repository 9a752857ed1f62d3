package dev.slipway.secret.service;

import java.util.Map;

/** The answer of the audited reveal route (non-production only). */
public record RevealedSecret(String name, int version, Map<String, String> values) {

  @Override
  public String toString() {
    return "RevealedSecret[" + name + "@" + version + ", values=<redacted>]";
  }
}
