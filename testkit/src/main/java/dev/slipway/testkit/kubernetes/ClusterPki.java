package dev.slipway.testkit.kubernetes;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The cluster's key material, as PEM files in {@code <dataDir>/pki}: a CA, the API server's serving
 * certificate signed by it (so clients verify TLS instead of skipping it), and the service-account
 * signing key. Generated on the first start of a data dir and reused afterwards, so kubeconfigs and
 * tokens handed out earlier stay valid across restarts of {@code slipway dev}.
 */
record ClusterPki(
    Path caCert, Path caKey, Path servingCert, Path servingKey, Path serviceAccountKey) {

  private static final Duration VALIDITY = Duration.ofDays(3650);

  static ClusterPki loadOrCreate(Path dataDir) throws IOException {
    Path dir = Files.createDirectories(dataDir.resolve("pki"));
    ClusterPki pki =
        new ClusterPki(
            dir.resolve("ca.crt"),
            dir.resolve("ca.key"),
            dir.resolve("apiserver.crt"),
            dir.resolve("apiserver.key"),
            dir.resolve("service-account.key"));
    if (!Files.exists(pki.serviceAccountKey)) {
      pki.generate();
    }
    return pki;
  }

  /** The CA certificate, base64 of its PEM: the form kubeconfig and fabric8 take. */
  String caCertData() throws IOException {
    return Base64.getEncoder().encodeToString(Files.readAllBytes(caCert));
  }

  private void generate() throws IOException {
    try {
      KeyPair ca = rsa();
      X500Name caName = new X500Name("CN=slipway-local-ca");
      Instant now = Instant.now().minus(Duration.ofHours(1));
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder caBuilder =
          new JcaX509v3CertificateBuilder(
                  caName,
                  serial(),
                  Date.from(now),
                  Date.from(now.plus(VALIDITY)),
                  caName,
                  ca.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(ca.getPublic()));
      X509Certificate caCertificate = sign(caBuilder.build(signer(ca.getPrivate())));

      KeyPair serving = rsa();
      GeneralNames names =
          new GeneralNames(
              new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                // The first address of --service-cluster-ip-range: the in-cluster "kubernetes"
                // Service.
                new GeneralName(GeneralName.iPAddress, "10.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.dNSName, "kubernetes"),
                new GeneralName(GeneralName.dNSName, "kubernetes.default"),
                new GeneralName(GeneralName.dNSName, "kubernetes.default.svc"),
                new GeneralName(GeneralName.dNSName, "kubernetes.default.svc.cluster.local")
              });
      X509v3CertificateBuilder servingBuilder =
          new JcaX509v3CertificateBuilder(
                  caCertificate,
                  serial(),
                  Date.from(now),
                  Date.from(now.plus(VALIDITY)),
                  new X500Name("CN=kube-apiserver"),
                  serving.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
              .addExtension(Extension.subjectAlternativeName, false, names)
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  ext.createAuthorityKeyIdentifier(caCertificate));
      X509Certificate servingCertificate = sign(servingBuilder.build(signer(ca.getPrivate())));

      writePem(caKey, ca.getPrivate());
      writePem(caCert, caCertificate);
      writePem(servingKey, serving.getPrivate());
      writePem(servingCert, servingCertificate);
      // Written last: its presence marks a complete set (see loadOrCreate).
      writePem(serviceAccountKey, rsa().getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException("cannot generate the local cluster's certificates", e);
    }
  }

  /** Reads a PKCS#8 private key written by this class, e.g. to sign something with the CA. */
  static PrivateKey readPrivateKey(Path pem) throws IOException {
    try (PEMParser parser = new PEMParser(Files.newBufferedReader(pem))) {
      return new JcaPEMKeyConverter().getPrivateKey((PrivateKeyInfo) parser.readObject());
    }
  }

  private static KeyPair rsa() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return generator.generateKeyPair();
  }

  private static BigInteger serial() {
    return new BigInteger(63, new SecureRandom());
  }

  private static org.bouncycastle.operator.ContentSigner signer(PrivateKey key)
      throws OperatorCreationException {
    return new JcaContentSignerBuilder("SHA256withRSA").build(key);
  }

  private static X509Certificate sign(X509CertificateHolder holder)
      throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(holder);
  }

  /** PEM; private keys as PKCS#8 ("PRIVATE KEY"), which both Go and Java read. */
  private static void writePem(Path file, Object object) throws IOException {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
      writer.writeObject(
          object instanceof PrivateKey key ? PrivateKeyInfo.getInstance(key.getEncoded()) : object);
    }
    Files.writeString(file, out.toString(), StandardCharsets.US_ASCII);
    if (object instanceof PrivateKey) {
      Files.setPosixFilePermissions(
          file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    }
  }
}
