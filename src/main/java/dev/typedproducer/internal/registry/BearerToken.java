package dev.typedproducer.internal.registry;

import java.util.function.Supplier;

/**
 * A bearer token for the registry, from a supplier that is asked once and asked again only when
 * the registry refuses the token (HTTP 401), e.g. because it expired. The token never appears in
 * {@link #toString()}.
 */
final class BearerToken {
  private final Supplier<String> source;
  private volatile String current;

  BearerToken(Supplier<String> source) {
    this.source = source;
  }

  /** The {@code Authorization} header value. */
  String header() {
    String token = current;
    if (token == null) {
      token = refresh();
    }
    return "Bearer " + token;
  }

  /** Forgets the refused token and asks the supplier for a new one. */
  synchronized String refresh() {
    String token = source.get();
    if (token == null || token.isBlank()) {
      throw new IllegalStateException("the bearer token supplier gave no token");
    }
    current = token.strip();
    return current;
  }

  @Override
  public String toString() {
    return "BearerToken[***]";
  }
}
