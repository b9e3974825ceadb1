package dev.typedproducer.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options: {@code --name value}, {@code --name=value} and {@code --flag}. */
final class Args {
  private final Map<String, String> options = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  /**
   * Parses {@code args}; options in {@code flags} take no value.
   *
   * @throws UsageException for an option without its value
   */
  private static Args parse(List<String> args, Set<String> flags) {
    Args parsed = new Args();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        parsed.positional.add(arg);
        continue;
      }
      int eq = arg.indexOf('=');
      if (eq > 0) {
        parsed.options.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else if (flags.contains(arg.substring(2))) {
        parsed.options.put(arg.substring(2), "true");
      } else if (i + 1 < args.size()) {
        parsed.options.put(arg.substring(2), args.get(++i));
      } else {
        throw new UsageException(arg + " needs a value");
      }
    }
    return parsed;
  }

  String get(String name, String fallback) {
    String value = options.get(name);
    return value == null || value.isEmpty() ? fallback : value;
  }

  String required(String name) {
    String value = options.get(name);
    if (value == null || value.isEmpty()) {
      throw new UsageException("--" + name + " is required");
    }
    return value;
  }

  boolean flag(String name) {
    return Boolean.parseBoolean(options.get(name));
  }

  List<String> positional() {
    return positional;
  }

  /** A comma-separated option as a list; empty when absent. */
  List<String> list(String name) {
    String value = options.get(name);
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .toList();
  }

  /**
   * Parses {@code args} for a command that knows {@code options} and {@code flags}.
   *
   * @throws UsageException for an unknown option (a typo) or a missing value
   */
  static Args parse(List<String> args, Set<String> options, Set<String> flags) {
    Args parsed = parse(args, flags);
    List<String> unknown = parsed.options.keySet().stream()
        .filter(k -> !options.contains(k) && !flags.contains(k)).map(k -> "--" + k).toList();
    if (!unknown.isEmpty()) {
      throw new UsageException("unknown option(s) " + String.join(", ", unknown));
    }
    return parsed;
  }

  /** A mistake on the command line: exit code 2 and the usage. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
