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
  static Args parse(List<String> args, Set<String> flags) {
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

  /** Options not in {@code known}: typos the command should refuse. */
  List<String> unknown(Set<String> known) {
    return options.keySet().stream().filter(k -> !known.contains(k)).map(k -> "--" + k).toList();
  }

  /** A mistake on the command line: exit code 2 and the usage. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
