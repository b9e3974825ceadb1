package dev.typedproducer.compat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;

/**
 * Avro's own schema resolution rules, the ones schema registries apply: at a level, can the new
 * schema read data written with earlier versions, and can they read data it writes?
 *
 * <p>Avro's incompatibility types are named from the reader's side; the ids here name the change
 * instead, e.g. a reader field without default is {@code FieldAddedWithoutDefault} when the new
 * schema is the reader and {@code FieldRemovedWithoutDefault} when an old one is.
 */
final class AvroRules {
  static final String FIELD_ADDED_WITHOUT_DEFAULT = "FieldAddedWithoutDefault";
  static final String FIELD_REMOVED_WITHOUT_DEFAULT = "FieldRemovedWithoutDefault";
  static final String ENUM_SYMBOL_REMOVED = "EnumSymbolRemoved";
  static final String ENUM_SYMBOL_ADDED = "EnumSymbolAdded";
  static final String UNION_NARROWED = "UnionNarrowed";
  static final String UNION_WIDENED = "UnionWidened";
  static final String TYPE_CHANGED = "TypeChanged";
  static final String NAME_CHANGED = "NameChanged";
  static final String FIXED_SIZE_CHANGED = "FixedSizeChanged";

  private AvroRules() {}

  /** What Avro finds wrong with {@code candidate} against {@code history} at {@code level}. */
  static List<Finding> check(Schema candidate, List<SchemaVersion> history,
      CompatibilityLevel level) {
    List<Finding> findings = new ArrayList<>();
    for (SchemaVersion version : compared(history, level)) {
      if (level.backward()) {
        for (Problem i : incompatibilities(candidate, version.schema())) {
          findings.add(backward(i, version));
        }
      }
      if (level.forward()) {
        for (Problem i : incompatibilities(version.schema(), candidate)) {
          findings.add(forward(i, version));
        }
      }
    }
    return findings;
  }

  /** The versions a level compares with: all of them when transitive, else the latest. */
  static List<SchemaVersion> compared(List<SchemaVersion> history, CompatibilityLevel level) {
    if (history.isEmpty() || level == CompatibilityLevel.NONE) {
      return List.of();
    }
    return level.transitive() ? history : List.of(history.get(history.size() - 1));
  }

  /** One of Avro's incompatibilities: what, Avro's words, and where (a JSON pointer). */
  private record Problem(SchemaIncompatibilityType type, String message, String location) {}

  private static List<Problem> incompatibilities(Schema reader, Schema writer) {
    List<Problem> problems = new ArrayList<>();
    for (Incompatibility i : SchemaCompatibility.checkReaderWriterCompatibility(reader, writer)
        .getResult().getIncompatibilities()) {
      // Where the writer's type sits: a union's branch is the last step of the location.
      Schema written = i.getWriterFragment();
      String at = i.getLocation();
      int slash = at.lastIndexOf('/');
      if (written.getType() == Schema.Type.UNION && at.substring(slash + 1).matches("[0-9]+")
          && Integer.parseInt(at.substring(slash + 1)) < written.getTypes().size()) {
        written = written.getTypes().get(Integer.parseInt(at.substring(slash + 1)));
        at = at.substring(0, slash);
      }
      Schema branch = i.getType() == SchemaIncompatibilityType.MISSING_UNION_BRANCH
          ? sameNamedBranch(i.getReaderFragment(), written) : null;
      if (branch == null) {
        problems.add(new Problem(i.getType(), i.getMessage(), i.getLocation()));
        continue;
      }
      // A named type in a union changed in itself (an optional shared type, say): Avro says only
      // that no branch takes it; say why, at the place inside it.
      String inBranch = at + "/" + i.getReaderFragment().getTypes().indexOf(branch);
      for (Problem inner : incompatibilities(branch, written)) {
        problems.add(new Problem(inner.type(), inner.message(),
            inBranch + (inner.location().equals("/") ? "" : inner.location())));
      }
    }
    return problems;
  }

  /** The branch of {@code union} with the full name of the named type {@code type}, or null. */
  private static Schema sameNamedBranch(Schema union, Schema type) {
    if (union.getType() != Schema.Type.UNION || !(type.getType() == Schema.Type.RECORD
        || type.getType() == Schema.Type.ENUM || type.getType() == Schema.Type.FIXED)) {
      return null;
    }
    return union.getTypes().stream().filter(b -> b.getType() == type.getType()
        && b.getFullName().equals(type.getFullName())).findFirst().orElse(null);
  }

