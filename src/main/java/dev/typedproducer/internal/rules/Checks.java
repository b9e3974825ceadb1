package dev.typedproducer.internal.rules;

import dev.typedproducer.RuleViolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.Set;
import java.util.regex.Matcher;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecordBase;

/** The checks rules compile to: one rule on one value, and the ways to reach values inside. */
final class Checks {
  /** Longest value a violation shows, so a 4 kB string or a long list does not fill a log line. */
  static final int MAX_SHOWN = 60;

  private Checks() {}

  /** What a violation shows of a value: the value, the value and its length, or a size. */
  enum Shown { VALUE, LENGTH, SIZE }

  /** How a rule tests a value. */
  enum Op {
    WHOLE_BOUND, REAL_BOUND, DECIMAL_BOUND, FINITE, NOT_BLANK, MIN_LENGTH, MAX_LENGTH,
    MIN_ITEMS, MAX_ITEMS, SIZE, PATTERN, ONE_OF, NOT_BEFORE, NOT_AFTER_NOW
  }

  /**
   * One rule, e.g. {@code "max": 1}: what it asks for and how it tests a value. The test is one
   * switch over primitive parameters rather than a lambda per rule: every send runs a dozen of
   * them, and a call through {@code Predicate} to a dozen lambda classes is a megamorphic
   * interface call the JIT cannot inline (it cost more than the serializer on the reference
   * event). Callers reach it through {@link #passes(ValueCheck, Object)}, a direct call.
   */
  static final class Rule implements ValueCheck {
    private final String name;
    private final String expectation;
    private final Shown shown;
    private final boolean sensitive;
    private final Op op;
    /** A whole bound, a count of characters or items, a raw time bound, or a tolerance in ms. */
    private final long whole;
    private final double real;
    /** A decimal bound, an instant, the matchers of a pattern, the allowed strings, a clock. */
    private final Object arg;
    /** For bounds: a lower bound; for times: microseconds since the epoch. */
    private final boolean lower;
    private final boolean exclusive;

    Rule(String name, String expectation, Shown shown, boolean sensitive, Op op, long whole,
        double real, Object arg, boolean lower, boolean exclusive) {
      this.name = name;
      this.expectation = expectation;
      this.shown = shown;
      this.sensitive = sensitive;
      this.op = op;
      this.whole = whole;
      this.real = real;
      this.arg = arg;
      this.lower = lower;
      this.exclusive = exclusive;
    }

    Op op() {
      return op;
    }

    /** For a decimal bound: the bound. */
    BigDecimal decimal() {
      return (BigDecimal) arg;
    }

    long whole() {
      return whole;
    }

    double real() {
      return real;
    }

    boolean lower() {
      return lower;
    }

    boolean exclusive() {
      return exclusive;
    }

    @Override
    public boolean passes(Object value) {
      try {
        return value == null || test(value);
      } catch (ClassCastException e) {
        return true; // not the type the schema says: the serializer names that failure
      }
    }

    /** Split by the kind of value, so that each part is small enough for the JIT to inline. */
    private boolean test(Object v) {
      return switch (op) {
        case WHOLE_BOUND, REAL_BOUND, DECIMAL_BOUND, FINITE -> number(v);
        case NOT_BLANK, MIN_LENGTH, MAX_LENGTH, PATTERN, ONE_OF ->
            text(v instanceof String s ? s : (CharSequence) v); // String: a class test
        case MIN_ITEMS, MAX_ITEMS, SIZE -> count(v);
        case NOT_BEFORE, NOT_AFTER_NOW -> time(v);
      };
    }

    private boolean number(Object v) {
      return switch (op) {
        case WHOLE_BOUND -> keeps(Long.compare(((Number) v).longValue(), whole));
        case REAL_BOUND -> {
          // NaN fails every bound; -0.0 equals 0.0 (Double.compare would put it below).
          double d = ((Number) v).doubleValue();
          yield d == d && keeps(d < real ? -1 : d > real ? 1 : 0);
        }
        case DECIMAL_BOUND -> keeps(((BigDecimal) v).compareTo((BigDecimal) arg));
        default -> Double.isFinite(((Number) v).doubleValue()); // FINITE
      };
    }

