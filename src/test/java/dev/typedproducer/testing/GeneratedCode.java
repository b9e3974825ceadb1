package dev.typedproducer.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.apache.avro.Schema;
import org.apache.avro.compiler.specific.SpecificCompiler;
import org.apache.avro.generic.GenericData;

/**
 * Generates Java code from a schema the way the build does (avro-maven-plugin: String strings,
 * decimals as BigDecimal) and compiles it with javac, for tests about what schemas do to code.
 */
public final class GeneratedCode {
  /** What javac made of the generated sources. */
  public record Compilation(boolean success, String diagnostics, List<Path> sources) {}

  private GeneratedCode() {}

  public static Compilation compile(Schema schema, Path dir) {
    try {
      Path src = Files.createDirectories(dir.resolve("src"));
      Path classes = Files.createDirectories(dir.resolve("classes"));
      SpecificCompiler compiler = new SpecificCompiler(schema);
      compiler.setStringType(GenericData.StringType.String);
      compiler.setEnableDecimalLogicalType(true);
      compiler.setCreateSetters(true);
      compiler.compileToDestination(null, src.toFile());
      List<Path> sources;
      try (Stream<Path> walk = Files.walk(src)) {
        sources = walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
      }
      JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
      StringWriter diagnostics = new StringWriter();
      try (StandardJavaFileManager files =
          javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
        boolean ok = javac.getTask(diagnostics, files, null,
            List.of("-d", classes.toString(), "-classpath", System.getProperty("java.class.path"),
                "-proc:none", "-encoding", "UTF-8"),
            null, files.getJavaFileObjectsFromFiles(sources.stream().map(Path::toFile)
                .toList())).call();
        return new Compilation(ok, diagnostics.toString(), sources);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

}
