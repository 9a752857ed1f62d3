package dev.slipway.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {

  private static final Instant T = Instant.parse("2026-11-25T10:00:00Z");
  private final CheckpointKey key = newKey();

  @Test
  void anIntactChainPassesEveryCheckpointOnTheWay() {
    List<StoredRecord> chain = chain(10, "original");
    var verifier = new ChainVerifier(List.of(checkpoint(chain, 4), checkpoint(chain, 10)), key());

    verifier.accept(chain.subList(0, 6));
    verifier.accept(chain.subList(6, 10));

    assertThat(verifier.finish())
        .isEqualTo(
            ChainCheck.intact(10, 2, List.of(new CheckpointSigner(key.keyId(), true, 2, 4, 10))));
  }

  @Test
  void checkpointsSignedBeforeAKeyRotationStillVerifyAndEachNamesItsKey() {
    List<StoredRecord> chain = chain(12, "original");
    CheckpointKey rotated = newKey();
    var verifier =
        new ChainVerifier(
            List.of(
                checkpoint(chain, 4, key),
                checkpoint(chain, 8, key),
                checkpoint(chain, 12, rotated)),
            new CheckpointKeyring(Optional.of(rotated.publicKey()), List.of(key.publicKey())));

    verifier.accept(chain);

    assertThat(verifier.finish())
        .isEqualTo(
            ChainCheck.intact(
                12,
                3,
                List.of(
                    new CheckpointSigner(key.keyId(), false, 2, 4, 8),
                    new CheckpointSigner(rotated.keyId(), true, 1, 12, 12))));
  }

  @Test
  void aCheckpointSignedByAKeyThatIsNeitherCurrentNorPreviousIsABrokenLink() {
    List<StoredRecord> chain = chain(8, "original");
    CheckpointKey rotated = newKey();
    var verifier =
        new ChainVerifier(
            List.of(checkpoint(chain, 4, key), checkpoint(chain, 8, rotated)),
            new CheckpointKeyring(Optional.of(rotated.publicKey()), List.of()));

    verifier.accept(chain);
    ChainCheck check = verifier.finish();

    assertThat(check.ok()).isFalse();
    assertThat(check.brokenSeq()).isEqualTo(4);
    assertThat(check.reason())
        .contains("signed with key " + key.keyId())
        .contains("neither the current key nor a previous one");
  }

  @Test
  void aForgedCheckpointClaimingAPreviousKeyStillFailsItsSignature() {
    List<StoredRecord> chain = chain(4, "original");
    CheckpointKey rotated = newKey();
    Checkpoint signedByNew = checkpoint(chain, 4, rotated);
    Checkpoint claimingOld =
        new Checkpoint(
            4,
            signedByNew.headHash(),
            4,
            T,
            key.keyId(),
            CheckpointKey.ALGORITHM,
            signedByNew.signature());
    var verifier =
        new ChainVerifier(
            List.of(claimingOld),
            new CheckpointKeyring(Optional.of(rotated.publicKey()), List.of(key.publicKey())));

    verifier.accept(chain);

    assertThat(verifier.finish().reason()).contains("signature does not verify");
  }

  @Test
  void theFirstBrokenRecordOfALargePageIsNamedThoughHashesAreRecomputedInParallel() {
    List<StoredRecord> chain = new ArrayList<>(chain(2000, "original"));
    for (int seq : new int[] {1500, 1234, 1999}) {
      StoredRecord r = chain.get(seq - 1);
      chain.set(seq - 1, new StoredRecord(seq, entry(seq, "changed"), r.prevHash(), r.hash()));
    }
    var verifier = new ChainVerifier(List.of(), CheckpointKeyring.none());

    assertThat(verifier.accept(chain)).isFalse();
    assertThat(verifier.finish().brokenSeq()).isEqualTo(1234);
    assertThat(verifier.finish().verified()).isEqualTo(1233);
  }

  @Test
  void aChainRewrittenWithConsistentLinksIsCaughtAtTheNextCheckpoint() {
    List<StoredRecord> original = chain(10, "original");
    List<StoredRecord> rewritten = new ArrayList<>(original.subList(0, 2));
    rewritten.addAll(rechain(original.subList(2, 10), original.get(1).hash()));
    var verifier = new ChainVerifier(List.of(checkpoint(original, 6)), key());

    verifier.accept(rewritten);
    ChainCheck check = verifier.finish();

    assertThat(check.ok()).isFalse();
    assertThat(check.brokenSeq()).isEqualTo(6);
    assertThat(check.reason()).contains("signed checkpoint at seq 6").contains("rewritten");
  }

  @Test
  void recordsRemovedFromTheEndLeaveACheckpointBeyondTheLastRecord() {
    List<StoredRecord> chain = chain(10, "original");
    var verifier = new ChainVerifier(List.of(checkpoint(chain, 10)), key());

    verifier.accept(chain.subList(0, 8));
    ChainCheck check = verifier.finish();

    assertThat(check.ok()).isFalse();
    assertThat(check.brokenSeq()).isEqualTo(10);
    assertThat(check.reason()).contains("beyond the last record");
  }

  @Test
  void aCheckpointWhoseCountWasAlteredNoLongerVerifies() {
    List<StoredRecord> chain = chain(5, "original");
    Checkpoint signed = checkpoint(chain, 5);
    Checkpoint altered =
        new Checkpoint(
            signed.seq(),
            signed.headHash(),
            signed.count() + 1,
            signed.at(),
            signed.keyId(),
            signed.algorithm(),
            signed.signature());
    var verifier = new ChainVerifier(List.of(altered), key());

    verifier.accept(chain);

    assertThat(verifier.finish().reason()).contains("signature does not verify");
  }

  @Test
  void aChangedRecordIsNamedBeforeAnyCheckpoint() {
    List<StoredRecord> chain = new ArrayList<>(chain(5, "original"));
    StoredRecord third = chain.get(2);
    chain.set(2, new StoredRecord(3, entry(3, "changed"), third.prevHash(), third.hash()));
    var verifier = new ChainVerifier(List.of(checkpoint(chain(5, "original"), 5)), key());

    assertThat(verifier.accept(chain)).isFalse();
    assertThat(verifier.finish().brokenSeq()).isEqualTo(3);
    assertThat(verifier.finish().reason()).contains("was changed");
  }

  @Test
  void aCheckpointIsDueEveryNRecordsOrAfterTheIntervalWithSomethingNew() {
    var policy = new CheckpointPolicy(1000, Duration.ofMinutes(5));

    assertThat(policy.due(1000, T, T.plusSeconds(1))).isTrue();
    assertThat(policy.due(999, T, T.plusSeconds(1))).isFalse();
    assertThat(policy.due(1, T, T.plus(Duration.ofMinutes(5)))).isTrue();
    assertThat(policy.due(0, T, T.plus(Duration.ofHours(5)))).isFalse();
    assertThat(policy.due(1, null, T)).isTrue();
  }

  private CheckpointKeyring key() {
    return new CheckpointKeyring(Optional.of(key.publicKey()), List.of());
  }

  private Checkpoint checkpoint(List<StoredRecord> chain, int seq) {
    return checkpoint(chain, seq, key);
  }

  private static Checkpoint checkpoint(List<StoredRecord> chain, int seq, CheckpointKey signer) {
    String head = chain.get(seq - 1).hash();
    return new Checkpoint(
        seq,
        head,
        seq,
        T,
        signer.keyId(),
        CheckpointKey.ALGORITHM,
        signer.sign(Checkpoint.text(seq, head, seq, T)));
  }

  private static List<StoredRecord> chain(int n, String content) {
    List<StoredRecord> chain = new ArrayList<>();
    String prev = HashChain.GENESIS;
    for (int seq = 1; seq <= n; seq++) {
      AuditEntry entry = entry(seq, content);
      String hash = HashChain.hash(prev, entry);
      chain.add(new StoredRecord(seq, entry, prev, hash));
      prev = hash;
    }
    return chain;
  }

  private static List<StoredRecord> rechain(List<StoredRecord> records, String prev) {
    List<StoredRecord> rewritten = new ArrayList<>();
    for (StoredRecord r : records) {
      AuditEntry forged = entry((int) r.seq(), "forged");
      String hash = HashChain.hash(prev, forged);
      rewritten.add(new StoredRecord(r.seq(), forged, prev, hash));
      prev = hash;
    }
    return rewritten;
  }

  private static AuditEntry entry(int seq, String content) {
    return new AuditEntry(
        "event-" + seq,
        "dev.slipway.deploy.requested.v1",
        "/tests",
        "payments/dev/hello",
        "payments",
        "dev",
        "hello",
        null,
        "alice",
        Payloads.parse("{\"content\": \"" + content + "\"}"),
        T,
        T);
  }

  private static CheckpointKey newKey() {
    try {
      var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      return CheckpointKey.of(
          Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
          Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
