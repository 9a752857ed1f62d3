package dev.slipway.kit.kubernetes;

/** What a server-side apply did to one object. */
public sealed interface ApplyOutcome {
  String kind();

  String name();

  record Created(String kind, String name) implements ApplyOutcome {}

  record Patched(String kind, String name) implements ApplyOutcome {}

  /** Another field manager held some of our fields; the apply took them back and says which. */
  record Forced(String kind, String name, String conflict) implements ApplyOutcome {}

  /** The object already had exactly these fields: nothing changed, no new generation. */
  record Noop(String kind, String name) implements ApplyOutcome {}
}
