package dev.typedproducer.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * For unit tests only: an HTTP server that answers registry requests with canned responses and
 * records what it was asked. Integration tests use a real registry ({@link LocalSchemaRegistry}).
 */
public final class FakeRegistry implements AutoCloseable {
  /** One request as received. */
  public record Request(String method, String path, String body, String contentType,
      String authorization) {}

  private record Answer(int status, String body, Duration delay) {}

  private final HttpServer server;
  private final Map<String, Answer> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger failuresLeft =
      new java.util.concurrent.atomic.AtomicInteger();
  private volatile Answer failure;
  // Handlers run here, not on the server's own thread, so that a slow answer can be cut short.
  private final ExecutorService handlers = Executors.newCachedThreadPool();

  private FakeRegistry() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(handlers);
    server.createContext("/", exchange -> {
      String path = exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Request(exchange.getRequestMethod(), path, body,
          exchange.getRequestHeaders().getFirst("Content-Type"),
          exchange.getRequestHeaders().getFirst("Authorization")));
      Answer answer = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failure
          : answers.getOrDefault(exchange.getRequestMethod() + " " + path,
              new Answer(404, "<html>no such page</html>", Duration.ZERO));
      try {
        Thread.sleep(answer.delay.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange.close(); // closed while waiting: the client has long given up
        return;
      }
      byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/vnd.schemaregistry.v1+json");
      exchange.sendResponseHeaders(answer.status, bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  public static FakeRegistry start() {
    try {
      return new FakeRegistry();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Answers {@code method path} (path as sent, with its query) with {@code status} and {@code body}. */
  public FakeRegistry answer(String method, String path, int status, String body) {
    return answerAfter(Duration.ZERO, method, path, status, body);
  }

  /** As {@link #answer}, after waiting {@code delay}: a registry too slow for the client. */
  public FakeRegistry answerAfter(Duration delay, String method, String path, int status,
      String body) {
    answers.put(method + " " + path, new Answer(status, body, delay));
    return this;
  }

  /** Answers the next {@code count} requests, whatever they ask, with {@code status}, {@code body}. */
  public FakeRegistry failNext(int count, int status, String body) {
    failure = new Answer(status, body, Duration.ZERO);
    failuresLeft.set(count);
    return this;
  }

  /** The URL of a local port nothing listens on: a registry that is down. */
  public static String unreachableUrl() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Request> requests() {
    return requests;
  }

  @Override
  public void close() {
    server.stop(0);
    handlers.shutdownNow();
  }
}
