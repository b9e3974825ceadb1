package dev.typedproducer.compat;

import dev.typedproducer.internal.schema.SchemaProperties;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * Data rules ({@code "kafka.rules"}) made stricter from one schema version to the next: a smaller
 * {@code max}, a new {@code finite}, a changed {@code pattern}. Every registry accepts such a
 * change, since the bytes decode as before, but events already in the topic may break the new
 * rule, and a consumer that trusts the rule reads them all the same.
 *
 * <p>The finding is an error at the levels that promise readers on either version can handle
 * what either writes (FORWARD, FULL and their transitive forms), and a warning at BACKWARD and
 * NONE, where consumers upgrade first. A loosened or removed rule passes.
 */
final class RuleChanges {
  static final String RULE_TIGHTENED = "RuleTightened";

  private final SchemaVersion old;
  private final Severity severity;
  private final List<Finding> findings = new ArrayList<>();
  private final Set<String> visited = new HashSet<>();

  private RuleChanges(SchemaVersion old, CompatibilityLevel level) {
    this.old = old;
    this.severity = level.forward() ? Severity.ERROR : Severity.WARNING;
  }

  /** Each rule of {@code candidate} stricter than in {@code old}, checked at {@code level}. */
  static List<Finding> check(Schema candidate, SchemaVersion old, CompatibilityLevel level) {
    RuleChanges changes = new RuleChanges(old, level);
    changes.record("", "", old.schema(), candidate,
        SemanticRules.allowed(candidate.getObjectProp(SchemaProperties.COMPAT_ALLOW)));
    return changes.findings;
  }

  private void record(String location, String path, Schema was, Schema now, Set<String> allowed) {
    if (!visited.add(was.getFullName() + ">" + now.getFullName() + "@" + location)) {
      return;
    }
    Set<String> recordAllowed = union(allowed, now.getObjectProp(SchemaProperties.COMPAT_ALLOW));
    for (Schema.Field field : now.getFields()) {
      Schema.Field before = matching(was, field);
      if (before == null) {
        continue; // a new field has no events in the topic yet
      }
      String fieldLocation = location + "/fields/" + field.pos();
      String fieldPath = path.isEmpty() ? field.name() : path + "/" + field.name();
      Set<String> fieldAllowed =
          union(recordAllowed, field.getObjectProp(SchemaProperties.COMPAT_ALLOW));
      rules(fieldLocation, fieldPath, before.getObjectProp(SchemaProperties.RULES),
          field.getObjectProp(SchemaProperties.RULES), fieldAllowed);
      nested(fieldLocation + "/type", fieldPath, before.schema(), field.schema(), fieldAllowed);
    }
  }

  /** Records inside a field's type, paired by kind as the schemas nest them. */
  private void nested(String location, String path, Schema was, Schema now, Set<String> allowed) {
    Schema w = nonNull(was);
    Schema n = nonNull(now);
    if (w == null || n == null || w.getType() != n.getType()) {
      return;
    }
    switch (n.getType()) {
      case RECORD -> record(location, path, w, n, allowed);
      case ARRAY -> nested(location + "/items", path + "/*", w.getElementType(),
          n.getElementType(), allowed);
      case MAP -> nested(location + "/values", path + "/*", w.getValueType(), n.getValueType(),
          allowed);
      default -> { }
    }
  }

  private void rules(String location, String path, Object was, Object now, Set<String> allowed) {
    if (!(now instanceof Map<?, ?> nowRules)) {
      return; // no rules now: nothing can be stricter (validation reports a malformed value)
    }
    Map<?, ?> wasRules = was instanceof Map<?, ?> m ? m : Map.of();
    List<String> stricter = new ArrayList<>();
    bound(stricter, wasRules, nowRules, "min", "minExclusive", true);
    bound(stricter, wasRules, nowRules, "max", "maxExclusive", false);
    for (String flag : List.of("finite", "notBlank")) {
      if (Boolean.TRUE.equals(nowRules.get(flag)) && !Boolean.TRUE.equals(wasRules.get(flag))) {
        stricter.add("\"" + flag + "\" added");
      }
    }
    count(stricter, wasRules, nowRules, "minLength", true);
    count(stricter, wasRules, nowRules, "maxLength", false);
    count(stricter, wasRules, nowRules, "minItems", true);
    count(stricter, wasRules, nowRules, "maxItems", false);
    changed(stricter, wasRules, nowRules, "size");
    changed(stricter, wasRules, nowRules, "pattern");
    oneOf(stricter, wasRules, nowRules);
    time(stricter, wasRules, nowRules);
    if (!stricter.isEmpty()) {
      findings.add(new Finding(RULE_TIGHTENED, severity, allowed.contains(RULE_TIGHTENED),
          location, "the data rules of " + path + " are stricter: " + String.join("; ", stricter)
              + ". Events already in the topic may break them, and consumers that trust the"
              + " rules read those events all the same (compared with " + old.label() + ").",
          "keep the old rule until the topic holds no older events (its retention), then accept"
              + " with \"" + SchemaProperties.COMPAT_ALLOW + "\": [\"" + RULE_TIGHTENED + "\"] on"
              + " the field; or make consumers tolerate the old values first", old.label()));
    }
    for (String inner : List.of("items", "values")) {
      rules(location, path + "/" + inner, wasRules.get(inner), nowRules.get(inner), allowed);
    }
  }

