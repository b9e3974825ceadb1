import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the sample JSON Lines files of cli/samples/, one per schema in schemas/, the same bytes on
 * every run (fixed seeds, fixed times). Run from the repository root, with Java 17 or later:
 *
 *   java cli/samples/GenerateSamples.java
 *
 * The lines are JSON as people write it, which typed-producer produce reads: enums as symbols,
 * decimals as numbers, timestamps as ISO-8601, a union's value without a wrapper.
 */
public final class GenerateSamples {
  private static final Instant START = Instant.parse("2024-05-01T08:00:00Z");

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "cli/samples");
    write(dir.resolve("user_clicks.jsonl.gz"), 5_000, userClick(new Random(1)));
    write(dir.resolve("inference_requests.jsonl"), 200, inferenceRequest(new Random(2)));
    write(dir.resolve("order_placed.jsonl"), 100, orderPlaced(new Random(3)));
    write(dir.resolve("order_paid.jsonl"), 100, orderPaid(new Random(4)));
    write(dir.resolve("order_shipped.jsonl"), 100, orderShipped(new Random(5)));
  }

  private static IntFunction<String> userClick(Random random) {
    String[] actions = {"VIEW", "VIEW", "VIEW", "CLICK", "CLICK", "LIKE", "UNLIKE", "BUY"};
    String[] pages = {"/", "/products/42", "/products/7", "/search", "/cart", "/checkout"};
    return i -> {
      String referrer = random.nextInt(3) == 0 ? "null"
          : quote(pages[random.nextInt(pages.length)]);
      String arm = random.nextBoolean() ? "{\"experiment\": \"" + (random.nextBoolean() ? "a" : "b")
          + "\"}" : "{}";
      return String.format(Locale.ROOT, "{\"user_id\": \"user_%d\", \"action\": \"%s\","
          + " \"page\": \"%s\", \"occurred_at\": \"%s\", \"referrer\": %s, \"attributes\": %s}",
          random.nextInt(500), actions[random.nextInt(actions.length)],
          pages[random.nextInt(pages.length)], at(i * 700L + random.nextInt(700)), referrer, arm);
    };
  }

  private static IntFunction<String> inferenceRequest(Random random) {
    String[] models = {"ranker", "ranker", "spam-filter", "recommender"};
    return i -> {
      StringBuilder features = new StringBuilder("[");
      for (int f = 0; f < 8; f++) {
        features.append(f == 0 ? "" : ", ")
            .append(String.format(Locale.ROOT, "%.4f", random.nextGaussian()));
      }
      features.append(']');
      String score = random.nextInt(10) == 0 ? "null"
          : String.format(Locale.ROOT, "%.3f", random.nextDouble());
      return String.format(Locale.ROOT, "{\"request_id\": \"%s\", \"model\": \"%s\","
          + " \"model_version\": %d, \"features\": %s, \"score\": %s, \"cost_usd\": %s,"
          + " \"requested_at\": \"%s\"}",
          uuid(random), models[random.nextInt(models.length)], 1 + random.nextInt(4), features,
          score, String.format(Locale.ROOT, "%.6f", random.nextInt(5_000) / 1e6),
          at(i * 3_000L));
    };
  }

  private static IntFunction<String> orderPlaced(Random random) {
    String[] currencies = {"EUR", "USD", "GBP"};
    return i -> String.format(Locale.ROOT, "{\"order_id\": \"order_%d\", \"customer_id\":"
        + " \"customer_%d\", \"total\": %s, \"currency\": \"%s\", \"placed_at\": \"%s\"}",
        1000 + i, random.nextInt(60), money(random), currencies[random.nextInt(3)],
        at(i * 60_000L));
  }

  private static IntFunction<String> orderPaid(Random random) {
    return i -> String.format(Locale.ROOT, "{\"order_id\": \"order_%d\", \"payment_id\":"
        + " \"pay_%s\", \"amount\": %s, \"paid_at\": \"%s\"}",
        1000 + i, uuid(random).substring(0, 8), money(random), at(i * 60_000L + 30_000));
  }

  private static IntFunction<String> orderShipped(Random random) {
    String[] carriers = {"DHL", "UPS", "La Poste"};
    return i -> String.format(Locale.ROOT, "{\"order_id\": \"order_%d\", \"carrier\": \"%s\","
        + " \"tracking_number\": %s, \"shipped_at\": \"%s\"}",
        1000 + i, carriers[random.nextInt(3)],
        random.nextInt(5) == 0 ? "null" : quote("TN" + (100_000 + random.nextInt(900_000))),
        at(86_400_000L + i * 60_000L));
  }

  private static String money(Random random) {
    return String.format(Locale.ROOT, "%d.%02d", 5 + random.nextInt(400), random.nextInt(100));
  }

  private static String uuid(Random random) {
    return new UUID(random.nextLong(), random.nextLong()).toString();
  }

  private static String at(long millisAfterStart) {
    return START.plusMillis(millisAfterStart).toString();
  }

  private static String quote(String text) {
    return "\"" + text + "\"";
  }

  private static void write(Path file, int lines, IntFunction<String> line) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream raw = Files.newOutputStream(file);
        Writer out = new OutputStreamWriter(file.toString().endsWith(".gz")
            ? new GZIPOutputStream(raw) : raw, StandardCharsets.UTF_8)) {
      for (int i = 0; i < lines; i++) {
        out.write(line.apply(i));
        out.write('\n');
      }
    }
    System.out.printf("%s: %,d lines%n", file, lines);
  }
}
