package dev.typedproducer.testing;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test that leaves a Kafka producer open. Every Kafka producer registers a
 * {@code kafka.producer:type=app-info} MBean while it is open, TypedProducer's included; a test
 * must end with no more of them than it started with.
 */
public final class ProducerLeakCheck implements BeforeEachCallback, AfterEachCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(ProducerLeakCheck.class);
  private static final ObjectName PRODUCERS;

  static {
    try {
      PRODUCERS = new ObjectName("kafka.producer:type=app-info,*");
    } catch (MalformedObjectNameException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  /** The ids of the Kafka producers open in this JVM now. */
  public static Set<String> openProducers() {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    Set<String> ids = new HashSet<>();
    server.queryNames(PRODUCERS, null).forEach(name -> ids.add(name.getKeyProperty("id")));
    return ids;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    context.getStore(NAMESPACE).put("before", openProducers());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    @SuppressWarnings("unchecked")
    Set<String> before = context.getStore(NAMESPACE).get("before", Set.class);
    Set<String> leaked = openProducers();
    leaked.removeAll(before);
    if (!leaked.isEmpty()) {
      throw new AssertionError(context.getDisplayName() + " left Kafka producer(s) open: "
          + leaked + ". Close every TypedProducer (try-with-resources) before the test ends.");
    }
  }
}