  /** The new schema (reader) cannot read data written with {@code version}. */
  private static Finding backward(Problem i, SchemaVersion version) {
    String where = " (at " + i.location() + " of the new schema)";
    String cannot = ": data written with " + version.label() + " cannot be read with the new schema.";
    String avro = " Avro: " + i.type() + " " + i.message();
    return switch (i.type()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE -> finding(FIELD_ADDED_WITHOUT_DEFAULT, i, version,
          "field " + i.message() + " was added without a default" + where + cannot + avro,
          "give the new field a default (for an optional field: \"type\": [\"null\", ...],"
              + " \"default\": null), so that records written before it can still be read");
      case MISSING_ENUM_SYMBOLS -> finding(ENUM_SYMBOL_REMOVED, i, version,
          "enum symbol(s) " + i.message() + " were removed" + where + cannot + avro,
          "keep the symbols (document them as retired), or give the enum a \"default\" symbol"
              + " that readers use for symbols they do not know");
      case MISSING_UNION_BRANCH -> finding(UNION_NARROWED, i, version,
          "the union no longer has a branch for a type the old data holds" + where + cannot + avro,
          "keep the union's branches; add branches rather than remove them");
      case TYPE_MISMATCH -> finding(TYPE_CHANGED, i, version,
          "the type changed" + where + cannot + avro, typeFix());
      case NAME_MISMATCH -> finding(NAME_CHANGED, i, version,
          "a named type was renamed" + where + cannot + avro,
          "keep the old name, or list it in the type's \"aliases\"");
      case FIXED_SIZE_MISMATCH -> finding(FIXED_SIZE_CHANGED, i, version,
          "a fixed type's size changed" + where + cannot + avro,
          "keep the size; a different size is a different type: add a new field instead");
    };
  }

  /** Readers still on {@code version} cannot read data written with the new schema. */
  private static Finding forward(Problem i, SchemaVersion version) {
    String where = " (at " + i.location() + " of " + version.label() + ")";
    String cannot = ": consumers still reading with " + version.label()
        + " cannot read data written with the new schema.";
    String avro = " Avro: " + i.type() + " " + i.message();
    return switch (i.type()) {
      case READER_FIELD_MISSING_DEFAULT_VALUE -> finding(FIELD_REMOVED_WITHOUT_DEFAULT, i, version,
          "field " + i.message() + " was removed, and old readers have no default for it"
              + where + cannot + avro,
          "keep the field; to retire it, first release a version that gives it a default, and"
              + " remove it only once every reader has that version");
      case MISSING_ENUM_SYMBOLS -> finding(ENUM_SYMBOL_ADDED, i, version,
          "enum symbol(s) " + i.message() + " were added, which old readers do not know"
              + where + cannot + avro,
          "give the enum a \"default\" symbol in a release before adding symbols, so that old"
              + " readers map new symbols to it");
      case MISSING_UNION_BRANCH -> finding(UNION_WIDENED, i, version,
          "the union gained a branch that old readers do not have" + where + cannot + avro,
          "write the new type to a new field instead, or upgrade every reader first (BACKWARD)");
      case TYPE_MISMATCH -> finding(TYPE_CHANGED, i, version,
          "the type changed" + where + cannot + avro, typeFix());
      case NAME_MISMATCH -> finding(NAME_CHANGED, i, version,
          "a named type was renamed" + where + cannot + avro,
          "keep the old name; old readers do not know the new one even with aliases");
      case FIXED_SIZE_MISMATCH -> finding(FIXED_SIZE_CHANGED, i, version,
          "a fixed type's size changed" + where + cannot + avro,
          "keep the size; a different size is a different type: add a new field instead");
    };
  }

  private static String typeFix() {
    return "only promotions resolve (int to long, float or double; long to float or double;"
        + " float to double; string to and from bytes): add a field with the new type and"
        + " retire the old one";
  }

  private static Finding finding(String id, Problem i, SchemaVersion version,
      String problem, String fix) {
    return new Finding(id, Severity.ERROR, false, i.location(), problem, fix, version.label());
  }
}
