package dev.typedproducer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build compiles SchemaCheck on its own, before code generation, from the files its
 * "schema-check-classes" execution includes. javac would compile a file missing from that list
 * too, but an edit to it would not recompile, and the check would run old code: so every file
 * SchemaCheck needs must be in the list.
 */
class SchemaCheckSourcesTest {
  @Test
  void theBuildsSchemaCheckCompileIncludesEverySourceItNeeds(@TempDir Path out) throws IOException {
    int code = ToolProvider.getSystemJavaCompiler().run(null, null, null, "-proc:none",
        "-implicit:class", "-Xprefer:source", "-sourcepath", "src/main/java",
        "-classpath", System.getProperty("java.class.path"), "-d", out.toString(),
        "src/main/java/dev/typedproducer/cli/SchemaCheck.java");
    assertThat(code).isZero();

    List<PathMatcher> includes = includes();
    List<String> missing;
    try (Stream<Path> classes = Files.walk(out)) {
      missing = classes.filter(p -> p.toString().endsWith(".class"))
          .map(p -> out.relativize(p).toString().replace('\\', '/')
              .replaceAll("(\\$.*)?\\.class$", ".java"))
          .distinct()
          .filter(source -> includes.stream().noneMatch(m -> m.matches(Path.of(source))))
          .sorted().toList();
    }

    assertThat(missing).as("sources SchemaCheck uses that pom.xml's schema-check-classes"
        + " execution does not include; add them to its <includes>").isEmpty();
  }

  private static List<PathMatcher> includes() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    int start = pom.indexOf("<id>schema-check-classes</id>");
    String execution = pom.substring(start, pom.indexOf("</includes>", start));
    Matcher include = Pattern.compile("<include>([^<]+)</include>").matcher(execution);
    List<PathMatcher> out = new java.util.ArrayList<>();
    while (include.find()) {
      out.add(FileSystems.getDefault().getPathMatcher("glob:" + include.group(1)));
    }
    assertThat(out).isNotEmpty();
    return out;
  }
}
