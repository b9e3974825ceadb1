package dev.typedproducer.tool.produce;

import dev.typedproducer.TypedProducer;
import dev.typedproducer.TypedProducerBuilder;
import dev.typedproducer.TypedProducerException;
import dev.typedproducer.mock.MockTypedProducer;
import dev.typedproducer.tool.CannotRunException;
import dev.typedproducer.tool.Connection;
import dev.typedproducer.tool.EventTypes;
import dev.typedproducer.tool.Services;
import dev.typedproducer.tool.tail.Tailer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code typed-producer produce}: JSON Lines in, typed events out through TypedProducer. */
@Command(name = "produce", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Send JSON Lines as typed events: each line is converted to the event class generated"
            + " from the schema and sent through TypedProducer, so the key, acks=all, the"
            + " registry and the schema's data rules are the SDK's.",
        "Write JSON as you would: unions without wrappers, enums as symbols, decimals as"
            + " numbers or strings, timestamps as ISO-8601 (or a number in the field's unit),"
            + " dates as YYYY-MM-DD, uuids as text, bytes as base64.",
        "Exit codes: 0 every line sent, 1 some lines rejected or not delivered, 2 could not run."},
    footer = {"", "Example: typed-producer produce --topic user_clicks samples/user_clicks.jsonl.gz"})
public final class ProduceCommand implements Callable<Integer> {
  /** Set by the launcher when standard error, where progress goes, is a terminal. */
  static final String STDERR_TTY_PROPERTY = "typedproducer.stderr.tty";

  @Parameters(paramLabel = "FILE", arity = "0..*",
      description = "JSON Lines files, gzip or not; - or none for standard input.")
  List<String> files = new ArrayList<>();

  @Option(names = "--topic", paramLabel = "TOPIC",
      description = "The event type whose schema's kafka.topic is TOPIC.")
  String topic;

  @Option(names = "--event", paramLabel = "NAME",
      description = "The event type by record name, e.g. UserClick.")
  String event;

  @Option(names = "--schema", paramLabel = "FILE", description = "The event type of this .avsc.")
  Path schemaFile;

  @Option(names = "--schemas", paramLabel = "DIR",
      description = "Where --topic and --event look (default: the repository's schemas/).")
  Path schemasDir;

  @Option(names = "--on-error", paramLabel = "stop|skip", defaultValue = "stop",
      description = "After a bad line: stop (default) or skip it and go on.")
  Pipeline.OnError onError;

  @Option(names = "--rejects", paramLabel = "FILE",
      description = "Write every bad line to FILE, as it was read.")
  Path rejects;

  @Option(names = "--dry-run",
      description = "Check every line (JSON, types, key, data rules) without a broker or registry.")
  boolean dryRun;

  @Option(names = "--progress", paramLabel = "auto|bar|plain|none", defaultValue = "auto",
      description = "auto (default): a bar when standard error is a terminal, plain lines every"
          + " 5 s otherwise.")
  String progressStyle;

  @Option(names = "--max-line-bytes", paramLabel = "N", defaultValue = "1048576",
      description = "Longer lines are rejected (default 1 MiB, Kafka's max.request.size).")
  int maxLineBytes;

  @Option(names = "--create-topic", paramLabel = "PARTITIONS",
      description = "Create the topic if missing (on the embedded broker: 3 partitions).")
  Integer createTopic;

  @Option(names = "--auto-register", negatable = true,
      description = "Register the schema if the registry lacks it (default: only on the"
          + " embedded registry).")
  Boolean autoRegister;

  @Option(names = "--then-tail",
      description = "Then print the records just sent, as tail does (the embedded broker ends"
          + " with the command, so this is how to see them back).")
  boolean thenTail;

  @Mixin
  Connection connection;

  private final PrintStream out;
  private final PrintStream err;

  public ProduceCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws IOException {
    EventTypes.EventType type = EventTypes.resolve(schemaFile, event, topic,
        EventTypes.schemasDir(schemasDir));
    return produce(type.type().asSubclass(SpecificRecord.class), type);
  }

