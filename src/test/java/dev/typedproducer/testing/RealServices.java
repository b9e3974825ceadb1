package dev.typedproducer.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives integration tests a real Kafka broker ({@link LocalKafka}, in-process), one that requires
 * a login and ACLs ({@link SecuredLocalKafka}, in-process) and a real schema registry
 * ({@link LocalSchemaRegistry}, Apicurio in a child process). Each starts once per test run, on
 * first use, and stops when the run ends.
 *
 * <pre>{@code
 * @ExtendWith(RealServices.class)
 * class SomethingIT {
 *   @Test void sends(LocalKafka kafka, LocalSchemaRegistry registry) { ... }
 * }
 * }</pre>
 */
public final class RealServices implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealServices.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == LocalKafka.class || type == SecuredLocalKafka.class
        || type == LocalSchemaRegistry.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    // The root store closes what it holds (both are AutoCloseable) when the whole run ends.
    ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
    Class<?> type = parameter.getParameter().getType();
    if (type == LocalKafka.class) {
      return store.getOrComputeIfAbsent(LocalKafka.class, k -> LocalKafka.start(), LocalKafka.class);
    }
    if (type == SecuredLocalKafka.class) {
      return store.getOrComputeIfAbsent(SecuredLocalKafka.class, k -> SecuredLocalKafka.start(),
          SecuredLocalKafka.class);
    }
    return store.getOrComputeIfAbsent(LocalSchemaRegistry.class,
        k -> LocalSchemaRegistry.start(LocalSchemaRegistry.defaultRunnerJar()),
        LocalSchemaRegistry.class);
  }
}
