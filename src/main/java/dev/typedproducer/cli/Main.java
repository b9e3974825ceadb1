package dev.typedproducer.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The typed-producer command line: checks on the schemas in {@code schemas/}.
 *
 * <pre>
 * java -cp typed-producer.jar:... dev.typedproducer.cli.Main build-check --schemas schemas ...
 * </pre>
 *
 * Exit codes: 0 all passed, 1 a schema failed a check, 2 the check itself could not run.
 */
public final class Main {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_ERROR = 2;

  private static final String USAGE = String.join("\n",
      "usage: typed-producer <command> [options]",
      "",
      "commands:",
      "  build-check --schemas DIR --generated DIR --fresh DIR [--mode update|verify]",
      "      check every schema against the SDK's rules and keep the committed generated",
      "      classes equal to the compiler's fresh output (run by the Maven build)");

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  /** Runs one command and returns its exit code. */
  public static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      out.println(USAGE);
      return args.isEmpty() ? EXIT_ERROR : EXIT_OK;
    }
    String command = args.get(0);
    List<String> rest = args.subList(1, args.size());
    try {
      return switch (command) {
        case "build-check" -> buildCheck(rest, out);
        default -> throw new Args.UsageException("unknown command \"" + command + "\"");
      };
    } catch (Args.UsageException e) {
      err.println("typed-producer: " + e.getMessage());
      err.println(USAGE);
      return EXIT_ERROR;
    } catch (IOException | UncheckedIOException e) {
      err.println("typed-producer " + command + " could not run: " + e);
      return EXIT_ERROR;
    }
  }

  private static int buildCheck(List<String> rest, PrintStream out) throws IOException {
    Set<String> known = Set.of("schemas", "generated", "fresh", "mode");
    Args args = Args.parse(rest, Set.of());
    refuseUnknown(args, known);
    return new BuildCheck(out, System.getenv()).run(Path.of(args.required("schemas")),
        Path.of(args.required("generated")), Path.of(args.required("fresh")),
        args.get("mode", null));
  }

  private static void refuseUnknown(Args args, Set<String> known) {
    List<String> unknown = args.unknown(known);
    if (!unknown.isEmpty()) {
      throw new Args.UsageException("unknown option(s) " + String.join(", ", unknown));
    }
  }
}
