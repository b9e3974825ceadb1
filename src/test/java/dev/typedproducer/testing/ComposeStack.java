package dev.typedproducer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The users' local stack, {@code docker-compose.yml}, as data: its services, their images, ports,
 * environment and health checks. The Testcontainers profile takes its images from here, so that
 * the containers the tests run and the ones users start are the same.
 */
public final class ComposeStack {
  /** The file, relative to the project (the tests' working directory). */
  public static final Path FILE = Path.of("docker-compose.yml");

  private final Map<String, Map<String, Object>> services;

  private ComposeStack(Map<String, Map<String, Object>> services) {
    this.services = services;
  }

  /** Reads {@link #FILE} from the project at {@code project}. */
  @SuppressWarnings("unchecked")
  public static ComposeStack read(Path project) {
    try {
      Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
      Map<String, Object> root = yaml.load(Files.readString(project.resolve(FILE)));
      return new ComposeStack((Map<String, Map<String, Object>>) root.get("services"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The stack of this project, read from the working directory. */
  public static ComposeStack ofThisProject() {
    return read(Path.of(""));
  }

  public Set<String> services() {
    return services.keySet();
  }

  /** The service's {@code image}, e.g. {@code apache/kafka:4.3.1}. */
  public String image(String service) {
    return String.valueOf(service(service).get("image"));
  }

  /** The service's port mappings as written, e.g. {@code 9092:9092}. */
  public List<String> ports(String service) {
    Object ports = service(service).get("ports");
    return ports == null ? List.of() : ((List<?>) ports).stream().map(String::valueOf).toList();
  }

  /** The service's environment variable {@code name}, or null. */
  public String environment(String service, String name) {
    return environment(service).get(name);
  }

  /** The service's environment, as the container gets it. */
  public Map<String, String> environment(String service) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (service(service).get("environment") instanceof Map<?, ?> env) {
      env.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
    }
    return out;
  }

  /** The service's {@code healthcheck.test}, or null when it has none. */
  public Object healthcheckTest(String service) {
    Object check = service(service).get("healthcheck");
    return check instanceof Map<?, ?> map ? map.get("test") : null;
  }

  private Map<String, Object> service(String name) {
    Map<String, Object> service = services.get(name);
    if (service == null) {
      throw new IllegalArgumentException("docker-compose.yml has no service " + name
          + "; it has " + services.keySet());
    }
    return service;
  }
}
