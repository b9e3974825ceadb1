package dev.typedproducer.testing;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
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
 *
 * <p>With {@code -Dtypedproducer.services=testcontainers} (the {@code testcontainers} Maven
 * profile sets it) the broker and the registry are containers instead: Kafka and Confluent Schema
 * Registry, the images of {@code docker-compose.yml}. Without a Docker engine every test that uses
 * them is skipped with the reason; tests marked {@link InProcessOnly}, and those that need the
 * SASL broker, are skipped under that profile whatever the engine.
 */
public final class RealServices implements ParameterResolver, ExecutionCondition {
  /** System property that picks the services: unset for in-process, or {@value #CONTAINERS}. */
  public static final String SERVICES_PROPERTY = "typedproducer.services";
  public static final String CONTAINERS = "testcontainers";
  private static final String CONTAINER_SOURCE = "dev.typedproducer.testing.ContainerServices";
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RealServices.class);

  /** Whether this run asks for containers. */
  static boolean containers() {
    return CONTAINERS.equals(System.getProperty(SERVICES_PROPERTY));
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!containers()) {
      return ConditionEvaluationResult.enabled("in-process broker and local registry");
    }
    String skipped = "Testcontainers profile: ";
    String defaultBuild = "; the default build (./mvnw verify) runs it on the in-process services";
    Optional<InProcessOnly> only = context.getElement()
        .map(e -> e.getAnnotation(InProcessOnly.class));
    if (only.isPresent()) {
      return ConditionEvaluationResult.disabled(skipped + only.get().value() + defaultBuild);
    }
    boolean secured = context.getTestMethod().map(Method::getParameterTypes).stream()
        .flatMap(Arrays::stream).anyMatch(SecuredLocalKafka.class::equals);
    if (secured) {
      return ConditionEvaluationResult.disabled(skipped + "needs a broker with SASL logins and"
          + " ACLs that the test changes (the in-process SecuredLocalKafka)" + defaultBuild);
    }
    String reason = ContainerSource.get().unavailableReason();
    return reason == null ? ConditionEvaluationResult.enabled("Kafka and Schema Registry containers")
        : ConditionEvaluationResult.disabled(skipped + "no Docker engine (" + reason
            + "), so the tests that would run against the Kafka and Schema Registry containers"
            + " are skipped; the default build (./mvnw verify) runs them on the in-process broker"
            + " and the local registry");
  }

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
      return store.getOrComputeIfAbsent(LocalKafka.class,
          k -> containers() ? ContainerSource.get().kafka() : LocalKafka.start(), LocalKafka.class);
    }
    if (type == SecuredLocalKafka.class) {
      return store.getOrComputeIfAbsent(SecuredLocalKafka.class, k -> SecuredLocalKafka.start(),
          SecuredLocalKafka.class);
    }
    return store.getOrComputeIfAbsent(LocalSchemaRegistry.class,
        k -> containers() ? ContainerSource.get().registry()
            : LocalSchemaRegistry.start(LocalSchemaRegistry.defaultRunnerJar()),
        LocalSchemaRegistry.class);
  }

  /** The container source, loaded once, by name: it is compiled only under its profile. */
  private static final class ContainerSource {
    private static final ServiceSource SOURCE = load();

    static ServiceSource get() {
      return SOURCE;
    }

    private static ServiceSource load() {
      try {
        return (ServiceSource) Class.forName(CONTAINER_SOURCE).getDeclaredConstructor()
            .newInstance();
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("-D" + SERVICES_PROPERTY + "=" + CONTAINERS + " needs "
            + CONTAINER_SOURCE + ", which only the testcontainers profile compiles: run"
            + " ./mvnw -Ptestcontainers verify", e);
      }
    }
  }
}
