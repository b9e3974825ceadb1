package dev.typedproducer.compat;

import dev.typedproducer.internal.schema.NamedTypes;
import dev.typedproducer.internal.schema.SchemaFile;
import dev.typedproducer.internal.schema.SchemaFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
  /** The shared types of a folder at a commit, by {@code sha:folder}. */
  private final Map<String, List<Schema>> shared = new HashMap<>();

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
   * baseline does not have. A version that names types defined in other files is parsed with the
   * shared types ({@code shared/*.avsc}) as they were in the same commit, and with {@code known},
   * the other files' schemas as they are now, for the rest. When a shared type changed after the
   * file last did, the file as the baseline has it, with the baseline's shared types, is the last
   * version.
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
      Schema schema = parseAt(shown.out(), c[0], c[1], known);
      if (schema == null) {
        unreadable.add(c[1] + " at commit " + shortSha(c[0]));
      } else {
        versions.add(new SchemaVersion(schema, "version " + (versions.size() + 1) + " (commit "
            + shortSha(c[0]) + ")"));
      }
    }
    if (!commits.isEmpty() && !versions.isEmpty()) {
      // The file's text may be older than the shared types it uses: add the baseline's view.
      String last = commits.get(commits.size() - 1)[1];
      Git.Result shown = git.run("show", commit + ":" + last);
      Schema atBaseline = shown.ok() ? parseAt(shown.out(), commit, last, known) : null;
      if (atBaseline != null && !atBaseline.toString()
          .equals(versions.get(versions.size() - 1).schema().toString())) {
        versions.add(new SchemaVersion(atBaseline, "version " + (versions.size() + 1)
            + " (commit " + shortSha(commit) + ", with the shared types changed)"));
      }
    }
    return new History(versions, unreadable);
  }

  /**
   * {@code text}, the file {@code path} at commit {@code sha}, parsed alone, or else with the
   * shared types of that commit and, for other names, {@code known}; null when it does not parse.
   */
  private Schema parseAt(String text, String sha, String path, List<Schema> known)
      throws CheckCannotRunException {
    Schema schema = parse(text);
    if (schema != null) {
      return schema;
    }
    List<Schema> shared = sharedAt(sha, path);
    Set<String> names = new HashSet<>();
    shared.forEach(s -> NamedTypes.forEach(s, n -> names.add(n.getFullName())));
    List<Schema> types = new ArrayList<>(shared);
    known.stream().filter(k -> !names.contains(k.getFullName())).forEach(types::add);
    schema = parseWith(text, types);
    return schema != null ? schema : parseWith(text, known);
  }

  /** The shared types beside the file {@code path} (in its shared/ folder) at commit {@code sha}. */
  private List<Schema> sharedAt(String sha, String path) throws CheckCannotRunException {
    int slash = path.lastIndexOf('/');
    String folder = (slash < 0 ? "" : path.substring(0, slash + 1)) + SchemaFile.SHARED_FOLDER;
    List<Schema> types = shared.get(sha + ":" + folder);
    if (types == null) {
      Git.Result tree = git.run("ls-tree", "--name-only", sha, "--", folder + "/");
      Map<Path, String> texts = new LinkedHashMap<>();
      for (String name : tree.out().split("\n")) {
        Git.Result shown = name.endsWith(".avsc") ? git.run("show", sha + ":" + name) : null;
        if (shown != null && shown.ok()) {
          texts.put(Path.of(name), SchemaFiles.withoutBom(shown.out()));
        }
      }
      types = SchemaFiles.parse(texts, Path::toString).schemas().stream()
          .map(SchemaFile::schema).toList();
      shared.put(sha + ":" + folder, types);
    }
    return types;
  }

  /** The schema files under {@code schemasDir} at the baseline, as text by path. */
  public List<BaselineFile> files(Path schemasDir) throws CheckCannotRunException {
    String path = relative(schemasDir);
    Git.Result tree = git.run("ls-tree", "-r", "--name-only", commit, "--", path);
    List<BaselineFile> files = new ArrayList<>();
    for (String name : tree.out().split("\n")) {
      if (name.endsWith(".avsc")) {
        Git.Result shown = git.run("show", commit + ":" + name);
        files.add(new BaselineFile(top.resolve(name),
            shown.ok() ? parseAt(shown.out(), commit, name, List.of()) : null));
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
