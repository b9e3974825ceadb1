package dev.typedproducer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * What the data rules add to serializing, as a ratio measured in pairs: many short rounds, each
 * timing {@code serialize} and {@code serializeKeepingRules} (what {@code send} runs) over the same
 * pool of 1,024 distinct reference events back to back, in alternating order, then the median of
 * the per-round ratios. On a shared 2-core machine whose speed drifts by a factor of two between
 * JMH iterations, a ratio of two figures taken milliseconds apart is what settles a 15% target;
 * {@link RulesBenchmark} gives the absolute figures and the allocation.
 *
 * <pre>./mvnw -Pbench,rules-cost verify -Drules.args="--forks 3 --rounds 300"</pre>
 */
public final class RulesCost {
  private RulesCost() {}

  public static void main(String[] args) throws Exception {
    int rounds = 300;
    int calls = 20_000;
    int forks = 3;
    String out = "target/rules-cost-result.json";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--calls" -> calls = Integer.parseInt(args[++i]);
        case "--forks" -> forks = Integer.parseInt(args[++i]);
        case "--out" -> out = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; the options are --rounds N (300), --calls N per round and side (20000),"
            + " --forks N (3), --out FILE");
      }
    }
    // Each side runs in classes of its own loader, so that the JIT's profiles of the SDK's code
    // (which writers a call site meets, which branches are taken) are each side's alone, as in a
    // producer, which runs one of them. Each "fork" is another set of loaders, compiled afresh:
    // how the JIT happens to compile a side moves its figure by several percent, as JMH's forks
    // show, so the ratio is taken over several compilations.
    List<Side[]> sides = new ArrayList<>();
    for (int f = 0; f < forks; f++) {
      sides.add(new Side[] {new Side("serialize"), new Side("rulesAndSerialize"),
          new Side("rulesThenSerialize")});
    }
    for (int i = 0; i < 50; i++) { // warm-up: compile every side
      for (Side[] fork : sides) {
        for (Side side : fork) {
          side.time(calls);
        }
      }
    }
    int samples = rounds * forks;
    double[] oneRatio = new double[samples];
    double[] twoRatio = new double[samples];
    double[] base = new double[samples];
    double[] one = new double[samples];
    double[] two = new double[samples];
    double[][] forkRatios = new double[forks][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int f = 0; f < forks; f++) {
        Side[] fork = sides.get(f);
        List<Side> order = r % 2 == 0 ? List.of(fork[0], fork[1], fork[2])
            : List.of(fork[2], fork[1], fork[0]);
        for (Side side : order) {
          side.last = side.time(calls);
        }
        int k = r * forks + f;
        base[k] = fork[0].last;
        one[k] = fork[1].last;
        two[k] = fork[2].last;
        oneRatio[k] = one[k] / base[k];
        twoRatio[k] = two[k] / base[k];
        forkRatios[f][r] = oneRatio[k];
      }
    }
    double[] forkMedians = Arrays.stream(forkRatios).mapToDouble(RulesCost::median)
        .map(RulesCost::round).toArray();
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("rounds", rounds);
    results.put("callsPerRoundAndSide", calls);
    results.put("forks", forks);
    results.put("rulesAndSerializeRatioPerFork", forkMedians);
    results.put("serializeNs", median(base));
    results.put("rulesAndSerializeNs", median(one));
    results.put("rulesThenSerializeNs", median(two));
    results.put("rulesAndSerializeRatio", quartiles(oneRatio));
    results.put("rulesThenSerializeRatio", quartiles(twoRatio));
    System.out.printf("%d forks x %d rounds of %,d calls per side, InferenceRequest, pool of %,d"
        + " events%n", forks, rounds, calls, RulesCostSide.POOL);
    System.out.printf("median ns/event: serialize %.1f, rulesAndSerialize (one pass, as send) %.1f,"
        + " rulesThenSerialize (two passes) %.1f%n", median(base), median(one), median(two));
    System.out.printf("rulesAndSerialize / serialize: median %.3f (quartiles %s)%n",
        median(oneRatio), Arrays.toString(quartiles(oneRatio)));
    System.out.printf("rulesAndSerialize / serialize, median per fork: %s%n",
        Arrays.toString(forkMedians));
    System.out.printf("rulesThenSerialize / serialize: median %.3f (quartiles %s)%n",
        median(twoRatio), Arrays.toString(quartiles(twoRatio)));
    Path file = Path.of(out);
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), results);
    System.out.println("Results in " + file);
  }

  /** One way of writing events, in classes loaded by a loader of its own. */
  private static final class Side {
    private final IntToDoubleFunction timed;
    private double last;

    Side(String mode) throws ReflectiveOperationException {
      this.timed = (IntToDoubleFunction) ownLoader(UnaryOperator.identity())
          .loadClass(RulesCostSide.class.getName()).getConstructor(String.class).newInstance(mode);
    }

    double time(int n) {
      return timed.applyAsDouble(n);
    }
  }

  /**
   * A class loader of its own over this JVM's class path, each entry first passed through
   * {@code entries} (to put another build's classes in place of this one's): the classes a side
   * loads from it are compiled and profiled by the JIT apart from every other side's.
   */
  static ClassLoader ownLoader(UnaryOperator<String> entries) {
    URL[] classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(entries).map(RulesCost::url).toArray(URL[]::new);
    return new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader());
  }

  private static URL url(String path) {
    try {
      return new File(path).toURI().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalArgumentException(path, e);
    }
  }

  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  static double[] quartiles(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return new double[] {round(sorted[n / 4]), round(sorted[n / 2]), round(sorted[3 * n / 4])};
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
