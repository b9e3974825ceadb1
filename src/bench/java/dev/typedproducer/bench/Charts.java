package dev.typedproducer.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * Draws the charts of docs/performance.md from the results of the last runs, and prints their
 * tables in Markdown: {@code target/jmh-result.json} (JMH) gives ns and bytes per event per
 * serializer, {@code target/e2e-result.json} (EndToEnd) records/s per round. A missing file is
 * skipped, saying so. Run by the bench profile after JMH or the harness:
 *
 * <pre>./mvnw -q -Pbench,charts verify</pre>
 */
public final class Charts {
  private static final int WIDTH = 900;
  private static final int HEIGHT = 480;

  private Charts() {}

  public static void main(String[] args) throws IOException {
    Path target = Path.of(args.length > 0 ? args[0] : "target");
    Path docs = Path.of(args.length > 1 ? args[1] : "docs");
    Files.createDirectories(docs);
    Path jmh = target.resolve("jmh-result.json");
    Path e2e = target.resolve("e2e-result.json");
    if (Files.exists(jmh)) {
      serializers(new ObjectMapper().readTree(jmh.toFile()), docs);
    } else {
      System.out.println("No " + jmh + ": run the benchmarks first for the serializer chart.");
    }
    if (Files.exists(e2e)) {
      endToEnd(new ObjectMapper().readTree(e2e.toFile()), docs);
    } else {
      System.out.println("No " + e2e + ": run the harness first for the end-to-end chart.");
    }
  }

  private static void serializers(JsonNode results, Path docs) throws IOException {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    StringBuilder table = new StringBuilder(
        "| benchmark | event | threads | ns/op | ± | B/op |\n|---|---|---|---|---|---|\n");
    for (JsonNode result : results) {
      String benchmark = result.path("benchmark").asText();
      String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
      String event = result.path("params").path("event").asText();
      int threads = result.path("threads").asInt();
      JsonNode metric = result.path("primaryMetric");
      double ns = metric.path("score").asDouble();
      JsonNode alloc = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
      table.append(String.format(Locale.ROOT, "| %s | %s | %d | %.1f | %.1f | %s |%n", method,
          event, threads, ns, metric.path("scoreError").asDouble(),
          alloc.isMissingNode() ? "" : String.format(Locale.ROOT, "%.0f", alloc.path("score").asDouble())));
      if (benchmark.contains("SerializerBenchmark")) {
        String series = method.startsWith("sdk") ? "the SDK (encoder plan)"
            : "Avro SpecificDatumWriter, reused";
        dataset.addValue(ns, series, event + ", " + threads + (threads == 1 ? " thread" : " threads"));
      }
    }
    System.out.println(table);
    Files.writeString(Path.of("target", "jmh-table.md"), table);
    if (dataset.getColumnCount() > 0) {
      JFreeChart chart = ChartFactory.createBarChart("Serializer: ns per event and thread"
          + " (lower is better)", "", "ns per event", dataset, PlotOrientation.VERTICAL, true,
          false, false);
      chart.getCategoryPlot().getDomainAxis().setMaximumCategoryLabelLines(2);
      ChartUtils.saveChartAsPNG(docs.resolve("performance-serializer.png").toFile(), chart, WIDTH,
          HEIGHT);
      System.out.println("Wrote " + docs.resolve("performance-serializer.png"));
    }
  }

  private static void endToEnd(JsonNode results, Path docs) throws IOException {
    DefaultCategoryDataset dataset = new DefaultCategoryDataset();
    JsonNode raw = results.path("rawRecordsPerSecond");
    JsonNode typed = results.path("typedRecordsPerSecond");
    for (int i = 0; i < raw.size(); i++) {
      dataset.addValue(raw.get(i).asDouble(), "raw KafkaProducer<byte[], byte[]>", "round " + (i + 1));
      dataset.addValue(typed.get(i).asDouble(), "TypedProducer", "round " + (i + 1));
    }
    dataset.addValue(results.path("medianRaw").asDouble(), "raw KafkaProducer<byte[], byte[]>",
        "median");
    dataset.addValue(results.path("medianTyped").asDouble(), "TypedProducer", "median");
    String title = String.format(Locale.ROOT, "End to end: %s records/s (higher is better),"
        + " typed/raw median %.2f", results.path("event").asText(),
        results.path("medianRatio").asDouble());
    JFreeChart chart = ChartFactory.createBarChart(title, "", "records/s", dataset,
        PlotOrientation.VERTICAL, true, false, false);
    chart.getCategoryPlot().getDomainAxis().setMaximumCategoryLabelLines(2);
    ChartUtils.saveChartAsPNG(docs.resolve("performance-e2e.png").toFile(), chart, WIDTH, HEIGHT);
    System.out.println("Wrote " + docs.resolve("performance-e2e.png"));
  }
}
