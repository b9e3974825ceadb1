package dev.typedproducer.internal.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context for HTTPS to the registry from key store files (PKCS12 or JKS). */
public final class TlsContexts {
  private TlsContexts() {}

  /**
   * A TLS context that trusts the certificates in {@code trustStore} (or the JDK's defaults when
   * null) and, when {@code keyStore} is given, presents its key for mutual TLS.
   *
   * @throws IllegalArgumentException naming the file (never the password) when a store cannot be
   *     read: missing, not a key store, or a wrong password
   */
  public static SSLContext create(Path trustStore, char[] trustStorePassword, Path keyStore,
      char[] keyStorePassword) {
    try {
      TrustManagerFactory trust = null;
      if (trustStore != null) {
        trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(trustStore, trustStorePassword, "trust store"));
      }
      KeyManagerFactory keys = null;
      if (keyStore != null) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keyStore, keyStorePassword, "key store"), keyStorePassword);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(),
          trust == null ? null : trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("cannot use the key material: "
          + e.getClass().getSimpleName(), e);
    }
  }

  private static KeyStore load(Path file, char[] password, String what) {
    try {
      return KeyStore.getInstance(file.toFile(), password);
    } catch (IOException | GeneralSecurityException e) {
      // Messages of the JDK never hold the password; name the file and the likely causes.
      throw new IllegalArgumentException("cannot read the " + what + " " + file + " ("
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
          + "): is it a PKCS12 or JKS file, and is its password right?", e);
    }
  }
}
