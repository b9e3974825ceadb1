package dev.typedproducer.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SdkCommandsTest {
  private static final String SCHEMAS = EventTypes.schemasDir(null).toString();

  @Test
  void validateRunsTheSdksCommand() {
    ToolRun run = ToolRun.of("validate", "--schemas", SCHEMAS);
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("Every schema in").contains("is valid");
  }

  @Test
  void validateExitsTwoOnAMissingFolder() {
    ToolRun missing = ToolRun.of("validate", "--schemas", Path.of("no-such-folder").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("no-such-folder");
  }

  @Test
  void eachCommandHasHelp() {
    for (String command : new String[] {"produce", "tail", "serve", "validate", "compat",
        "register", "build-check"}) {
      ToolRun run = ToolRun.of(command, "--help");
      assertThat(run.exit()).as(command).isZero();
      assertThat(run.out()).as(command).startsWith("Usage: typed-producer " + command);
    }
    assertThat(ToolRun.of("compat", "--help").out())
        .contains("compat --schemas DIR (--against GIT_REF | --registry-url URL)")
        .contains("--report-json FILE");
  }

  @Test
  void withoutACommandPrintsUsageAndExitsTwo() {
    ToolRun run = ToolRun.of();
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.out()).contains("Commands:").contains("produce").contains("tail");
  }
}
