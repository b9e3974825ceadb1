package dev.typedproducer.internal.rules;

import dev.typedproducer.RuleViolation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The checks rules compile to, besides one rule on one value ({@link Rule}): several on one value,
 * and the ways to reach values inside (items, map values, a union's record, a record's fields).
 */
final class Checks {
  private Checks() {}

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
      if (item instanceof Rule rule && rule.op() == Rule.Op.FINITE) {
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
}
