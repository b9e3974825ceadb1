package dev.typedproducer.internal.rules;

import dev.typedproducer.RuleViolation;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import java.util.function.Predicate;
import org.apache.avro.generic.IndexedRecord;

/** The checks rules compile to: one rule on one value, and the ways to reach values inside. */
final class Checks {
  /** Longest value a violation shows, so a 4 kB string or a long list does not fill a log line. */
  static final int MAX_SHOWN = 60;

  private Checks() {}

  /** What a violation shows of a value: the value, the value and its length, or a size. */
  enum Shown { VALUE, LENGTH, SIZE }

  /** One rule, e.g. {@code "max": 1}, as a test of the value and what it asks for. */
  record Rule(String name, String expectation, Predicate<Object> test, Shown shown,
      boolean sensitive) implements ValueCheck {
    @Override
    public boolean passes(Object value) {
      try {
        return value == null || test.test(value);
      } catch (ClassCastException e) {
        return true; // not the type the schema says: the serializer names that failure
      }
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

  /** Several checks on the same value. */
  record All(ValueCheck[] checks) implements ValueCheck {
    @Override
    public boolean passes(Object value) {
      for (ValueCheck check : checks) {
        if (!check.passes(value)) {
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
      if (value instanceof List<?> list && list instanceof RandomAccess) {
        for (int i = 0, n = list.size(); i < n; i++) {
          if (!item.passes(list.get(i))) {
            return false;
          }
        }
        return true;
      }
      if (value instanceof Collection<?> items) {
        for (Object element : items) {
          if (!item.passes(element)) {
            return false;
          }
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
          if (!entry.passes(element)) {
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
          || !record.getSchema().getFullName().equals(recordName) || check.passes(value);
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

    @Override
    public boolean passes(Object value) {
      if (!(value instanceof IndexedRecord record)) {
        return true;
      }
      for (int i = 0; i < checks.length; i++) {
        if (!checks[i].passes(record.get(positions[i]))) {
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
