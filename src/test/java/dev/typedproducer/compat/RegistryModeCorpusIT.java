package dev.typedproducer.compat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.SubjectNameStrategy;
import dev.typedproducer.internal.registry.SchemaRegistryClient;
import dev.typedproducer.internal.schema.RegistrySchemas;
import dev.typedproducer.testing.InProcessOnly;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.RealServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The corpus in registry mode, against a real registry (Apicurio Registry's Confluent-compatible
 * API): each case's history is registered under its own subject, the subject is set to the level,
 * and the check asks the registry. The registry's verdicts must be the corpus's Avro verdicts,
 * except where this test lists a difference with its reason.
 */
@ExtendWith(RealServices.class)
@InProcessOnly("its expected verdicts include where Apicurio Registry 2.4.2 differs from Avro's rules")
class RegistryModeCorpusIT {
  /**
   * Where Apicurio Registry 2.4.2's verdict differs from Avro's rules (and so from the corpus and
   * from Confluent Schema Registry, which applies Avro's SchemaCompatibility), with why.
   */
  static final Map<String, String> KNOWN_DIFFERENCES = Map.of();

  @TempDir Path dir;

  @Test
  void theRegistryGivesTheCorpusVerdictsAtEveryLevel(LocalSchemaRegistry registry)
      throws Exception {
    SchemaRegistryClient client = SchemaRegistryClient.create(registry.url(), Duration.ofSeconds(10), null);
    String run = Long.toString(System.nanoTime(), 36);
    Map<String, String> differences = new LinkedHashMap<>();
    List<String> ours = new ArrayList<>();
    int cases = 0;
    for (CompatCorpus.Case c : CompatCorpus.all()) {
      for (CompatibilityLevel level : CompatibilityLevel.values()) {
        String topic = "corpus_" + run + "_" + cases++;
        SchemaResult result = checkInRegistry(client, c, level, topic);
        assertThat(result.registry()).as("%s at %s", c, level).isNotNull();
        assertThat(result.registry().level()).isEqualTo(level);
        assertThat(result.earlierVersions()).isEqualTo(c.versions().size() - 1);
        if (result.registry().compatible() != c.avro().contains(level)) {
          differences.put(c.name() + " at " + level, "registry says "
              + (result.registry().compatible() ? "compatible" : "incompatible")
              + " " + result.registry().messages());
        }
        // Our verdict in registry mode: the registry's, plus the meaning checks.
        boolean expected = result.registry().compatible() && c.meaningPasses(level);
        if (result.passed() != expected) {
          ours.add(c.name() + " at " + level + ": " + result.findings());
        }
      }
    }
    System.out.println("Registry differences from the corpus: " + differences);
    assertThat(differences.keySet()).isEqualTo(KNOWN_DIFFERENCES.keySet());
    assertThat(ours).isEmpty();
  }

  /** The case's schema on its own topic: "corpus" becomes {@code topic}, "corpus_v2" topic_v2. */
  private static String onTopic(String schema, String topic) {
    return schema.replace("\"kafka.topic\": \"corpus", "\"kafka.topic\": \"" + topic);
  }

  /** Registers the case's history at NONE, sets the subject's level and runs registry mode. */
  private SchemaResult checkInRegistry(SchemaRegistryClient client, CompatCorpus.Case c,
      CompatibilityLevel level, String topic) throws IOException, CheckCannotRunException {
    List<String> versions = c.versions().stream().map(v -> onTopic(v, topic)).toList();
    String candidate = versions.get(versions.size() - 1);
    // The history goes under the candidate's subject, even where the case changes the topic.
    String subject = new Schema.Parser().parse(candidate).getProp("kafka.topic") + "-value";
    for (String version : versions.subList(0, versions.size() - 1)) {
      client.register(subject, RegistrySchemas.text(new Schema.Parser().parse(version)));
      // Apicurio sets a level only on a subject that exists, so after the first version.
      client.setSubjectCompatibility(subject, "NONE");
    }
    client.setSubjectCompatibility(subject, level.name());
    Path schemas = Files.createDirectories(dir.resolve(topic));
    Files.writeString(schemas.resolve("evt.avsc"), candidate);
    CompatReport report = CompatibilityRun.run(new CompatibilityRun.Options(schemas,
        Path::toString, null, client, SubjectNameStrategy.TOPIC_NAME, CompatibilityLevel.BACKWARD,
        Set.of()));
    return report.results().get(0);
  }
}
