package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.internal.schema.AvroRuntime;
import dev.typedproducer.internal.serde.AvroWireSerializer;
import dev.typedproducer.testing.EventArbitraries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The committed event classes on Avro 1.11.4 (from Maven Central, in a class loader of its own,
 * as consumers on Confluent Platform 7, Flink 1.x or Spark 3.5 run them): they compile against
 * it, load, and decode what the SDK writes into the same values, which Avro 1.11 writes back as
 * bytes that decode to those values again.
 */
class GeneratedClassesOnAvro111IT {
  private static final int EVENTS_PER_SCHEMA = 300;
  private static final String TRUSTED = "org.apache.avro.SERIALIZABLE_PACKAGES";

  private static List<Path> avro111Jars() throws IOException {
    Path dir = Path.of(System.getProperty("typedproducer.avro111.dir", "target/avro-1.11"));
    try (Stream<Path> jars = Files.list(dir)) {
      List<Path> found = jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
      assertThat(found).as("Avro 1.11.4 copied by the build into " + dir)
          .anySatisfy(p -> assertThat(p.getFileName()).hasToString("avro-1.11.4.jar"));
      return found;
    }
  }

  private static List<Path> eventSources() throws IOException {
    try (Stream<Path> files = Files.walk(Path.of("generated-sources"))) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  @Test
  void eventClassesCompileLoadAndDecodeWhatTheSdkWritesOnAvro111(@TempDir Path classes)
      throws Exception {
    List<Path> jars = avro111Jars();
    compile(eventSources(), jars, classes);

    List<URL> urls = new ArrayList<>(List.of(classes.toUri().toURL()));
    for (Path jar : jars) {
      urls.add(jar.toUri().toURL());
    }
    String trusted = System.getProperty(TRUSTED);
    // Avro 1.11.4 also loads classes by name only from trusted packages, as 1.12 does.
    System.setProperty(TRUSTED, "dev.typedproducer.events");
    try (URLClassLoader avro111 = new URLClassLoader(urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader())) {
      assertThat(avro111.loadClass("org.apache.avro.Schema").getProtectionDomain()
          .getCodeSource().getLocation().toString()).endsWith("avro-1.11.4.jar");
      assertThatThrownBy(() -> avro111.loadClass("org.apache.avro.JsonSchemaParser"))
          .as("1.11 has no JsonSchemaParser: the classes must not need it")
          .isInstanceOf(ClassNotFoundException.class);

      int checked = 0;
      for (Class<? extends SpecificRecord> eventClass : eventClasses()) {
        Schema schema = SpecificData.getForClass(eventClass).getSchema(eventClass);
        AvroWireSerializer<SpecificRecord> sdk =
            new AvroWireSerializer<>(1, schema, SpecificData.getForClass(eventClass));
        OnAvro111 reader = new OnAvro111(avro111, eventClass.getName());
        GenericDatumReader<GenericRecord> generic = new GenericDatumReader<>(schema);
        for (SpecificRecord event : EventArbitraries.events(eventClass)
            .sampleStream().limit(EVENTS_PER_SCHEMA).toList()) {
          byte[] framed = sdk.serialize("t", event);
          byte[] body = Arrays.copyOfRange(framed, 5, framed.length);
          byte[] again = reader.decodeAndEncode(body);
          // Same values, compared as Avro does (maps by content: a decoded map's order is free).
          assertThat(read(generic, again)).as("%s on Avro 1.11: %s", eventClass, event)
              .isEqualTo(read(generic, body));
          checked++;
        }
      }
      assertThat(checked).isEqualTo(EVENTS_PER_SCHEMA * eventClasses().size());
    } finally {
      if (trusted == null) {
        System.clearProperty(TRUSTED);
      } else {
        System.setProperty(TRUSTED, trusted);
      }
    }
  }

  @Test
  void saysClearlyThatTheSdkItselfNeedsAvro112() throws Exception {
    URL[] urls = avro111Jars().stream().map(p -> {
      try {
        return p.toUri().toURL();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }).toArray(URL[]::new);
    try (URLClassLoader avro111 = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      assertThat(AvroRuntime.problem(avro111))
          .startsWith("typed-producer needs Avro 1.12 or later at run time, but the classpath"
              + " has Avro 1.11.4")
          .contains("mvn dependency:tree -Dincludes=org.apache.avro");
    }
    assertThat(AvroRuntime.problem(Schema.class.getClassLoader())).isNull();
  }

  private static GenericRecord read(GenericDatumReader<GenericRecord> reader, byte[] body)
      throws IOException {
    var decoder = DecoderFactory.get().binaryDecoder(body, null);
    GenericRecord value = reader.read(null, decoder);
    assertThat(decoder.isEnd()).as("every byte read").isTrue();
    return value;
  }

  @SuppressWarnings("unchecked")
  private static List<Class<? extends SpecificRecord>> eventClasses() throws Exception {
    List<Class<? extends SpecificRecord>> found = new ArrayList<>();
    for (Path source : eventSources()) {
      String name = Path.of("generated-sources").relativize(source).toString()
          .replace(".java", "").replace('/', '.');
      Class<?> type = Class.forName(name);
      if (SpecificRecord.class.isAssignableFrom(type)) {
        found.add((Class<? extends SpecificRecord>) type);
      }
    }
    assertThat(found).isNotEmpty();
    return found;
  }

  private static void compile(List<Path> sources, List<Path> classpath, Path out)
      throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    StringWriter messages = new StringWriter();
    try (StandardJavaFileManager files = javac.getStandardFileManager(null, null, null)) {
      boolean compiled = javac.getTask(messages, files, null, List.of("-proc:none", "-nowarn",
          "-classpath", classpath.stream().map(Path::toString)
              .collect(Collectors.joining(java.io.File.pathSeparator)),
          "-d", out.toString()), null, files.getJavaFileObjectsFromPaths(sources)).call();
      assertThat(compiled).as("generated-sources/ against Avro 1.11.4:%n%s", messages).isTrue();
    }
  }

  /** Avro 1.11's SpecificDatumReader and Writer for one event class, through reflection. */
  private static final class OnAvro111 {
    private final Object reader;
    private final Object writer;
    private final Object decoders;
    private final Object encoders;
    private final ClassLoader loader;

    OnAvro111(ClassLoader loader, String eventClass) throws ReflectiveOperationException {
      this.loader = loader;
      Class<?> event = Class.forName(eventClass, true, loader);
      reader = type("org.apache.avro.specific.SpecificDatumReader").getConstructor(Class.class)
          .newInstance(event);
      writer = type("org.apache.avro.specific.SpecificDatumWriter").getConstructor(Class.class)
          .newInstance(event);
      decoders = type("org.apache.avro.io.DecoderFactory").getMethod("get").invoke(null);
      encoders = type("org.apache.avro.io.EncoderFactory").getMethod("get").invoke(null);
    }

    byte[] decodeAndEncode(byte[] body) throws ReflectiveOperationException {
      Object decoder = type("org.apache.avro.io.DecoderFactory")
          .getMethod("binaryDecoder", byte[].class, type("org.apache.avro.io.BinaryDecoder"))
          .invoke(decoders, body, null);
      Object value = type("org.apache.avro.io.DatumReader")
          .getMethod("read", Object.class, type("org.apache.avro.io.Decoder"))
          .invoke(reader, null, decoder);
      assertThat(value.getClass().getClassLoader()).isSameAs(loader);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      Object encoder = type("org.apache.avro.io.EncoderFactory")
          .getMethod("binaryEncoder", OutputStream.class, type("org.apache.avro.io.BinaryEncoder"))
          .invoke(encoders, out, null);
      type("org.apache.avro.io.DatumWriter")
          .getMethod("write", Object.class, type("org.apache.avro.io.Encoder"))
          .invoke(writer, value, encoder);
      type("org.apache.avro.io.BinaryEncoder").getMethod("flush").invoke(encoder);
      return out.toByteArray();
    }

    private Class<?> type(String name) throws ClassNotFoundException {
      return Class.forName(name, false, loader);
    }
  }
}