  /** A lower (or upper) bound that moved inward, became exclusive, or appeared. */
  private static void bound(List<String> out, Map<?, ?> was, Map<?, ?> now, String inclusive,
      String exclusive, boolean lower) {
    Bound before = Bound.of(was, inclusive, exclusive);
    Bound after = Bound.of(now, inclusive, exclusive);
    if (after == null) {
      return;
    }
    if (before == null) {
      out.add("\"" + after.name() + "\": " + after.value().toPlainString() + " added");
      return;
    }
    int order = after.value().compareTo(before.value());
    boolean inward = lower ? order > 0 : order < 0;
    if (inward || order == 0 && after.exclusive() && !before.exclusive()) {
      out.add("\"" + before.name() + "\": " + before.value().toPlainString() + " became \""
          + after.name() + "\": " + after.value().toPlainString());
    }
  }

  private record Bound(String name, BigDecimal value, boolean exclusive) {
    static Bound of(Map<?, ?> rules, String inclusive, String exclusive) {
      // With both given, the tighter one decides; the exclusive one at an equal value.
      Bound a = one(rules, inclusive, false);
      Bound b = one(rules, exclusive, true);
      if (a == null || b == null) {
        return a != null ? a : b;
      }
      int order = a.value.compareTo(b.value);
      boolean lower = inclusive.startsWith("min");
      return order == 0 ? b : (lower ? order > 0 : order < 0) ? a : b;
    }

    private static Bound one(Map<?, ?> rules, String name, boolean exclusive) {
      return rules.get(name) instanceof Number n
          ? new Bound(name, new BigDecimal(n.toString()), exclusive) : null;
    }
  }

  private static void count(List<String> out, Map<?, ?> was, Map<?, ?> now, String rule,
      boolean lower) {
    if (!(now.get(rule) instanceof Number after)) {
      return;
    }
    if (!(was.get(rule) instanceof Number before)) {
      out.add("\"" + rule + "\": " + after + " added");
    } else if (lower ? after.longValue() > before.longValue()
        : after.longValue() < before.longValue()) {
      out.add("\"" + rule + "\" went from " + before + " to " + after);
    }
  }

  /** A rule whose any change excludes values the old one allowed (size, pattern). */
  private static void changed(List<String> out, Map<?, ?> was, Map<?, ?> now, String rule) {
    Object after = now.get(rule);
    Object before = was.get(rule);
    if (after != null && !Objects.equals(String.valueOf(after), String.valueOf(before))) {
      out.add(before == null ? "\"" + rule + "\": " + json(after) + " added"
          : "\"" + rule + "\" changed from " + json(before) + " to " + json(after));
    }
  }

  private static void oneOf(List<String> out, Map<?, ?> was, Map<?, ?> now) {
    if (!(now.get("oneOf") instanceof List<?> after)) {
      return;
    }
    if (!(was.get("oneOf") instanceof List<?> before)) {
      out.add("\"oneOf\": " + after + " added");
      return;
    }
    List<Object> dropped = new ArrayList<>(before);
    dropped.removeAll(after);
    if (!dropped.isEmpty()) {
      out.add("\"oneOf\" no longer allows " + dropped);
    }
  }

  private static void time(List<String> out, Map<?, ?> was, Map<?, ?> now) {
    Instant notBefore = instant(now.get("notBefore"));
    Instant wasNotBefore = instant(was.get("notBefore"));
    if (notBefore != null && (wasNotBefore == null || notBefore.isAfter(wasNotBefore))) {
      out.add("\"notBefore\" is now " + notBefore
          + (wasNotBefore == null ? "" : ", was " + wasNotBefore));
    }
    Duration skew = duration(now.get("notAfterNow"));
    Duration wasSkew = duration(was.get("notAfterNow"));
    if (skew != null && (wasSkew == null || skew.compareTo(wasSkew) < 0)) {
      out.add("\"notAfterNow\" is now " + skew + (wasSkew == null ? "" : ", was " + wasSkew));
    }
  }

  private static Instant instant(Object value) {
    try {
      return value == null ? null : Instant.parse(value.toString());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Duration duration(Object value) {
    try {
      return value == null ? null : Duration.parse(value.toString());
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String json(Object value) {
    return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
  }

  private static Schema nonNull(Schema type) {
    if (type.getType() != Schema.Type.UNION) {
      return type;
    }
    List<Schema> branches = type.getTypes().stream()
        .filter(t -> t.getType() != Schema.Type.NULL).toList();
    return branches.size() == 1 ? branches.get(0) : null;
  }

  private static Schema.Field matching(Schema was, Schema.Field field) {
    Schema.Field byName = was.getField(field.name());
    if (byName != null) {
      return byName;
    }
    return field.aliases().stream().map(was::getField).filter(Objects::nonNull).findFirst()
        .orElse(null);
  }

  private static Set<String> union(Set<String> a, Object property) {
    Set<String> all = new HashSet<>(a);
    all.addAll(SemanticRules.allowed(property));
    return all;
  }
}
