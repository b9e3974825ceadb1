package dev.typedproducer.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A forwarding proxy in front of a real registry ({@link LocalSchemaRegistry}): every request goes
 * to the registry and its answer comes back, so what the client sees is the real registry's. The
 * proxy adds what the test registry cannot do: serve HTTPS (and require client certificates),
 * require credentials, fail the next requests with a 5xx, or go away (an outage).
 */
public final class RegistryProxy implements AutoCloseable {
  private final HttpServer server;
  private final URI upstream;
  private final String scheme;
  private final HttpClient forward = HttpClient.newHttpClient();
  private final ExecutorService handlers = Executors.newCachedThreadPool();
  private final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();
  private volatile int failureStatus;
  private volatile String requiredAuthorization;

  private RegistryProxy(HttpServer server, String upstreamUrl, String scheme) {
    this.server = server;
    this.upstream = URI.create(upstreamUrl);
    this.scheme = scheme;
    server.setExecutor(handlers);
    server.createContext("/", this::handle);
    server.start();
  }

  /** A plain HTTP proxy to {@code registryUrl}. */
  public static RegistryProxy http(String registryUrl) {
    try {
      return new RegistryProxy(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0),
          registryUrl, "http");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS proxy to {@code registryUrl}, requiring a client certificate if asked. */
  public static RegistryProxy https(String registryUrl, SSLContext tls, boolean clientAuth) {
    try {
      HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls) {
        @Override
        public void configure(HttpsParameters params) {
          var parameters = tls.getDefaultSSLParameters();
          parameters.setNeedClientAuth(clientAuth);
          params.setSSLParameters(parameters);
        }
      });
      return new RegistryProxy(server, registryUrl, "https");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The registry's URL through the proxy (same path as the registry's own). */
  public String url() {
    return scheme + "://127.0.0.1:" + server.getAddress().getPort() + upstream.getPath();
  }

  /** Answers the next {@code count} requests with {@code status}, without asking the registry. */
  public RegistryProxy failNext(int count, int status) {
    failureStatus = status;
    failuresLeft.set(count);
    return this;
  }

  /** Answers 401 to requests whose {@code Authorization} header is not {@code header}. */
  public RegistryProxy requireAuthorization(String header) {
    requiredAuthorization = header;
    return this;
  }

  /** The Authorization headers received, in order. */
  public List<String> authorizations() {
    return authorizations;
  }

  /** How many requests arrived. */
  public int requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    authorizations.add(String.valueOf(authorization));
    byte[] body = exchange.getRequestBody().readAllBytes();
    if (failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      answer(exchange, failureStatus, "{\"error_code\":" + failureStatus + "01,"
          + "\"message\":\"proxy: registry unavailable\"}");
      return;
    }
    if (requiredAuthorization != null && !requiredAuthorization.equals(authorization)) {
      answer(exchange, 401, "{\"error_code\":40101,\"message\":\"Unauthorized\"}");
      return;
    }
    URI target = upstream.resolve(exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? ""
            : "?" + exchange.getRequestURI().getRawQuery()));
    HttpRequest.Builder request = HttpRequest.newBuilder(target)
        .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null) {
      request.header("Content-Type", type);
    }
    try {
      HttpResponse<String> answer = forward.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      answer(exchange, answer.statusCode(), answer.body());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      exchange.close();
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Stops the proxy: from here on the registry cannot be reached through it (an outage). */
  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
