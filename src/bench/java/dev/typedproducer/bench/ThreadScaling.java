package dev.typedproducer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.UnaryOperator;

/**
 * How serializing scales from one thread to two, measured in pairs: each round times one thread
 * serializing {@code --calls} events, then two threads serializing that many each at once (or the
 * other way round, alternating), and the scaling is the two-thread rate over the one-thread rate.
 * The median over many short rounds is reported for the SDK's serializer (one instance shared by
 * both threads, as a producer shares it) and, as the control, Avro's reused writer (one per
 * thread). JMH runs the one- and two-thread figures minutes apart, and on a shared 2-core machine
 * the host's load moves in between; here both come from the same few milliseconds, and the
 * control shows how much two threads can gain on the host at that moment. Each side runs in
 * classes of its own loader, so the JIT compiles it apart from the others, and the sides take
 * their rounds in turn. It also reports the CPU time per event on one thread and on two: the
 * same on both while two threads gain less than 2 means the threads were waiting for a CPU (the
 * host); more on two means they slowed each other down.
 *
 * <pre>./mvnw -Pbench,scaling verify -Dscaling.args="--rounds 200"</pre>
 */
public final class ThreadScaling {
  private ThreadScaling() {}

  public static void main(String[] args) throws Exception {
    int rounds = 200;
    int calls = 50_000;
    String out = "target/scaling-result.json";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--calls" -> calls = Integer.parseInt(args[++i]);
        case "--out" -> out = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; the options are --rounds N (200), --calls N per thread and round (50000),"
            + " --out FILE");
      }
    }
    List<String> names = List.of("sdk UserClick", "avro UserClick", "sdk InferenceRequest",
        "avro InferenceRequest");
    List<IntFunction<double[]>> sides = new ArrayList<>();
    for (String name : names) {
      String[] wayAndEvent = name.split(" ");
      sides.add(side(wayAndEvent[1], wayAndEvent[0], calls));
    }
    for (int i = 0; i < 20; i++) { // warm-up: compile every side, one and two threads
      for (IntFunction<double[]> side : sides) {
        side.apply(1);
        side.apply(2);
      }
    }
    int n = sides.size();
    double[][] ratios = new double[n][rounds];
    double[][] oneThreadNs = new double[n][rounds];
    double[][] cpuRatios = new double[n][rounds];
    double[][] onCpu = new double[n][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int s = 0; s < n; s++) {
        double[] one;
        double[] two;
        if (r % 2 == 0) {
          one = sides.get(s).apply(1);
          two = sides.get(s).apply(2);
        } else {
          two = sides.get(s).apply(2);
          one = sides.get(s).apply(1);
        }
        ratios[s][r] = (2.0 * calls / two[0]) / (calls / one[0]);
        oneThreadNs[s][r] = one[0] / calls;
        cpuRatios[s][r] = (two[1] / (2.0 * calls)) / (one[1] / calls);
        onCpu[s][r] = two[1] / (2 * two[0]);
      }
    }
    Map<String, Object> results = new LinkedHashMap<>();
    System.out.printf("%d rounds of %,d events per thread; two threads' rate over one thread's%n",
        rounds, calls);
    for (int s = 0; s < n; s++) {
      double[] q = RulesCost.quartiles(ratios[s]);
      double ns = RulesCost.median(oneThreadNs[s]);
      double cpuRatio = RulesCost.median(cpuRatios[s]);
      double share = RulesCost.median(onCpu[s]);
      System.out.printf("%-22s one thread %6.1f ns/event; two threads / one: median %.2f"
          + " (quartiles %.2f, %.2f); CPU per event on two / on one %.2f; on a CPU %.0f%% of"
          + " the two-thread time%n", names.get(s), ns, q[1], q[0], q[2], cpuRatio, 100 * share);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("oneThreadNs", ns);
      result.put("twoThreadScaling", q);
      result.put("cpuPerEventTwoOverOne", cpuRatio);
      result.put("twoThreadOnCpuShare", share);
      results.put(names.get(s), result);
    }
    for (IntFunction<double[]> side : sides) {
      ((AutoCloseable) side).close();
    }
    Path file = Path.of(out);
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), results);
    System.out.println("Results in " + file);
  }

  @SuppressWarnings("unchecked")
  private static IntFunction<double[]> side(String event, String way, int calls)
      throws ReflectiveOperationException {
    ClassLoader own = RulesCost.ownLoader(UnaryOperator.identity());
    return (IntFunction<double[]>) own.loadClass(ThreadScalingSide.class.getName())
        .getConstructor(String.class, String.class, int.class).newInstance(event, way, calls);
  }
}
