package dev.typedproducer.cli;

import dev.typedproducer.compat.CheckCannotRunException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The typed-producer command line: checks on the schemas in {@code schemas/}, and their
 * registration. Run it through Maven (see the README) or with the SDK's runtime classpath:
 *
 * <pre>
 * java -cp ... dev.typedproducer.cli.Main compat --schemas schemas --against origin/main
 * </pre>
 *
 * Exit codes: 0 all passed, 1 a schema failed a check, 2 the check itself could not run.
 */
public final class Main {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_ERROR = 2;

  static final String USAGE = String.join("\n",
      "usage: typed-producer <command> [options]",
      "",
      "commands:",
      "  validate --schemas DIR",
      "      check every schema offline: parses with default values checked, key and topic",
      "      rules, portable names, safe docs, well-formed kafka.compatibility/kafka.compat.allow",
      "  compat --schemas DIR (--against GIT_REF | --registry-url URL) [options]",
      "      check every schema against its earlier versions, in git history or in a registry",
      "      --level LEVEL              level of schemas that declare none (default BACKWARD;",
      "                                 in registry mode the subject's level comes first)",
      "      --subject-strategy S       topic-name (default), record-name, topic-record-name",
      "      --allow-deleted F1,F2      schema files that may be gone from the baseline",
      "      --report-json FILE         also write the report as JSON",
      "      --report-junit FILE        also write the report as JUnit XML",
      "      --if-no-baseline skip      pass, saying so, when there is no git baseline",
      "  register --schemas DIR --registry-url URL [--dry-run] [--subject-strategy S]"
          + " [--references]",
      "      register every schema under its subject (idempotent); sets the subject's level",
      "      from the schema's kafka.compatibility first; with --references, the shared types",
      "      (schemas/shared/) go under subjects of their own, which the events reference",
      "  registry options of compat and register:",
      RegistryArgs.USAGE,
      "  build-check --schemas DIR --generated DIR --fresh DIR [--mode update|verify]",
      "      what the Maven build runs: validate, and keep generated-sources/ current",
      "",
      "exit codes: 0 passed, 1 a schema failed, 2 the check could not run");

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
        case "validate" -> ValidateCommand.run(rest, out);
        case "compat" -> CompatCommand.run(rest, out);
        case "register" -> RegisterCommand.run(rest, out);
        case "build-check" -> BuildCheck.run(rest, out);
        default -> throw new Args.UsageException("unknown command \"" + command + "\"");
      };
    } catch (Args.UsageException e) {
      err.println("typed-producer: " + e.getMessage());
      err.println(USAGE);
      return EXIT_ERROR;
    } catch (CheckCannotRunException e) {
      err.println("typed-producer " + command + " could not run: " + e.getMessage());
      return EXIT_ERROR;
    } catch (IOException | UncheckedIOException e) {
      err.println("typed-producer " + command + " could not run: " + e);
      return EXIT_ERROR;
    }
  }
}
