package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README code blocks preceded by {@code <!-- snippet: PATH -->} must stand, line for line, in the
 * test source PATH, which the build compiles and runs: the README cannot show code that no longer
 * works.
 */
class ReadmeSnippetsTest {
  private static final Pattern SNIPPET =
      Pattern.compile("<!-- snippet: (\\S+) -->\\s*```[a-z]*\\n(.*?)```", Pattern.DOTALL);

  private record Snippet(String file, String code) {}

  private static List<Snippet> snippets() throws IOException {
    Matcher matcher = SNIPPET.matcher(Files.readString(Path.of("README.md")));
    List<Snippet> found = new ArrayList<>();
    while (matcher.find()) {
      found.add(new Snippet(matcher.group(1), matcher.group(2)));
    }
    return found;
  }

  /** The lines, trimmed, blank ones dropped, joined: what must appear as a run in the source. */
  private static String normalized(String code) {
    return code.lines().map(String::strip).filter(l -> !l.isEmpty())
        .collect(Collectors.joining("\n"));
  }

  @Test
  void everyMarkedReadmeSnippetStandsInTheTestItNames() throws IOException {
    List<Snippet> snippets = snippets();

    assertThat(snippets).hasSizeGreaterThanOrEqualTo(3);
    for (Snippet snippet : snippets) {
      Path source = Path.of(snippet.file());
      assertThat(source).as("the file a README snippet names").isRegularFile();
      assertThat(normalized(Files.readString(source)))
          .as("README snippet from %s", snippet.file())
          .contains(normalized(snippet.code()));
    }
  }

  @Test
  void findsADriftedSnippet() {
    String source = normalized("class A {\n  void run() {\n    send(click);\n  }\n}\n");

    assertThat(source).contains(normalized("  void run() {\n    send(click);\n"));
    assertThat(source).doesNotContain(normalized("  void run() {\n    send(click, headers);\n"));
  }
}
