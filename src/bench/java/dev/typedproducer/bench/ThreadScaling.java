package dev.typedproducer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;

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
 * their rounds in turn.
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
    IntToDoubleFunction[] sides = new IntToDoubleFunction[names.size()];
    for (int s = 0; s < sides.length; s++) {
      String[] wayAndEvent = names.get(s).split(" ");
      sides[s] = side(wayAndEvent[1], wayAndEvent[0], calls);
    }
    for (int i = 0; i < 20; i++) { // warm-up: compile every side, one and two threads
      for (IntToDoubleFunction side : sides) {
        side.applyAsDouble(1);
        side.applyAsDouble(2);
      }
    }
    double[][] ratios = new double[sides.length][rounds];
    double[][] oneThreadNs = new double[sides.length][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int s = 0; s < sides.length; s++) {
        double one;
        double two;
        if (r % 2 == 0) {
          one = sides[s].applyAsDouble(1);
          two = sides[s].applyAsDouble(2);
        } else {
          two = sides[s].applyAsDouble(2);
          one = sides[s].applyAsDouble(1);
        }
        ratios[s][r] = (2.0 * calls / two) / (calls / one);
        oneThreadNs[s][r] = one / calls;
      }
    }
    Map<String, Object> results = new LinkedHashMap<>();
    System.out.printf("%d rounds of %,d events per thread; two threads' rate over one thread's%n",
        rounds, calls);
    for (int s = 0; s < sides.length; s++) {
      double[] q = RulesCost.quartiles(ratios[s]);
      double ns = RulesCost.median(oneThreadNs[s]);
      System.out.printf("%-22s one thread %6.1f ns/event; two threads / one: median %.2f"
          + " (quartiles %.2f, %.2f)%n", names.get(s), ns, q[1], q[0], q[2]);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("oneThreadNs", ns);
      result.put("twoThreadScaling", q);
      results.put(names.get(s), result);
    }
    for (IntToDoubleFunction side : sides) {
      ((AutoCloseable) side).close();
    }
    Path file = Path.of(out);
    Files.createDirectories(file.toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(file.toFile(), results);
    System.out.println("Results in " + file);
  }

  private static IntToDoubleFunction side(String event, String way, int calls)
      throws ReflectiveOperationException {
    URL[] classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .map(RulesCost::url).toArray(URL[]::new);
    ClassLoader own = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader());
    return (IntToDoubleFunction) own.loadClass(ThreadScalingSide.class.getName())
        .getConstructor(String.class, String.class, int.class).newInstance(event, way, calls);
  }
}
