package dev.typedproducer.cli;

import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.internal.registry.TlsContexts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * The registry options of {@code compat} and {@code register}: the same as the builder's
 * (basic auth, bearer token, trust store, key store), each from a flag or, so that secrets stay
 * out of the process list and shell history, an environment variable.
 */
final class RegistryArgs {
  /** Option name, and the environment variable that gives it when the flag is absent. */
  static final Map<String, String> ENV = Map.of(
      "registry-basic-auth", "SCHEMA_REGISTRY_BASIC_AUTH",
      "registry-bearer-token", "SCHEMA_REGISTRY_BEARER_TOKEN",
      "registry-trust-store", "SCHEMA_REGISTRY_TRUST_STORE",
      "registry-trust-store-password", "SCHEMA_REGISTRY_TRUST_STORE_PASSWORD",
      "registry-key-store", "SCHEMA_REGISTRY_KEY_STORE",
      "registry-key-store-password", "SCHEMA_REGISTRY_KEY_STORE_PASSWORD");
  /** Every registry option, with the URL. */
  static final Set<String> OPTIONS = Set.of("registry-url", "registry-basic-auth",
      "registry-bearer-token", "registry-trust-store", "registry-trust-store-password",
      "registry-key-store", "registry-key-store-password", "registry-retry-window");
  /** How long one request may take. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  static final String USAGE = String.join("\n",
      "      --registry-basic-auth U:P  HTTP basic credentials (or SCHEMA_REGISTRY_BASIC_AUTH;",
      "                                 or user:password@ in the URL)",
      "      --registry-bearer-token T  a bearer token (or SCHEMA_REGISTRY_BEARER_TOKEN)",
      "      --registry-trust-store F   PKCS12/JKS file of certificates to trust for https, with",
      "      --registry-trust-store-password P (or SCHEMA_REGISTRY_TRUST_STORE[_PASSWORD])",
      "      --registry-key-store F     PKCS12/JKS key for mutual TLS, with",
      "      --registry-key-store-password P (or SCHEMA_REGISTRY_KEY_STORE[_PASSWORD])",
      "      --registry-retry-window S  how long failures that may pass (unreachable, timeouts,",
      "                                 5xx, 408, 429) are tried again; default 30, 0 for never");

  private RegistryArgs() {}

  /** The registry client {@code args} ask for, {@code url} being the registry URL. */
  static SchemaRegistryClient client(Args args, String url) {
    return client(args, url, System::getenv);
  }

  static SchemaRegistryClient client(Args args, String url, Function<String, String> env) {
    Function<String, String> option = name -> args.get(name, env.apply(ENV.get(name)));
    String token = option.apply("registry-bearer-token");
    SSLContext tls = tls(option);
    try {
      return SchemaRegistryClient.create(url, new SchemaRegistryClient.Settings(TIMEOUT,
          retryWindow(args), option.apply("registry-basic-auth"),
          token == null ? null : () -> token, tls));
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException("--registry-url " + e.getMessage());
    }
  }

  private static Duration retryWindow(Args args) {
    String given = args.get("registry-retry-window", "30");
    try {
      Duration window = Duration.ofSeconds(Long.parseLong(given));
      if (!window.isNegative()) {
        return window;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Args.UsageException("--registry-retry-window " + given + " is not a number of"
        + " seconds, 0 or more");
  }

  private static SSLContext tls(Function<String, String> option) {
    String trust = option.apply("registry-trust-store");
    String key = option.apply("registry-key-store");
    if (trust == null && key == null) {
      return null;
    }
    try {
      return TlsContexts.create(trust == null ? null : Path.of(trust),
          password(option, "registry-trust-store", trust), key == null ? null : Path.of(key),
          password(option, "registry-key-store", key));
    } catch (IllegalArgumentException e) {
      throw new Args.UsageException("--registry-trust-store / --registry-key-store: "
          + e.getMessage());
    }
  }

  private static char[] password(Function<String, String> option, String store, String file) {
    if (file == null) {
      return null;
    }
    String password = option.apply(store + "-password");
    if (password == null) {
      throw new Args.UsageException("--" + store + " " + file + " needs its password: --" + store
          + "-password or " + ENV.get(store + "-password"));
    }
    return password.toCharArray();
  }
}