  private <T extends SpecificRecord> int produce(Class<T> eventClass, EventTypes.EventType type)
      throws IOException {
    Inputs inputs = new Inputs(files);
    Counts counts = new Counts();
    if (dryRun) {
      Progress progress = progress(inputs, "valid");
      try (OutputStream rejected = openRejects();
          MockTypedProducer<T> mock = MockTypedProducer.of(eventClass)) {
        boolean complete = readAll(inputs, new Pipeline<>(mock, eventClass, counts, progress,
            onError, maxLineBytes, rejected, inputs::bytesRead));
        progress.finish(counts, "dry run of " + type.schema().getName() + " (nothing sent)");
        return exitCode(counts, complete);
      }
    }
    try (Services services = connection.start(err); OutputStream rejected = openRejects()) {
      boolean complete;
      Progress progress;
      Map<TopicPartition, Long> before = Map.of();
      String sentTo;
      try (TypedProducer<T> producer = build(eventClass, services)) {
        sentTo = producer.topic();
        if (services.embeddedKafka()) {
          err.println("(The embedded broker is one node: its topics keep one copy of each event."
              + " Fine for trying things out, not for data you keep.)");
        } else {
          producer.warnings().forEach(warning -> err.println("Warning: " + warning));
        }
        err.println("Producing " + type.schema().getFullName() + " from " + type.source()
            + " to topic " + sentTo);
        if (thenTail) {
          before = endOffsets(services, sentTo);
        }
        progress = progress(inputs, "sent");
        complete = readAll(inputs, new Pipeline<>(producer, eventClass, counts, progress,
            onError, maxLineBytes, rejected, inputs::bytesRead));
        producer.flush();
      }
      progress.finish(counts, "produced " + type.schema().getName() + " to " + sentTo);
      if (thenTail) {
        try (Tailer tailer = new Tailer(services.bootstrapServers(), services.registryUrl(),
            false, connection.kafkaSettings())) {
          long printed = tailer.run(before, Long.MAX_VALUE, false, out);
          err.printf("tail: %,d record(s) read back from %s%n", printed, sentTo);
        }
      }
      return exitCode(counts, complete);
    }
  }

  private <T extends SpecificRecord> TypedProducer<T> build(Class<T> eventClass,
      Services services) {
    TypedProducerBuilder<T> builder = TypedProducer.builder(eventClass)
        .bootstrapServers(services.bootstrapServers())
        .schemaRegistryUrl(services.registryUrl())
        .autoRegisterSchema(autoRegister != null ? autoRegister : connection.embedded())
        .kafkaSetting(ProducerConfig.LINGER_MS_CONFIG, 5)
        .kafkaSetting(ProducerConfig.CLIENT_ID_CONFIG, "typed-producer-cli");
    connection.kafkaSettings().forEach(builder::kafkaSetting);
    Integer partitions = createTopic != null ? createTopic : services.embeddedKafka() ? 3 : null;
    if (partitions != null) {
      builder.createTopicIfMissing(partitions);
    }
    try {
      return builder.build();
    } catch (TypedProducerException e) {
      throw new CannotRunException(e.getMessage(), e);
    }
  }

  private Map<TopicPartition, Long> endOffsets(Services services, String sentTo) {
    try (Tailer tailer = new Tailer(services.bootstrapServers(), services.registryUrl(), false,
        connection.kafkaSettings())) {
      return tailer.endOffsets(tailer.partitions(sentTo, null));
    }
  }

  private boolean readAll(Inputs inputs, Pipeline<?> pipeline) throws IOException {
    for (String name : inputs.names()) {
      try (InputStream in = inputs.open(name)) {
        if (!pipeline.run(name.equals("-") ? "stdin" : name, in)) {
          return false;
        }
      }
    }
    return true;
  }

  private OutputStream openRejects() throws IOException {
    if (rejects == null) {
      return OutputStream.nullOutputStream();
    }
    Path parent = rejects.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new BufferedOutputStream(Files.newOutputStream(rejects));
  }

  private Progress progress(Inputs inputs, String sent) throws IOException {
    return new Progress(err, style(), inputs.totalBytes(), 5_000_000_000L, System::nanoTime, sent);
  }

  private Progress.Style style() {
    return switch (progressStyle) {
      case "bar" -> Progress.Style.BAR;
      case "plain" -> Progress.Style.PLAIN;
      case "none" -> Progress.Style.NONE;
      case "auto" -> Boolean.getBoolean(STDERR_TTY_PROPERTY) || System.console() != null
          ? Progress.Style.BAR : Progress.Style.PLAIN;
      default -> throw new CannotRunException("--progress " + progressStyle
          + " is not one of auto, bar, plain, none");
    };
  }

  private static int exitCode(Counts counts, boolean complete) {
    return complete && counts.allSent() ? 0 : 1;
  }
}
