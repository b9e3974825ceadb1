package dev.typedproducer.internal.registry;

import dev.typedproducer.SchemaRegistryException;
import dev.typedproducer.internal.registry.Response.NotRegistryAnswer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.net.ssl.SSLHandshakeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one request to the registry: to each URL in turn until one answers as a registry, and
 * again after a backoff while the retry window is open and the failure may pass.
 */
final class RegistryTransport {
  private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistryClient.class);

  private final RegistryUrls urls;
  private final Duration timeout;
  private final HttpClient http;
  private final RetryWindow retries;
  private final BearerToken bearer;

  RegistryTransport(RegistryUrls urls, SchemaRegistryClient.Settings settings) {
    this.urls = urls;
    this.timeout = settings.timeout();
    HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
    if (settings.tls() != null) {
      http.sslContext(settings.tls());
    }
    this.http = http.build();
    this.retries = new RetryWindow(settings.retryWindow());
    this.bearer = settings.bearerToken() == null ? null : new BearerToken(settings.bearerToken());
  }

  /** One URL that did not answer as a registry: in short, and as its own exception. */
  private record Failure(String brief, SchemaRegistryException exception) {}

  /**
   * Sends the request to each URL in turn until one answers as a registry, and reads that
   * answer with {@code reader}, which throws {@link NotRegistryAnswer} for an answer no registry
   * gives and a {@link SchemaRegistryException} for a registry's refusal.
   */
  <T> T send(String subject, String action, String method, String relative, String body,
      Function<Response, T> reader) {
    retries.open();
    for (int attempt = 1; ; attempt++) {
      try {
        return sendToEach(subject, action, method, relative, body, reader);
      } catch (SchemaRegistryException e) {
        if (!e.isRetriable() || Thread.currentThread().isInterrupted()) {
          throw e;
        }
        Duration wait = retries.backoff(attempt);
        if (wait == null) {
          throw attempt == 1 ? e : gaveUp(e, attempt);
        }
        LOG.warn("Schema registry: could not {}, attempt {} ({}); trying again in {} ms, {} ms"
            + " into the {} s start-up window", e.subject() == null ? action : action
            + " for subject " + e.subject(), attempt, brief(e), wait.toMillis(),
            retries.elapsed().toMillis(), retries.window().toSeconds());
        try {
          Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private SchemaRegistryException gaveUp(SchemaRegistryException last, int attempts) {
    return new SchemaRegistryException(last.getMessage() + " Gave up after " + attempts
        + " attempts in " + retries.elapsed().toMillis() + " ms: the start-up window of "
        + retries.window().toMillis() + " ms (startupTimeout) has passed.", last.url(),
        last.subject(), last.httpStatus(), last.errorCode(), true, last);
  }

  private static String brief(SchemaRegistryException e) {
    String message = e.getMessage();
    int cut = message.indexOf(". ");
    return cut < 0 ? message : message.substring(0, cut);
  }

  private <T> T sendToEach(String subject, String action, String method, String relative,
      String body, Function<Response, T> reader) {
    Response.Call call = new Response.Call(urls.display(), subject, action, method);
    List<Failure> failures = new ArrayList<>();
    for (RegistryUrls.Endpoint endpoint : urls.endpoints()) {
      URI shown = endpoint.shown().resolve(relative);
      HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.base().resolve(relative))
          .timeout(timeout)
          .header("Accept", SchemaRegistryClient.CONTENT_TYPE + ", application/json")
          .method(method, body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      if (body != null) {
        request.header("Content-Type", SchemaRegistryClient.CONTENT_TYPE);
      }
      if (endpoint.authorization() != null) {
        request.header("Authorization", endpoint.authorization());
      }
      HttpResponse<String> answer;
      try {
        answer = exchange(request);
      } catch (SSLHandshakeException e) {
        // A certificate no side trusts does not become trusted by waiting: not retriable.
        failures.add(new Failure(shown + ": " + describe(e), new SchemaRegistryException(
            "The TLS handshake with the schema registry at " + shown + " failed: " + describe(e)
                + ". Check that the trust store (schemaRegistryTls, --registry-trust-store)"
                + " holds the registry's certificate or its CA, and, when the registry requires"
                + " client certificates, that the key store holds one it trusts.",
            urls.display(), subject, 0, 0, false, e)));
        continue;
      } catch (IOException e) {
        failures.add(new Failure(shown + ": " + describe(e), new SchemaRegistryException(
            "Cannot reach the schema registry at " + shown + ": " + describe(e) + ". Check that"
                + " the registry URL (" + urls.display() + ") is right and the registry is"
                + " running, then try again." + ("https".equals(shown.getScheme())
                ? " Over TLS 1.3 a registry that refuses the client's certificate also just"
                + " closes the connection: check the key store (schemaRegistryTls)." : ""),
            urls.display(), subject, 0, 0, true, e)));
        continue;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("Interrupted while calling the schema registry at "
            + shown, urls.display(), subject, 0, 0, true, e);
      }
      Response response = Response.of(call, shown, answer.statusCode(), answer.body());
      if (response.retriable()) {
        failures.add(new Failure(shown + ": " + response.summary(), response.refusal()));
        continue;
      }
      try {
        if (response.body() == null) {
          throw new NotRegistryAnswer("it is not a JSON object or list");
        }
        return reader.apply(response);
      } catch (NotRegistryAnswer e) {
        failures.add(new Failure(shown + ": " + response.notRegistrySummary(e.getMessage())
            + " is not a schema registry's answer", response.notRegistry(e.getMessage())));
      }
    }
    throw allFailed(call, failures);
  }

  /** Sends one request; with a bearer token, once more with a fresh token after a 401. */
  private HttpResponse<String> exchange(HttpRequest.Builder request)
      throws IOException, InterruptedException {
    if (bearer != null) {
      request.setHeader("Authorization", bearerHeader(false));
    }
    HttpResponse<String> answer = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (bearer != null && answer.statusCode() == 401) {
      // The token may have expired: the supplier is asked again, once.
      request.setHeader("Authorization", bearerHeader(true));
      answer = http.send(request.build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
    return answer;
  }

  private String bearerHeader(boolean fresh) {
    try {
      return fresh ? "Bearer " + bearer.refresh() : bearer.header();
    } catch (RuntimeException e) {
      throw new SchemaRegistryException("The bearer token supplier for the schema registry at "
          + urls.display() + " failed: " + e.getClass().getSimpleName() + ". Check the code that"
          + " supplies the token.", urls.display(), null, 0, 0, false, e);
    }
  }

  private SchemaRegistryException allFailed(Response.Call call, List<Failure> failures) {
    SchemaRegistryException last = failures.get(failures.size() - 1).exception();
    if (failures.size() == 1) {
      return last;
    }
    SchemaRegistryException all = new SchemaRegistryException("None of the "
        + failures.size() + " schema registry URLs could " + call.forSubject() + ": "
        + failures.stream().map(Failure::brief).collect(Collectors.joining("; ")) + ". Check"
        + " that the registry URLs are right (for Apicurio Registry they end in"
        + " /apis/ccompat/v7) and that a registry runs behind them, then try again.",
        urls.display(), call.subject(), last.httpStatus(), last.errorCode(),
        failures.stream().anyMatch(f -> f.exception().isRetriable()), last);
    failures.subList(0, failures.size() - 1).forEach(f -> all.addSuppressed(f.exception()));
    return all;
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
  }
}
