package dev.typedproducer.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes Confluent-framed Avro values with none of the SDK's code: it reads the frame by hand,
 * fetches the writer schema by id from the registry over plain HTTP, and decodes with Avro's
 * {@link GenericDatumReader}. What the integration tests check the SDK's output with.
 */
public final class IndependentDecoder {
  /** A decoded value and the schema id its frame carried. */
  public record Decoded(int schemaId, Schema writerSchema, GenericRecord value) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private final String registryUrl;
  private final HttpClient http = HttpClient.newHttpClient();
  private final Map<Integer, Schema> schemas = new ConcurrentHashMap<>();

  public IndependentDecoder(String registryUrl) {
    this.registryUrl = registryUrl.endsWith("/") ? registryUrl : registryUrl + "/";
  }

  public Decoded decode(byte[] value) throws IOException {
    ByteBuffer frame = ByteBuffer.wrap(value);
    if (frame.get() != 0) {
      throw new IOException("magic byte is not 0");
    }
    int id = frame.getInt();
    Schema writer = schemas.computeIfAbsent(id, this::fetch);
    GenericRecord record = new GenericDatumReader<GenericRecord>(writer)
        .read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
    return new Decoded(id, writer, record);
  }

  /** The schema with global id {@code id}, as the registry holds it. */
  public Schema fetch(int id) {
    try {
      HttpResponse<String> response = http.send(
          HttpRequest.newBuilder(URI.create(registryUrl + "schemas/ids/" + id)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET schemas/ids/" + id + ": HTTP "
            + response.statusCode() + " " + response.body());
      }
      return new Schema.Parser().parse(JSON.readTree(response.body()).path("schema").asText());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Registers {@code schemaText} under {@code subject} over plain HTTP and returns its id. */
  public int register(String subject, String schemaText) throws IOException, InterruptedException {
    String body = JSON.createObjectNode().put("schema", schemaText).toString();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create(registryUrl + "subjects/" + subject + "/versions"))
        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("register " + subject + ": HTTP " + response.statusCode()
          + " " + response.body());
    }
    return JSON.readTree(response.body()).path("id").asInt();
  }
}
