package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Micrometer is optional: a service without it on its classpath builds a producer and sends, on a
 * real broker and registry. The SDK runs in a class loader that has the test classpath less
 * Micrometer (and Spring), so any class that needs Micrometer would fail to load.
 */
@ExtendWith(RealServices.class)
class WithoutMicrometerIT {
  /** Runs inside the isolated class loader; answers what it saw, one line per fact. */
  public static final class Probe implements Function<String[], List<String>> {
    @Override
    public List<String> apply(String[] args) {
      String micrometer;
      try {
        Class.forName("io.micrometer.core.instrument.MeterRegistry", false,
            Probe.class.getClassLoader());
        micrometer = "micrometer present";
      } catch (ClassNotFoundException e) {
        micrometer = "micrometer absent";
      }
      try (TypedProducer<dev.typedproducer.events.UserClick> clicks =
          TypedProducer.builder(dev.typedproducer.events.UserClick.class)
              .bootstrapServers(args[0]).schemaRegistryUrl(args[1]).autoRegisterSchema(true)
              .topic("clicks_without_micrometer").build()) {
        SendResult sent = clicks.send(dev.typedproducer.events.UserClick.newBuilder()
            .setUserId("user_1").setAction(dev.typedproducer.events.Action.VIEW).setPage("/")
            .setOccurredAt(java.time.Instant.now()).build()).join();
        return List.of(micrometer, "sent " + sent.key() + " to " + sent.topic(),
            "loaded by " + (TypedProducer.class.getClassLoader() == Probe.class.getClassLoader()
                ? "the isolated loader" : "another loader"));
      }
    }
  }

  @Test
  void buildsAndSendsWithoutMicrometerOnTheClasspath(
      LocalKafka kafka, LocalSchemaRegistry registry) throws Exception {
    kafka.createTopic("clicks_without_micrometer", 1);
    URL[] classpath = withoutOptionalLibraries();
    try (URLClassLoader isolated =
        new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
      @SuppressWarnings("unchecked")
      Function<String[], List<String>> probe = (Function<String[], List<String>>) isolated
          .loadClass(Probe.class.getName()).getConstructor().newInstance();

      // Kafka loads its plug-ins (metrics reporters, serializers) through the context loader.
      Thread thread = Thread.currentThread();
      ClassLoader previous = thread.getContextClassLoader();
      thread.setContextClassLoader(isolated);
      List<String> seen;
      try {
        seen = probe.apply(new String[] {kafka.bootstrapServers(), registry.url()});
      } finally {
        thread.setContextClassLoader(previous);
      }

      assertThat(seen).containsExactly("micrometer absent",
          "sent user_1 to clicks_without_micrometer", "loaded by the isolated loader");
    }
    assertThat(TopicReader.readAll(kafka.bootstrapServers(), "clicks_without_micrometer", 1,
        Duration.ofSeconds(30))).singleElement()
        .satisfies(r -> assertThat(new String(r.key(), java.nio.charset.StandardCharsets.UTF_8))
            .isEqualTo("user_1"));
  }

  private static URL[] withoutOptionalLibraries() throws MalformedURLException {
    String classpath = System.getProperty("surefire.test.class.path",
        System.getProperty("java.class.path"));
    List<String> kept = Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !entry.contains(File.separator + "micrometer")
            && !entry.contains(File.separator + "springframework" + File.separator)
            && !entry.contains("HdrHistogram") && !entry.contains("LatencyUtils"))
        .toList();
    assertThat(kept).as("the test classpath, less Micrometer")
        .anyMatch(entry -> entry.contains("kafka-clients"))
        .noneMatch(entry -> entry.contains("micrometer"));
    URL[] urls = new URL[kept.size()];
    for (int i = 0; i < urls.length; i++) {
      urls[i] = Path.of(kept.get(i)).toUri().toURL();
    }
    return urls;
  }
}
