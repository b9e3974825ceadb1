package dev.typedproducer.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart: produce --then-tail with no servers given starts the embedded default
 * (an in-process broker and the local registry), in a JVM of its own (failsafe forks one per
 * class), apart from the broker that the other ITs share.
 */
class EmbeddedQuickstartIT {
  @Test
  void theQuickstartRunsOnTheEmbeddedDefault() {
    ToolRun run = ToolRun.of("produce", "--topic", "inference_requests", "--progress", "none",
        "--then-tail", Path.of("samples", "inference_requests.jsonl").toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).contains("starting the embedded default")
        .contains("read 200, sent 200, rejected 0, failed 0")
        .contains("tail: 200 record(s) read back from inference_requests");
    assertThat(run.out().lines()).hasSize(200)
        .allSatisfy(line -> assertThat(line).startsWith("{\"request_id\":"));
  }
}
