package dev.typedproducer;

import dev.typedproducer.internal.registry.TlsContexts;
import java.nio.file.Path;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * TLS to the schema registry: the certificates to trust (a trust store, when the registry's
 * certificate is not signed by a CA the JDK trusts) and, for mutual TLS, the key store whose key
 * the client presents. Files are PKCS12 or JKS. Passwords never appear in {@link #toString()} or
 * in messages.
 *
 * <pre>{@code
 * TypedProducer.builder(UserClick.class)
 *     .schemaRegistryUrl("https://registry.internal:8443")
 *     .schemaRegistryTls(RegistryTls.trustStore(Path.of("/etc/tls/ca.p12"), caPassword)
 *         .withKeyStore(Path.of("/etc/tls/orders-service.p12"), keyPassword))
 * }</pre>
 */
public final class RegistryTls {
  private final Path trustStore;
  private final String trustStorePassword;
  private final Path keyStore;
  private final String keyStorePassword;

  private RegistryTls(Path trustStore, String trustStorePassword, Path keyStore,
      String keyStorePassword) {
    this.trustStore = trustStore;
    this.trustStorePassword = trustStorePassword;
    this.keyStore = keyStore;
    this.keyStorePassword = keyStorePassword;
  }

  /** Trusts the certificates in {@code file} (PKCS12 or JKS), and no others. */
  public static RegistryTls trustStore(Path file, String password) {
    return new RegistryTls(Objects.requireNonNull(file, "file"),
        Objects.requireNonNull(password, "password"), null, null);
  }

  /** Trusts the JDK's default certificate authorities. */
  public static RegistryTls defaultTrust() {
    return new RegistryTls(null, null, null, null);
  }

  /** For mutual TLS: presents the key in {@code file} (PKCS12 or JKS; key password = store's). */
  public RegistryTls withKeyStore(Path file, String password) {
    return new RegistryTls(trustStore, trustStorePassword, Objects.requireNonNull(file, "file"),
        Objects.requireNonNull(password, "password"));
  }

  /** The trust store file, or null for the JDK's defaults. */
  public Path trustStoreFile() {
    return trustStore;
  }

  /** The key store file, or null without mutual TLS. */
  public Path keyStoreFile() {
    return keyStore;
  }

  /**
   * Reads the stores.
   *
   * @throws InvalidConfigException naming the file, never the password
   */
  SSLContext context() {
    try {
      return TlsContexts.create(trustStore, chars(trustStorePassword), keyStore,
          chars(keyStorePassword));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("schemaRegistryTls", toString(), "schemaRegistryTls: "
          + e.getMessage() + " Give a readable PKCS12 or JKS file and its password.", e);
    }
  }

  private static char[] chars(String password) {
    return password == null ? null : password.toCharArray();
  }

  @Override
  public String toString() {
    return "RegistryTls[trustStore=" + (trustStore == null ? "JDK default" : trustStore)
        + ", keyStore=" + (keyStore == null ? "none" : keyStore) + ", passwords=***]";
  }
}
