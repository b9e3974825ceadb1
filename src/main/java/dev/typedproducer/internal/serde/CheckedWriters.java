package dev.typedproducer.internal.serde;

import dev.typedproducer.internal.rules.FieldCheck;

/**
 * Writers of an event's fields that check the field's data rules on the value they write, right
 * where they hold it unboxed, and flag the buffer ({@link WireBuffer#rulesBroken}) when it breaks
 * one. Each writes exactly what the plain writer of its type writes: the check only reads.
 */
final class CheckedWriters {
  private CheckedWriters() {}

  static ValueWriter whole(boolean isLong, FieldCheck check) {
    if (isLong) {
      return (value, out) -> {
        long v = (Long) value;
        out.writeLong(v);
        flagUnless(check.passesWhole(v), out);
      };
    }
    return (value, out) -> {
      int v = (Integer) value;
      out.writeInt(v);
      flagUnless(check.passesWhole(v), out);
    };
  }

  static ValueWriter real(boolean isDouble, FieldCheck check) {
    if (isDouble) {
      return (value, out) -> {
        double v = (Double) value;
        out.writeDouble(v);
        flagUnless(check.passesReal(v), out);
      };
    }
    return (value, out) -> {
      float v = (Float) value;
      out.writeFloat(v);
      flagUnless(check.passesReal(v), out);
    };
  }

  static ValueWriter text(FieldCheck check) {
    return (value, out) -> {
      Writers.STRING.write(value, out);
      flagUnless(check.passesText((CharSequence) value), out);
    };
  }

  /** An array of plain floats: its size checked, and each float's finiteness as it is written. */
  static ValueWriter floats(FieldCheck check) {
    boolean finite = check.finiteItems();
    return (value, out) -> flagUnless(check.passesCount(Writers.floats(value, out, finite)), out);
  }

  /** Any other field: written by its plain writer, then the value checked by all its rules. */
  static ValueWriter other(ValueWriter plain, FieldCheck check) {
    return (value, out) -> {
      plain.write(value, out);
      flagUnless(check.passes(value), out);
    };
  }

  private static void flagUnless(boolean passes, WireBuffer out) {
    if (!passes) {
      out.rulesBroken = true;
    }
  }
}
