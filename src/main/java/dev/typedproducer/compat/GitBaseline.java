package dev.typedproducer.compat;

import dev.typedproducer.internal.schema.SchemaFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Earlier versions of schema files from git: every version a file had in the history of a
 * baseline ref (e.g. the target branch of a pull request), following renames.
 */
public final class GitBaseline {
  private final Git git;
  private final Path top;
  private final String ref;
  private final String commit;

  private GitBaseline(Git git, Path top, String ref, String commit) {
    this.git = git;
    this.top = top;
    this.ref = ref;
    this.commit = commit;
  }

  /**
   * The baseline {@code ref} of the repository that holds {@code dir}.
   *
   * @throws CheckCannotRunException if {@code dir} is not in a git repository or the ref is not
   *     there (a shallow clone, an unfetched branch)
   */
  public static GitBaseline open(Path dir, String ref) throws CheckCannotRunException {
    Git git = new Git(dir.toAbsolutePath());
    Git.Result top = git.run("rev-parse", "--show-toplevel");
    if (!top.ok()) {
      throw new CheckCannotRunException(dir + " is not in a git repository, so there is no"
          + " baseline " + ref + " to compare with. Run the check in a clone, or use"
          + " --registry-url to compare with a registry.");
    }
    Path root = Path.of(top.out().trim());
    git = new Git(root); // paths below are relative to the top of the repository
    Git.Result resolved = git.run("rev-parse", "--verify", "--quiet", ref + "^{commit}");
    if (!resolved.ok()) {
      boolean shallow = git.run("rev-parse", "--is-shallow-repository").out().trim().equals("true");
      throw new CheckCannotRunException("The baseline " + ref + " is not in this clone"
          + (shallow ? ", which is shallow. Fetch the history first (git fetch --unshallow, or"
              + " fetch-depth: 0 in actions/checkout)." : ". Fetch it first (git fetch origin),"
              + " or name another ref with --against."));
    }
    return new GitBaseline(git, root, ref, resolved.out().trim());
  }

  /** How reports name the baseline, e.g. {@code origin/main (1a2b3c4)}. */
  public String label() {
    return ref + " (" + shortSha(commit) + ")";
  }

  /**
   * The versions of a file: those that parse, oldest first, and a label for each that does not.
   */
  public record History(List<SchemaVersion> versions, List<String> unreadable) {}

  /**
   * Every version {@code file} had at or before the baseline, oldest first; empty for a file the
   * baseline does not have. A version that names types defined in other files is parsed with
   * {@code known}, the other files' schemas as they are now.
   */
  public History history(Path file, List<Schema> known) throws CheckCannotRunException {
    String path = relative(file);
    Git.Result log = git.run("log", "--follow", "--format=%x01%H", "--name-only", commit, "--",
        path);
    if (!log.ok()) {
      throw new CheckCannotRunException("git log failed for " + path + ": " + log.err().trim());
    }
    List<String[]> commits = new ArrayList<>(); // {sha, path at that commit}, newest first
    for (String entry : log.out().split("\u0001")) {
      String[] lines = entry.strip().split("\n");
      if (lines.length >= 2 && !lines[0].isBlank()) {
        commits.add(new String[] {lines[0].trim(), lines[lines.length - 1].trim()});
      }
    }
    Collections.reverse(commits);
    List<SchemaVersion> versions = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    String previous = null;
    for (String[] c : commits) {
      Git.Result shown = git.run("show", c[0] + ":" + c[1]);
      if (!shown.ok() || shown.out().equals(previous)) {
        continue; // deleted in that commit, or unchanged (a revert, a mode change)
      }
      previous = shown.out();
      Schema schema = parse(shown.out());
      if (schema == null) {
        schema = parseWith(shown.out(), known);
      }
      if (schema == null) {
        unreadable.add(c[1] + " at commit " + shortSha(c[0]));
      } else {
        versions.add(new SchemaVersion(schema, "version " + (versions.size() + 1) + " (commit "
            + shortSha(c[0]) + ")"));
      }
    }
    return new History(versions, unreadable);
  }

  /** The schema files under {@code schemasDir} at the baseline, as text by path. */
  public List<BaselineFile> files(Path schemasDir) throws CheckCannotRunException {
    String path = relative(schemasDir);
    Git.Result tree = git.run("ls-tree", "-r", "--name-only", commit, "--", path);
    List<BaselineFile> files = new ArrayList<>();
    for (String name : tree.out().split("\n")) {
      if (name.endsWith(".avsc")) {
        Git.Result shown = git.run("show", commit + ":" + name);
        files.add(new BaselineFile(top.resolve(name), shown.ok() ? parse(shown.out()) : null));
      }
    }
    return files;
  }

  /** A schema file as the baseline has it; {@code schema} is null when it does not parse. */
  public record BaselineFile(Path path, Schema schema) {}

  private String relative(Path file) throws CheckCannotRunException {
    try {
      Path real = Files.exists(file) ? file.toRealPath() : file.toAbsolutePath().normalize();
      return top.toRealPath().relativize(real).toString().replace('\\', '/');
    } catch (java.io.IOException e) {
      throw new CheckCannotRunException("Cannot resolve " + file + ": " + e.getMessage(), e);
    }
  }

  private static Schema parse(String text) {
    try {
      return new Schema.Parser().setValidateDefaults(false)
          .parse(SchemaFiles.withoutBom(text));
    } catch (SchemaParseException | org.apache.avro.AvroTypeException e) {
      return null;
    }
  }

  private static Schema parseWith(String text, List<Schema> known) {
    try {
      return new Schema.Parser().setValidateDefaults(false).addTypes(known)
          .parse(SchemaFiles.withoutBom(text));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String shortSha(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }
}
