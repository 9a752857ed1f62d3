package dev.slipway.secret.crypto;

import dev.slipway.secret.config.SecretsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.List;
import org.jboss.logging.Logger;

/** The configured master keys; without one, a per-process key and a warning nobody can miss. */
public class KeyProviderProducer {

  private static final Logger LOG = Logger.getLogger(KeyProviderProducer.class);

  @Produces
  @ApplicationScoped
  KeyProvider keyProvider(SecretsConfig config) {
    List<byte[]> previous =
        config.previousMasterKeys().orElse(List.of()).stream()
            .filter(k -> !k.isBlank())
            .map(k -> ConfigKeyProvider.decode(k, "slipway.secrets.previous-master-keys"))
            .toList();
    if (config.masterKey().isEmpty() || config.masterKey().get().isBlank()) {
      LOG.warn(
          "\n*****************************************************************************\n"
              + "* slipway.secrets.master-key is NOT SET: secret-service generated a master *\n"
              + "* key for this process only. Secrets written now cannot be read after a     *\n"
              + "* restart. Set SLIPWAY_SECRETS_MASTER_KEY (base64, 32 bytes) for real use.  *\n"
              + "*****************************************************************************");
      return new ConfigKeyProvider(ConfigKeyProvider.generate(), previous);
    }
    return new ConfigKeyProvider(
        ConfigKeyProvider.decode(config.masterKey().get(), "slipway.secrets.master-key"), previous);
  }

  @Produces
  @ApplicationScoped
  Envelope envelope(KeyProvider keys) {
    return new Envelope(keys);
  }
}
