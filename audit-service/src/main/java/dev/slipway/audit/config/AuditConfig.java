package dev.slipway.audit.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Tunables of the audit log. */
@ConfigMapping(prefix = "slipway.audit")
public interface AuditConfig {

  Query query();

  Verify verify();

  Export export();

  Stream stream();

  Checkpoint checkpoint();

  KubernetesWarnings kubernetesWarnings();

  interface KubernetesWarnings {
    /** Record the Warning Events of Slipway's namespaces (needs the audit-service ClusterRole). */
    @WithDefault("true")
    boolean enabled();
  }

  interface Checkpoint {
    /** A checkpoint once this many records were appended since the last one... */
    @WithDefault("10000")
    long everyRecords();

    /** ...or once this long has passed with at least one new record. */
    @WithDefault("5m")
    java.time.Duration interval();

    /** How often a replica looks whether a checkpoint is due. */
    @WithDefault("10s")
    java.time.Duration checkEvery();

    /**
     * The Ed25519 private key, PKCS#8 DER in base64 ({@code openssl pkey -outform DER | base64}).
     * Without it no checkpoints are made.
     */
    java.util.Optional<String> signingKey();

    /** Its public key, X.509 SubjectPublicKeyInfo DER in base64 ({@code openssl pkey -pubout}). */
    java.util.Optional<String> publicKey();

    /**
     * The public keys of signing keys replaced by a rotation (same format, comma-separated), so
     * that the checkpoints they signed still verify. Keep every key that ever signed.
     */
    java.util.Optional<java.util.List<String>> previousPublicKeys();
  }

  interface Export {
    /** At most this many records per export; narrow the filters (time range) for more. */
    @WithDefault("100000")
    int maxRecords();
  }

  interface Stream {
    /** How often a live stream looks for new records (every replica serves its own clients). */
    @WithDefault("1s")
    java.time.Duration pollInterval();
  }

  interface Query {
    @WithDefault("100")
    int defaultLimit();

    @WithDefault("1000")
    int maxLimit();
  }

  interface Verify {
    /** Records read per round trip while walking the chain. */
    @WithDefault("5000")
    int batchSize();
  }
}
