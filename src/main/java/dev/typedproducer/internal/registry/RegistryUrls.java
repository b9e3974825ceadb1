package dev.typedproducer.internal.registry;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The registry URLs of a client: where requests go, with which credentials, and how messages show
 * them. A URL may carry its credentials ({@code http://user:password@host:8081}, percent-encoded),
 * as Confluent's {@code basic.auth.credentials.source=URL} reads them; messages show such a URL as
 * {@code http://user:***@host:8081}, never with its password.
 */
final class RegistryUrls {
  /** One base URL: where requests go, how messages show it, and its Authorization header. */
  record Endpoint(URI base, URI shown, String authorization) {}

  private final List<Endpoint> endpoints;
  private final String display;

  private RegistryUrls(List<Endpoint> endpoints, String display) {
    this.endpoints = endpoints;
    this.display = display;
  }

  List<Endpoint> endpoints() {
    return endpoints;
  }

  /** The URL(s) as given, passwords hidden. */
  String display() {
    return display;
  }

  /**
   * Parses {@code urls}, comma-separated.
   *
   * @param basicAuth {@code user:password} for the URLs that carry no credentials, or null
   * @throws IllegalArgumentException if a URL is not an absolute http(s) URL, or carries
   *     credentials that differ from {@code basicAuth}
   */
  static RegistryUrls parse(String urls, String basicAuth) {
    String explicit = basicAuth == null || basicAuth.isBlank() ? null : basicAuth;
    List<Endpoint> endpoints = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (String url : urls.split(",")) {
      String trimmed = url.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = URI.create(trimmed.endsWith("/") ? trimmed : trimmed + "/");
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("\"" + redact(trimmed) + "\" is not a URL: "
            + redact(e.getMessage()));
      }
      if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())
          || uri.getHost() == null) {
        throw new IllegalArgumentException("\"" + redact(trimmed)
            + "\" is not an http:// or https:// URL");
      }
      String rawUserInfo = uri.getRawUserInfo();
      if (rawUserInfo == null) {
        endpoints.add(new Endpoint(uri, uri, header(explicit)));
        shown.add(trimmed);
        continue;
      }
      String hidden = hide(rawUserInfo);
      String shownUrl = trimmed.replace("//" + rawUserInfo + "@", "//" + hidden + "@");
      String credentials = uri.getUserInfo();
      if (credentials.indexOf(':') < 0) {
        throw new IllegalArgumentException("\"" + shownUrl + "\" carries a user but no password:"
            + " give http://user:password@host, with the password percent-encoded");
      }
      if (explicit != null && !explicit.equals(credentials)) {
        throw new IllegalArgumentException("credentials are given twice, and differ: in the URL "
            + shownUrl + " and as basic auth. Give them once, in the URL or as basic auth");
      }
      String plain = uri.toString().replace("//" + rawUserInfo + "@", "//");
      String masked = uri.toString().replace("//" + rawUserInfo + "@", "//" + hidden + "@");
      endpoints.add(new Endpoint(URI.create(plain), URI.create(masked), header(credentials)));
      shown.add(shownUrl);
    }
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("no URL given");
    }
    return new RegistryUrls(List.copyOf(endpoints), String.join(",", shown));
  }

  /**
   * {@code urls} with every password hidden, for messages: what {@link #display()} shows, also
   * for text that does not parse as URLs.
   */
  static String redact(String urls) {
    if (urls == null) {
      return null;
    }
    return Arrays.stream(urls.split(",", -1)).map(RegistryUrls::redactOne)
        .collect(Collectors.joining(","));
  }

  private static String redactOne(String url) {
    int at = url.lastIndexOf('@');
    if (at < 0) {
      return url;
    }
    int scheme = url.indexOf("://");
    int start = scheme >= 0 && scheme < at ? scheme + 3 : 0;
    String userInfo = url.substring(start, at);
    return url.substring(0, start) + hide(userInfo) + url.substring(at);
  }

  /** {@code user:***} for {@code user:password}; {@code ***} when there is no user to show. */
  private static String hide(String userInfo) {
    int colon = userInfo.indexOf(':');
    return colon <= 0 || userInfo.indexOf('/') >= 0 ? "***" : userInfo.substring(0, colon) + ":***";
  }

  private static String header(String credentials) {
    return credentials == null ? null : "Basic "
        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }
}
