package dev.typedproducer.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.IntToDoubleFunction;

/**
 * A change to the serializer against a build of another commit, measured in pairs as
 * {@link RulesCost} measures the rules: what {@code send} runs ({@code serializeKeepingRules} on
 * the reference events), once with this build's SDK classes and once with the baseline's, back to
 * back in alternating order, many short rounds, then the median of the per-round ratios. Build the
 * baseline in a worktree first:
 *
 * <pre>
 * git worktree add /tmp/base HEAD~1
 * (cd /tmp/base &amp;&amp; ./mvnw -q compile -DskipTests)
 * ./mvnw -Pbench,rules-cost verify -Drules.main=dev.typedproducer.bench.SerializerAb \
 *     -Drules.args="--baseline /tmp/base/target/classes --rounds 300"
 * </pre>
 */
public final class SerializerAb {
  private SerializerAb() {}

  public static void main(String[] args) throws Exception {
    int rounds = 300;
    int calls = 20_000;
    int forks = 3;
    Path baseline = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--baseline" -> baseline = Path.of(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--calls" -> calls = Integer.parseInt(args[++i]);
        case "--forks" -> forks = Integer.parseInt(args[++i]);
        case "--out" -> i++; // the rules-cost profile passes one; the ratio is printed
        default -> throw new IllegalArgumentException("unknown option " + args[i] + "; the options"
            + " are --baseline CLASSES_DIR (required), --rounds N (300), --calls N (20000),"
            + " --forks N (3)");
      }
    }
    if (baseline == null || !Files.isDirectory(baseline)) {
      throw new IllegalArgumentException("--baseline must name the target/classes directory of"
          + " another build, e.g. a git worktree's; got " + baseline);
    }
    String classes = Path.of("target", "classes").toAbsolutePath().toString();
    IntToDoubleFunction[][] sides = new IntToDoubleFunction[forks][];
    for (int f = 0; f < forks; f++) {
      sides[f] = new IntToDoubleFunction[] {
          side(classes, baseline.toString()), side(classes, null)};
    }
    for (int i = 0; i < 50; i++) {
      for (IntToDoubleFunction[] fork : sides) {
        fork[0].applyAsDouble(calls);
        fork[1].applyAsDouble(calls);
      }
    }
    double[] ratios = new double[rounds * forks];
    double[] base = new double[rounds * forks];
    double[] changed = new double[rounds * forks];
    for (int r = 0; r < rounds; r++) {
      for (int f = 0; f < forks; f++) {
        int k = r * forks + f;
        if (r % 2 == 0) {
          base[k] = sides[f][0].applyAsDouble(calls);
          changed[k] = sides[f][1].applyAsDouble(calls);
        } else {
          changed[k] = sides[f][1].applyAsDouble(calls);
          base[k] = sides[f][0].applyAsDouble(calls);
        }
        ratios[k] = changed[k] / base[k];
      }
    }
    Arrays.sort(ratios);
    int n = ratios.length;
    System.out.printf("serializeKeepingRules on InferenceRequest, %d forks x %d rounds: baseline"
        + " %.1f ns, this build %.1f ns; this build / baseline: median %.3f (quartiles %.3f,"
        + " %.3f)%n", forks, rounds, RulesCost.median(base), RulesCost.median(changed),
        ratios[n / 2], ratios[n / 4], ratios[3 * n / 4]);
  }

  /** The side in a loader of its own, with {@code classes} replaced by {@code instead} if given. */
  private static IntToDoubleFunction side(String classes, String instead)
      throws ReflectiveOperationException {
    ClassLoader own = RulesCost.ownLoader(entry -> instead != null
        && Path.of(entry).toAbsolutePath().toString().equals(classes) ? instead : entry);
    return (IntToDoubleFunction) own.loadClass(RulesCostSide.class.getName())
        .getConstructor(String.class).newInstance("rulesAndSerialize");
  }
}
