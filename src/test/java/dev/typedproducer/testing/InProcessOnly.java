package dev.typedproducer.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An integration test that needs what only the in-process services give (a cluster whose brokers
 * it stops, Apicurio's own API). Under the Testcontainers profile {@link RealServices} skips it,
 * printing {@link #value()}; the default build runs it.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface InProcessOnly {
  /** What the test needs that containers do not give. */
  String value();
}
