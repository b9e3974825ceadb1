package dev.typedproducer.tool.tail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.tool.ToolRun;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StartPositionTest {
  @Test
  void readsBeginningEndAnOffsetOrATimestamp() {
    assertThat(StartPosition.parse("beginning")).hasToString("beginning");
    assertThat(StartPosition.parse("end")).hasToString("end");
    assertThat(StartPosition.parse("42")).isEqualTo(new StartPosition("offset", 42));
    assertThat(StartPosition.parse("2024-05-31T15:00:00+02:00").value())
        .isEqualTo(Instant.parse("2024-05-31T13:00:00Z").toEpochMilli());
  }

  @Test
  void refusesAnythingElseSayingWhatIsAccepted() {
    assertThatThrownBy(() -> StartPosition.parse("yesterday"))
        .hasMessage("--from yesterday is not beginning, end, an offset or an ISO-8601 timestamp"
            + " with a zone such as 2024-05-31T13:00:00Z");
    ToolRun run = ToolRun.of("tail", "user_clicks", "--from", "yesterday",
        "--bootstrap-servers", "127.0.0.1:1", "--registry-url", "http://127.0.0.1:1");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--from yesterday is not beginning, end");
  }
}
