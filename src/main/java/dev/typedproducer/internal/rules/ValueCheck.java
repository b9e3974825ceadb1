package dev.typedproducer.internal.rules;

import dev.typedproducer.RuleViolation;
import java.util.List;

/**
 * The compiled rules for one value. {@link #passes} is the fast path, run on every send: it reads
 * the value and allocates nothing. {@link #explain} runs only once a check failed, to say where
 * and why, and may allocate freely.
 */
interface ValueCheck {
  /** Whether {@code value} keeps every rule. A null passes: nullness is the type's business. */
  boolean passes(Object value);

  /** Adds a violation for each rule {@code value}, found at {@code path}, breaks. */
  void explain(Object value, String path, List<RuleViolation> out);

  static String join(String path, String name) {
    return path.isEmpty() ? name : path + "/" + name;
  }
}