    private boolean text(CharSequence s) {
      return switch (op) {
        case NOT_BLANK -> !blank(s);
        // a string has no more code points than chars: count them only when it might matter
        case MIN_LENGTH -> s.length() >= whole && codePoints(s) >= whole;
        case MAX_LENGTH -> s.length() <= whole || codePoints(s) <= whole;
        case PATTERN -> matches(s);
        default -> ((Set<?>) arg).contains(s.toString());
      };
    }

    private static int codePoints(CharSequence s) {
      return Character.codePointCount(s, 0, s.length());
    }

    private boolean count(Object v) {
      long size = v instanceof ArrayList<?> a ? a.size() // a class test first, see Items
          : v instanceof Map<?, ?> m ? m.size() : ((Collection<?>) v).size();
      return op == Op.MIN_ITEMS ? size >= whole
          : op == Op.MAX_ITEMS ? size <= whole : size == whole;
    }

    /** A time rule ({@code notBefore}, {@code notAfterNow}) on an {@code Instant} or a raw long. */
    boolean time(Object v) {
      if (op == Op.NOT_AFTER_NOW) {
        return notAfterNow(v);
      }
      return v instanceof Instant i ? !i.isBefore((Instant) arg) : (Long) v >= whole;
    }

    /** Whether a comparison of the value with the bound ({@code order}) keeps the bound. */
    boolean keeps(int order) {
      return lower ? exclusive ? order > 0 : order >= 0 : exclusive ? order < 0 : order <= 0;
    }

    @SuppressWarnings("unchecked")
    private boolean matches(CharSequence s) {
      return ((ThreadLocal<Matcher>) arg).get().reset(s).matches();
    }

    /**
     * Reading the clock costs as much as all the other rules of the reference event together, so
     * it is read only for a value later than the latest time it has shown plus the tolerance: with
     * a clock that does not go back, the answer is the same.
     */
    private boolean notAfterNow(Object v) {
      Now now = (Now) arg;
      if (notAfter(v, now.seen + whole)) {
        return true;
      }
      long current = now.clock.millis();
      now.seen = current;
      return notAfter(v, current + whole);
    }

    private boolean notAfter(Object v, long limit) {
      if (v instanceof Instant i) {
        long second = Math.floorDiv(limit, 1000);
        return i.getEpochSecond() < second || i.getEpochSecond() == second
            && i.getNano() <= Math.floorMod(limit, 1000) * 1_000_000;
      }
      long millis = lower ? Math.floorDiv((Long) v, 1000) : (Long) v;
      return millis <= limit;
    }

