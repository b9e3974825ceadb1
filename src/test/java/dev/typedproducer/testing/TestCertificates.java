package dev.typedproducer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Key material made by the JDK's {@code keytool} for one test run, in a temporary directory (never
 * committed): a server certificate for 127.0.0.1, a client certificate, and PKCS12 stores that
 * trust each. Passwords are random per run.
 */
public final class TestCertificates {
  public final Path dir;
  public final String password = "pw-" + Long.toHexString(System.nanoTime());
  /** The server's key and certificate (CN=registry, SAN IP 127.0.0.1). */
  public final Path serverKeyStore;
  /** Trusts the server's certificate: the client's trust store. */
  public final Path clientTrustStore;
  /** The client's key and certificate (CN=orders-service). */
  public final Path clientKeyStore;
  /** Trusts the client's certificate: the server's trust store for mutual TLS. */
  public final Path serverTrustStore;
  /** A key the server does not trust. */
  public final Path strangerKeyStore;

  private TestCertificates(Path dir) {
    this.dir = dir;
    serverKeyStore = dir.resolve("server.p12");
    clientTrustStore = dir.resolve("client-trust.p12");
    clientKeyStore = dir.resolve("client.p12");
    serverTrustStore = dir.resolve("server-trust.p12");
    strangerKeyStore = dir.resolve("stranger.p12");
  }

  public static TestCertificates create() {
    try {
      TestCertificates certs = new TestCertificates(Files.createTempDirectory("registry-tls"));
      certs.keyPair(certs.serverKeyStore, "server", "CN=registry", "IP:127.0.0.1");
      certs.trust(certs.serverKeyStore, "server", certs.clientTrustStore);
      certs.keyPair(certs.clientKeyStore, "client", "CN=orders-service", null);
      certs.trust(certs.clientKeyStore, "client", certs.serverTrustStore);
      certs.keyPair(certs.strangerKeyStore, "stranger", "CN=stranger", null);
      return certs;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void keyPair(Path store, String alias, String name, String san) {
    List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC",
        "-groupname", "secp256r1", "-dname", name, "-validity", "2", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", password));
    if (san != null) {
      args.addAll(List.of("-ext", "SAN=" + san));
    }
    keytool(args);
  }

  private void trust(Path keyStore, String alias, Path trustStore) {
    Path cert = dir.resolve(alias + ".crt");
    keytool(List.of("-exportcert", "-alias", alias, "-keystore", keyStore.toString(),
        "-storepass", password, "-file", cert.toString()));
    keytool(List.of("-importcert", "-noprompt", "-alias", alias, "-file", cert.toString(),
        "-storetype", "PKCS12", "-keystore", trustStore.toString(), "-storepass", password));
  }

  private static void keytool(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(args);
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (process.waitFor() != 0) {
        throw new IllegalStateException("keytool " + args.get(0) + " failed: " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The server side: its key, and (for mutual TLS) trust in the client's certificate. */
  public SSLContext serverContext() {
    try {
      char[] pw = password.toCharArray();
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(java.security.KeyStore.getInstance(serverKeyStore.toFile(), pw), pw);
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(java.security.KeyStore.getInstance(serverTrustStore.toFile(), pw));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes the key material. */
  public void delete() {
    try (var files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
      Files.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
