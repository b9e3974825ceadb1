package dev.typedproducer.tool;

import dev.typedproducer.tool.produce.ProduceCommand;
import dev.typedproducer.tool.tail.TailCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The {@code typed-producer} command line ({@code cli/typed-producer} runs it):
 *
 * <pre>
 * typed-producer produce --topic user_clicks samples/user_clicks.jsonl.gz --then-tail
 * typed-producer tail user_clicks --from beginning --max 10
 * typed-producer validate --schemas schemas
 * </pre>
 *
 * Exit codes: 0 done, 1 some events rejected or a schema failed a check, 2 could not run.
 */
@Command(name = "typed-producer", mixinStandardHelpOptions = true,
    version = "typed-producer 0.1.0-SNAPSHOT",
    description = "Typed Avro events on Kafka from the command line.",
    footer = {"", "Exit codes: 0 done, 1 some events rejected or a schema failed a check,"
        + " 2 could not run.", "Every command has --help."})
public final class TypedProducerTool implements Callable<Integer> {
  static final int EXIT_CANNOT_RUN = 2;

  @Spec
  CommandSpec spec;

  private final PrintStream out;

  TypedProducerTool(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) {
    // The embedded broker logs at INFO; the user wants the tool's own output.
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
        System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka",
        System.getProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "error"));
    System.setProperty("org.slf4j.simpleLogger.log.kafka",
        System.getProperty("org.slf4j.simpleLogger.log.kafka", "error"));
    // build()'s warnings: produce prints them itself (see ProduceCommand).
    System.setProperty("org.slf4j.simpleLogger.log.dev.typedproducer.TypedProducer",
        System.getProperty("org.slf4j.simpleLogger.log.dev.typedproducer.TypedProducer", "error"));
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    int exit = run(args, out, System.err);
    out.flush();
    System.exit(exit);
  }

  /** Runs one command line and returns its exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cli = new CommandLine(new TypedProducerTool(out))
        .addSubcommand(new ProduceCommand(out, err))
        .addSubcommand(new TailCommand(out, err))
        .addSubcommand(new ServeCommand(out, err));
    SdkCommands.addTo(cli, out, err);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExecutionExceptionHandler((e, command, parsed) -> {
      String name = command.getCommandName();
      if (e instanceof CannotRunException || e instanceof IllegalArgumentException
          || e instanceof IOException || e instanceof UncheckedIOException) {
        err.println("typed-producer " + name + " could not run: " + e.getMessage());
      } else {
        err.println("typed-producer " + name + " could not run: " + e);
      }
      return EXIT_CANNOT_RUN;
    });
    return cli.execute(args);
  }

  /** Without a command: the usage, and exit code 2. */
  @Override
  public Integer call() {
    spec.commandLine().usage(out);
    return EXIT_CANNOT_RUN;
  }
}
