package dev.typedproducer.cli;

import dev.typedproducer.Diagnostic;
import dev.typedproducer.compat.SchemaValidator;
import dev.typedproducer.internal.schema.SchemaFile;
import dev.typedproducer.internal.schema.SchemaFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every offline rule, on every schema in a folder: what {@code validate}, {@code register} and the
 * build check. The build runs {@link #main} before the Avro compiler, so that a schema the compiler
 * would choke on ("Undefined schema", "Invalid default") is reported as our diagnostic instead.
 * It is compiled on its own for that, so it depends on the schema checks only, never on the rest of
 * the command line.
 */
public final class SchemaCheck {
  private SchemaCheck() {}

  /**
   * How many schemas a folder holds, every problem in them (unreadable files included), and
   * warnings that do not fail the check.
   */
  record Validation(int schemas, List<Diagnostic> problems, List<Diagnostic> warnings) {}

  static Validation validate(Path schemas) throws IOException {
    SchemaFiles.Result result = SchemaFiles.read(schemas, Paths::display);
    List<Diagnostic> problems = new ArrayList<>(result.problems());
    for (SchemaFile file : result.schemas()) {
      // Shared types (schemas/shared/) are types, not events: no key, no topic.
      problems.addAll(file.shared() ? SchemaValidator.validateShared(file.schema(), file.source())
          : SchemaValidator.validate(file.schema(), file.source()));
    }
    return new Validation(result.schemas().size() + result.problems().size(), problems,
        result.warnings());
  }

  /**
   * The build's check before code generation: {@code SchemaCheck DIR} prints each problem of the
   * schemas in DIR and then fails with an exception that only counts them, which Maven shows as its
   * one error line (run through exec:java, so no stack trace and no second process). It prints
   * nothing when all pass: the check after compiling reports them, with the warnings. People run
   * {@code validate} instead, which has exit codes.
   *
   * @param args the schemas folder, {@code schemas} if none is given
   * @throws IOException if the folder cannot be listed
   */
  public static void main(String[] args) throws IOException {
    Path schemas = Path.of(args.length == 0 ? "schemas" : args[0]);
    List<Diagnostic> problems = validate(schemas).problems();
    if (!problems.isEmpty()) {
      problems.forEach(System.out::println);
      System.out.flush();
      throw new SchemasInvalid(problems.size() + " problem(s) in " + Paths.folder(schemas)
          + ", listed above. Fix them and build again.");
    }
  }

  /** The schemas have problems, which were printed; the message only counts them. */
  static final class SchemasInvalid extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SchemasInvalid(String message) {
      super(message, null, false, false);
    }
  }
}
