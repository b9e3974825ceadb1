package dev.typedproducer.internal.rules;

import dev.typedproducer.RuleViolation;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * One rule, e.g. {@code "max": 1}: what it asks for and how it tests a value. The test is one
 * switch over primitive parameters rather than a lambda per rule: every send runs a dozen of
 * them, and a call through {@code Predicate} to a dozen lambda classes is a megamorphic
 * interface call the JIT cannot inline (it cost more than the serializer on the reference
 * event). Callers reach it through {@link Checks#passes(ValueCheck, Object)}, a direct call.
 */
final class Rule implements ValueCheck {
  /** Longest value a violation shows, so a 4 kB string or a long list does not fill a log line. */
  static final int MAX_SHOWN = 60;

  /** What a violation shows of a value: the value, the value and its length, or a size. */
  enum Shown { VALUE, LENGTH, SIZE }

  /** How a rule tests a value. */
  enum Op {
    WHOLE_BOUND, REAL_BOUND, DECIMAL_BOUND, FINITE, NOT_BLANK, MIN_LENGTH, MAX_LENGTH,
    MIN_ITEMS, MAX_ITEMS, SIZE, PATTERN, ONE_OF, NOT_BEFORE, NOT_AFTER_NOW
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

  static int codePoints(CharSequence s) {
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

  static boolean blank(CharSequence s) {
    char first = s.length() == 0 ? ' ' : s.charAt(0);
    if (first > ' ' && first < 0x7f) {
      return false; // printable ASCII, the usual start of a name: no need to look further
    }
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
