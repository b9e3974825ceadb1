package dev.typedproducer.internal.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.internal.schema.SchemaFile;
import dev.typedproducer.internal.schema.SchemaFiles;
import dev.typedproducer.testevents.TortureEvent;
import dev.typedproducer.testing.EventArbitraries;
import dev.typedproducer.testing.EventEdges;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * AvroWireSerializer against Avro's own writer and reader, on random valid events of every schema
 * in {@code schemas/} (found at run time: a new schema file is covered with no change here) and of
 * the torture schema ({@code src/test/avro/torture.avsc}), which uses every Avro type and logical
 * type. The tries per property come from {@code jqwik.tries.default} (1,000, in
 * junit-platform.properties; {@code -Djqwik.tries.default=N} runs more). One serializer per schema
 * serves every try, so its reused buffer sees events of every size in turn.
 *
 * <p>The torture property also checks, with jqwik's statistics, that its tries reached every edge
 * case in {@link #TORTURE_EDGES} and every branch of the schema's wide unions; the rarest come up
 * about 25 times in 1,000 tries, so a run of far fewer tries may fail that check, naming the edge.
 */
class RoundTripPropertiesTest {
  /** Serializers by event class, each with its own schema id; the torture's has the top bit set. */
  private static final Map<Class<?>, Subject> SUBJECTS = new ConcurrentHashMap<>();

  private record Subject(int schemaId, AvroWireSerializer<SpecificRecord> serializer) {}

  private static final List<String> TORTURE_EDGES = List.of(
      "empty string", "huge string", "string outside the BMP",
      "NaN float", "NaN float with a payload", "+Infinity float", "-Infinity float", "-0.0 float",
      "NaN double", "NaN double with a payload", "+Infinity double", "-Infinity double",
      "-0.0 double",
      "int MIN_VALUE", "int MAX_VALUE", "long MIN_VALUE", "long MAX_VALUE",
      "empty array", "large array", "empty map", "large map",
      "decimal at full precision", "negative decimal", "decimal in another scale",
      "date before year 0", "date after year 9999",
      "timestamp-millis before year 0", "timestamp-millis after year 9999",
      "timestamp-micros before year 0", "timestamp-micros after year 9999",
      "local-timestamp-millis before year 0", "local-timestamp-millis after year 9999",
      "local-timestamp-micros before year 0", "local-timestamp-micros after year 9999",
      "huge bytes", "bytes without an array", "bytes not at the start of their array",
      "record nested in itself " + EventEdges.DEEP + " deep");

  @Property
  void everySchemaInTheSchemasFolderSerializesAsAvroWritesIt(
      @ForAll("oneEventOfEachSchemaFile") List<SpecificRecord> events) {
    for (SpecificRecord event : events) {
      check(event);
    }
  }

  @Property
  void theTortureEventSerializesAsAvroWritesIt(@ForAll("tortureEvents") TortureEvent event) {
    check(event);
    for (String edge : EventEdges.of(event)) {
      Statistics.label("edges").collect(edge);
    }
    Statistics.label("edges").coverage(coverage -> tortureEdges()
        .forEach(edge -> coverage.check(edge).count(times -> times > 0)));
  }

  @Example
  void findsAGeneratedClassForEverySchemaFile() throws IOException {
    assertThat(schemaFileClasses()).hasSize(SchemaFiles.list(Path.of("schemas")).size())
        .extracting(Class::getName)
        .contains("dev.typedproducer.events.UserClick", "dev.typedproducer.events.ml.InferenceRequest");
  }

  @Provide
  Arbitrary<List<SpecificRecord>> oneEventOfEachSchemaFile() {
    List<Arbitrary<SpecificRecord>> events = new ArrayList<>();
    for (Class<? extends SpecificRecord> eventClass : schemaFileClasses()) {
      events.add(EventArbitraries.events(eventClass).map(SpecificRecord.class::cast));
    }
    return Combinators.combine(events).as(List::copyOf);
  }

  @Provide
  Arbitrary<TortureEvent> tortureEvents() {
    return EventArbitraries.events(TortureEvent.class);
  }

  private static void check(SpecificRecord event) {
    Subject subject = SUBJECTS.computeIfAbsent(event.getClass(), c -> {
      int schemaId = c == TortureEvent.class ? 0x80402010 : 0x01020304 + SUBJECTS.size();
      SpecificData model = SpecificData.getForClass(c);
      return new Subject(schemaId, new AvroWireSerializer<>(schemaId, model.getSchema(c), model));
    });
    RoundTripCheck.check(subject.serializer(), subject.schemaId(), event);
  }

  /** The generated class of every schema file in schemas/, loaded by the schema's full name. */
  static List<Class<? extends SpecificRecord>> schemaFileClasses() {
    SchemaFiles.Result files;
    try {
      files = SchemaFiles.read(Path.of("schemas"), Path::toString);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(files.problems()).isEmpty();
    List<Class<? extends SpecificRecord>> classes = new ArrayList<>();
    for (SchemaFile file : files.schemas()) {
      String name = file.schema().getFullName();
      try {
        classes.add(Class.forName(name).asSubclass(SpecificRecord.class));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException("no generated class " + name + " for " + file.source()
            + ": build again (./mvnw test-compile)", e);
      }
    }
    return classes;
  }

  private static Set<String> tortureEdges() {
    Set<String> edges = new TreeSet<>(TORTURE_EDGES);
    edges.addAll(EventEdges.unionBranches(TortureEvent.getClassSchema()));
    return edges;
  }
}