    private static boolean blank(CharSequence s) {
      for (int i = 0; i < s.length(); i++) {
        if (!Character.isWhitespace(s.charAt(i))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void explain(Object value, String path, List<RuleViolation> out) {
      if (passes(value)) {
        return;
      }
      String shownValue = sensitive ? null : show(value, shown);
      out.add(new RuleViolation(path, name, shownValue, path + " " + expectation
          + (sensitive ? " (value hidden: the field is sensitive)" : ", was " + shownValue)));
    }
  }

  /** The clock of {@code notAfterNow}, and the latest time it was seen to show. */
  static final class Now {
    private final Clock clock;
    /** Long.MIN_VALUE until the clock is first read: every value is later than that. */
    private volatile long seen = Long.MIN_VALUE;

    Now(Clock clock) {
      this.clock = clock;
    }
  }

  /** Whether {@code value} passes {@code check}: a rule by a direct call, which the JIT inlines. */
  static boolean passes(ValueCheck check, Object value) {
    return check instanceof Rule rule ? rule.passes(value) : check.passes(value);
  }

  /** Several checks on the same value. */
  record All(ValueCheck[] checks) implements ValueCheck {
    @Override
    public boolean passes(Object value) {
      for (ValueCheck check : checks) {
        if (!Checks.passes(check, value)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void explain(Object value, String path, List<RuleViolation> out) {
      for (ValueCheck check : checks) {
        check.explain(value, path, out);
      }
    }
  }

  /** A check on every item of a list, each at {@code path/index}. */
  record Items(ValueCheck item) implements ValueCheck {
    @Override
    public boolean passes(Object value) {
      // ArrayList first: a class test is one compare, an interface test may scan the class's
      // interfaces, and the serializer tests the same list against other interfaces.
      if (item instanceof Rule rule && rule.op == Op.FINITE) {
        if (value instanceof ArrayList<?> list) {
          return finite(list);
        }
        if (value instanceof List<?> list && list instanceof RandomAccess) {
          return finite(list);
        }
      }
      if (value instanceof List<?> list && list instanceof RandomAccess) {
        for (int i = 0, n = list.size(); i < n; i++) {
          if (!Checks.passes(item, list.get(i))) {
            return false;
          }
        }
        return true;
      }
      if (value instanceof Collection<?> items) {
        for (Object element : items) {
          if (!Checks.passes(item, element)) {
            return false;
          }
        }
      }
      return true;
    }

    /** The feature vector of an AI event: one tight loop, no call per item. */
    private static boolean finite(List<?> list) {
      for (int i = 0, n = list.size(); i < n; i++) {
        if (list.get(i) instanceof Number number && !Double.isFinite(number.doubleValue())) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void explain(Object value, String path, List<RuleViolation> out) {
      if (value instanceof Collection<?> items) {
        int index = 0;
        for (Object element : items) {
          item.explain(element, ValueCheck.join(path, String.valueOf(index++)), out);
        }
      }
    }
  }

  /** A check on every value of a map, each at {@code path/key}. */
  record MapValues(ValueCheck entry) implements ValueCheck {
    @Override
    public boolean passes(Object value) {
      if (value instanceof Map<?, ?> map) {
        for (Object element : map.values()) {
          if (!Checks.passes(entry, element)) {
            return false;
          }
        }
      }
      return true;
    }

    @Override
    public void explain(Object value, String path, List<RuleViolation> out) {
      if (value instanceof Map<?, ?> map) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
          entry.explain(e.getValue(), ValueCheck.join(path, String.valueOf(e.getKey())), out);
        }
      }
    }
  }

  /** A check on one record branch of a union of several types, picked by the record's name. */
  record Branch(String recordName, ValueCheck check) implements ValueCheck {
    @Override
    public boolean passes(Object value) {
      return !(value instanceof IndexedRecord record)
          || !record.getSchema().getFullName().equals(recordName) || Checks.passes(check, value);
    }

    @Override
    public void explain(Object value, String path, List<RuleViolation> out) {
      if (!passes(value)) {
        check.explain(value, path, out);
      }
    }
  }

  /**
   * The checks on a record's fields, read by position. Filled in after it is made, so that a
   * record type that contains itself can point to its own checks.
   */
  static final class Fields implements ValueCheck {
    private int[] positions = new int[0];
    private String[] names = new String[0];
    private ValueCheck[] checks = new ValueCheck[0];

    void fill(int[] positions, String[] names, ValueCheck[] checks) {
      this.positions = positions;
      this.names = names;
      this.checks = checks;
    }

    boolean isEmpty() {
      return checks.length == 0;
    }

    /** How many fields have checks. */
    int size() {
      return checks.length;
    }

    /** The position in the record of the {@code i}-th field with checks. */
    int position(int i) {
      return positions[i];
    }

    /** The checks of the {@code i}-th field with checks. */
    ValueCheck check(int i) {
      return checks[i];
    }

    @Override
    public boolean passes(Object value) {
      if (value instanceof SpecificRecordBase specific) { // a class test, see Items
        for (int i = 0; i < checks.length; i++) {
          if (!Checks.passes(checks[i], specific.get(positions[i]))) {
            return false;
          }
        }
        return true;
      }
      if (!(value instanceof IndexedRecord record)) {
        return true;
      }
      for (int i = 0; i < checks.length; i++) {
        if (!Checks.passes(checks[i], record.get(positions[i]))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void explain(Object value, String path, List<RuleViolation> out) {
      if (value instanceof IndexedRecord record) {
        for (int i = 0; i < checks.length; i++) {
          checks[i].explain(record.get(positions[i]), ValueCheck.join(path, names[i]), out);
        }
      }
    }
  }

  static String show(Object value, Shown shown) {
    if (shown == Shown.SIZE) {
      int size = value instanceof Collection<?> c ? c.size() : ((Map<?, ?>) value).size();
      return size + (value instanceof Map ? " entries" : " items");
    }
    String text = String.valueOf(value);
    String shortened = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN - 3) + "..." : text;
    if (!(value instanceof CharSequence)) {
      return shortened;
    }
    return "\"" + shortened + "\"" + (shown == Shown.LENGTH
        ? " (" + text.codePointCount(0, text.length()) + " characters)" : "");
  }
}
