package dev.typedproducer.tool;

import dev.typedproducer.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The SDK's own schema commands ({@code dev.typedproducer.cli.Main}, which the root build also
 * runs on itself), as launcher subcommands: the arguments pass through unchanged, and
 * {@code --help} shows the SDK's usage of that command.
 */
final class SdkCommands {
  private SdkCommands() {}

  /** Adds validate, compat, register and build-check to {@code launcher}. */
  static void addTo(CommandLine launcher, PrintStream out, PrintStream err) {
    String usage = sdkUsage();
    add(launcher, new Delegate("validate", out, err), usage,
        "Check every schema offline (default values, key and topic rules, names, docs).");
    add(launcher, new Delegate("compat", out, err), usage,
        "Check every schema against its earlier versions, in git history or in a registry.");
    add(launcher, new Delegate("register", out, err), usage,
        "Register every schema under its subject (idempotent).");
    add(launcher, new Delegate("build-check", out, err), usage,
        "What the Maven build runs: validate, and keep generated-sources/ current.");
  }

  private static void add(CommandLine launcher, Delegate command, String usage,
      String description) {
    CommandLine sub = new CommandLine(command);
    sub.setUnmatchedOptionsArePositionalParams(true);
    sub.getCommandSpec().name(command.name);
    sub.getCommandSpec().usageMessage()
        .description(description)
        .footer("", "Options (as the SDK's command line reads them):", section(usage, command.name));
    launcher.addSubcommand(command.name, sub);
  }

  /** The SDK's usage text for one command: its lines, up to the next command's. */
  static String section(String usage, String name) {
    StringBuilder out = new StringBuilder();
    boolean in = false;
    for (String line : usage.split("\n")) {
      if (line.startsWith("  ") && !line.startsWith("   ")) {
        in = line.startsWith("  " + name + " ") || line.equals("  " + name)
            || in && line.startsWith("  registry options") && !name.equals("validate")
            && !name.equals("build-check");
      }
      if (in) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  private static String sdkUsage() {
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    PrintStream print = new PrintStream(text, true, StandardCharsets.UTF_8);
    Main.run(List.of("--help"), print, print);
    return text.toString(StandardCharsets.UTF_8);
  }

  @Command(mixinStandardHelpOptions = false)
  static final class Delegate implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help.")
    boolean help;

    @Parameters(paramLabel = "ARGS", arity = "0..*", description = "Passed to the SDK's command.")
    List<String> args = new ArrayList<>();

    private final String name;
    private final PrintStream out;
    private final PrintStream err;

    Delegate(String name, PrintStream out, PrintStream err) {
      this.name = name;
      this.out = out;
      this.err = err;
    }

    @Override
    public Integer call() {
      List<String> all = new ArrayList<>();
      all.add(name);
      all.addAll(args);
      return Main.run(all, out, err);
    }
  }
}
