package dev.typedproducer.internal.schema;

/**
 * Which Avro the SDK runs on. The SDK is built and tested on Avro 1.12; a service whose
 * dependency tree pins Avro 1.11 gets a clear error from {@code build()} instead of a
 * {@code NoClassDefFoundError} at some later call. (The generated event classes themselves load
 * on 1.11 as well, so consumers still on 1.11 can read the events.)
 */
public final class AvroRuntime {
  /** A class that Avro 1.12 added, so its presence tells 1.12 or later from 1.11 and earlier. */
  private static final String SINCE_1_12 = "org.apache.avro.SchemaParser";

  private AvroRuntime() {}

  /** What is wrong with the Avro that {@code loader} gives, or null when it is 1.12 or later. */
  public static String problem(ClassLoader loader) {
    try {
      Class.forName(SINCE_1_12, false, loader);
      return null;
    } catch (ClassNotFoundException e) {
      return "typed-producer needs Avro 1.12 or later at run time, but the classpath has Avro "
          + version(loader) + ". Let Avro 1.12 win in your dependency tree (mvn"
          + " dependency:tree -Dincludes=org.apache.avro shows who pins the older one). Services"
          + " that only consume the events may stay on Avro 1.11: the event classes load there.";
    }
  }

  private static String version(ClassLoader loader) {
    try {
      Class<?> schema = Class.forName("org.apache.avro.Schema", false, loader);
      String version = schema.getPackage() == null ? null
          : schema.getPackage().getImplementationVersion();
      return version != null ? version : "older than 1.12 (from "
          + schema.getProtectionDomain().getCodeSource().getLocation() + ")";
    } catch (ClassNotFoundException | SecurityException | NullPointerException e) {
      return "(none found)";
    }
  }
}
