package dev.typedproducer.tool.tail;

import dev.typedproducer.tool.Connection;
import dev.typedproducer.tool.Services;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code typed-producer tail TOPIC}: a topic's records as JSON Lines, decoded by schema id. */
@Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Print a topic's records as JSON Lines on standard output, each value decoded with the"
            + " schema whose id is in its Confluent frame (any schema the registry holds), in the"
            + " same plain JSON that produce reads: tail ... | produce ... copies events.",
        "Records that are not in the wire format are printed as {\"_not_wire_format\": base64}.",
        "Exit codes: 0 done, 2 could not run."})
public final class TailCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "TOPIC", description = "The topic to read.")
  String topic;

  @Option(names = "--from", paramLabel = "WHERE", defaultValue = "beginning",
      description = "beginning (default), end, an offset (in every partition) or an ISO-8601"
          + " timestamp such as 2024-05-31T13:00:00Z.")
  String from;

  @Option(names = "--max", paramLabel = "N", defaultValue = "" + Long.MAX_VALUE,
      description = "Stop after N records.", showDefaultValue = Visibility.NEVER)
  long max;

  @Option(names = {"-f", "--follow"},
      description = "Keep waiting for new records (Ctrl-C ends); without it tail stops at the"
          + " end the topic had when it started.")
  boolean follow;

  @Option(names = "--partition", paramLabel = "P", description = "Only this partition.")
  Integer partition;

  @Option(names = "--metadata",
      description = "Print {topic, partition, offset, timestamp, key, schema_id, value} per record.")
  boolean metadata;

  @Mixin
  Connection connection;

  private final PrintStream out;
  private final PrintStream err;

  public TailCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() {
    StartPosition start = StartPosition.parse(from);
    if (connection.embedded()) {
      err.println("Note: the embedded broker starts empty and ends with this command; to tail"
          + " what you produce, use produce --then-tail, or typed-producer serve.");
    }
    try (Services services = connection.start(err);
        Tailer tailer = new Tailer(services.bootstrapServers(), services.registryUrl(), metadata,
            connection.kafkaSettings())) {
      Thread hook = new Thread(tailer::stop, "typed-producer-tail-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      List<TopicPartition> partitions = tailer.partitions(topic, partition);
      long printed = tailer.run(partitions, start, max, follow, out);
      err.printf("tail: %,d record(s) from %s (from %s)%n", printed, topic, start);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // shutting down already
      }
      return 0;
    }
  }
}
