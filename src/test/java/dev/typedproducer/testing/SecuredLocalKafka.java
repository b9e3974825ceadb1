package dev.typedproducer.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.internals.BrokerSecurityConfigs;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.api.TestKitDefaults;
import org.apache.kafka.metadata.authorizer.StandardAuthorizer;
import org.apache.kafka.network.SocketServerConfigs;
import org.apache.kafka.raft.KRaftConfigs;
import org.apache.kafka.server.config.ServerConfigs;

/**
 * A real Kafka cluster like {@link LocalKafka}, but every client must log in (SASL/PLAIN over
 * plaintext) and may only do what an ACL allows ({@code StandardAuthorizer},
 * {@code allow.everyone.if.no.acl.found=false}). Two users exist: {@value #ADMIN}, a super user,
 * and {@value #PRODUCER}, who may do nothing until {@link #grant} allows it.
 *
 * <pre>{@code
 * try (SecuredLocalKafka kafka = SecuredLocalKafka.start()) {
 *   kafka.createTopic("allowed_topic", 1);
 *   kafka.grant(SecuredLocalKafka.PRODUCER, "allowed_topic", AclOperation.WRITE,
 *       AclOperation.DESCRIBE);
 *   Map<String, Object> config = new HashMap<>(kafka.clientSettings(SecuredLocalKafka.PRODUCER));
 *   config.put("bootstrap.servers", kafka.bootstrapServers());
 * }
 * }</pre>
 *
 * <p>An idempotent producer needs no cluster permission on Kafka 4.3: the broker accepts its
 * InitProducerId request from a principal that may WRITE any topic (or has IDEMPOTENT_WRITE).
 */
public final class SecuredLocalKafka implements AutoCloseable {
  /** The super user: may do everything; the broker and controller log in as this user too. */
  public static final String ADMIN = "admin";
  /** A user with no permission but those {@link #grant} gives it. */
  public static final String PRODUCER = "producer";

  // Test-only credentials of a broker that lives as long as one test run.
  private static final Map<String, String> PASSWORDS =
      Map.of(ADMIN, "admin-test-secret", PRODUCER, "producer-test-secret");
  private static final String MECHANISM = "PLAIN";
  private static final Duration ACL_TIMEOUT = Duration.ofSeconds(30);

  private final KafkaClusterTestKit cluster;
  private final Admin admin;

  private SecuredLocalKafka(KafkaClusterTestKit cluster) {
    this.cluster = cluster;
    Map<String, Object> config = new HashMap<>(clientSettings(ADMIN));
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
    this.admin = Admin.create(config);
  }

  /** Starts a one-node secured cluster and waits until its broker is ready. */
  public static SecuredLocalKafka start() {
    return new SecuredLocalKafka(TestKitStart.oneNode(brokerConfig()));
  }

  /**
   * The broker's security settings. The test kit has a SASL mode of its own, but it writes a JAAS
   * file with fixed users and points the JVM-wide {@code java.security.auth.login.config} at it,
   * which would outlive this broker in a shared test JVM. Listener-prefixed settings keep all of
   * it in this broker's configuration instead.
   */
  private static Map<String, String> brokerConfig() {
    ListenerName broker = ListenerName.normalised(TestKitDefaults.DEFAULT_BROKER_LISTENER_NAME);
    ListenerName controller = new ListenerName(TestKitDefaults.DEFAULT_CONTROLLER_LISTENER_NAME);
    // The users the listener accepts (user_NAME="PASSWORD") and whom the node logs in as to
    // itself: the controller must see a super user.
    String serverJaas = loginModule(ADMIN, PASSWORDS.get(ADMIN),
        PASSWORDS.entrySet().stream()
            .map(user -> " user_" + user.getKey() + "=\"" + user.getValue() + "\"")
            .collect(Collectors.joining()));

    Map<String, String> config = new HashMap<>();
    config.put(SocketServerConfigs.LISTENER_SECURITY_PROTOCOL_MAP_CONFIG,
        broker.value() + ":" + SecurityProtocol.SASL_PLAINTEXT.name + ","
            + controller.value() + ":" + SecurityProtocol.SASL_PLAINTEXT.name);
    config.put(BrokerSecurityConfigs.SASL_ENABLED_MECHANISMS_CONFIG, MECHANISM);
    config.put(BrokerSecurityConfigs.SASL_MECHANISM_INTER_BROKER_PROTOCOL_CONFIG, MECHANISM);
    config.put(KRaftConfigs.SASL_MECHANISM_CONTROLLER_PROTOCOL_CONFIG, MECHANISM);
    config.put(broker.saslMechanismConfigPrefix(MECHANISM) + SaslConfigs.SASL_JAAS_CONFIG,
        serverJaas);
    config.put(controller.saslMechanismConfigPrefix(MECHANISM) + SaslConfigs.SASL_JAAS_CONFIG,
        serverJaas);
    config.put(ServerConfigs.AUTHORIZER_CLASS_NAME_CONFIG, StandardAuthorizer.class.getName());
    config.put(StandardAuthorizer.SUPER_USERS_CONFIG, "User:" + ADMIN);
    config.put(StandardAuthorizer.ALLOW_EVERYONE_IF_NO_ACL_IS_FOUND_CONFIG, "false");
    return config;
  }

  public String bootstrapServers() {
    return cluster.bootstrapServers();
  }

  /**
   * The client settings that log in as {@code user} ({@value #ADMIN} or {@value #PRODUCER}):
   * {@code security.protocol}, {@code sasl.mechanism} and {@code sasl.jaas.config}. Add
   * {@code bootstrap.servers} to make a client.
   */
  public Map<String, Object> clientSettings(String user) {
    String password = PASSWORDS.get(user);
    if (password == null) {
      throw new IllegalArgumentException("Unknown user \"" + user + "\": SecuredLocalKafka knows "
          + ADMIN + " (super user) and " + PRODUCER + ". For a wrong password use"
          + " clientSettings(user, password).");
    }
    return clientSettings(user, password);
  }

  /** Like {@link #clientSettings(String)} with any password, e.g. a wrong one. */
  public Map<String, Object> clientSettings(String user, String password) {
    return Map.of(
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SecurityProtocol.SASL_PLAINTEXT.name,
        SaslConfigs.SASL_MECHANISM, MECHANISM,
        SaslConfigs.SASL_JAAS_CONFIG, loginModule(user, password, ""));
  }

  private static String loginModule(String user, String password, String moreOptions) {
    return PlainLoginModule.class.getName() + " required username=\"" + user + "\" password=\""
        + password + "\"" + moreOptions + ";";
  }

  /** Creates (as admin) {@code topic} with {@code partitions} partitions unless it exists. */
  public void createTopic(String topic, int partitions) {
    TestKitStart.createTopic(admin, new NewTopic(topic, partitions, (short) 1));
  }

  /**
   * Allows {@code user} the {@code operations} on {@code topic} (that exact name), and returns
   * once the broker enforces them.
   */
  public void grant(String user, String topic, AclOperation... operations) {
    List<AclBinding> bindings = bindings(user, topic, operations);
    TestKitStart.await(admin.createAcls(bindings).all(), "create ACLs " + bindings);
    awaitAcls(topic, listed -> listed.containsAll(bindings), "enforce " + bindings);
  }

  /** Takes back what {@link #grant} allowed, and returns once the broker no longer allows it. */
  public void revoke(String user, String topic, AclOperation... operations) {
    List<AclBinding> bindings = bindings(user, topic, operations);
    TestKitStart.await(admin.deleteAcls(bindings.stream().map(AclBinding::toFilter).toList())
        .all(), "delete ACLs " + bindings);
    awaitAcls(topic, listed -> listed.stream().noneMatch(bindings::contains),
        "stop enforcing " + bindings);
  }

  private static List<AclBinding> bindings(String user, String topic, AclOperation... operations) {
    ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
    return Arrays.stream(operations)
        .map(operation -> new AclBinding(pattern,
            new AccessControlEntry("User:" + user, "*", operation, AclPermissionType.ALLOW)))
        .toList();
  }

  /**
   * CreateAcls and DeleteAcls return once the controller has committed the change; the broker's
   * own authorizer learns of it from the metadata log a little later. The broker answers
   * DescribeAcls from that authorizer, so once it lists the topic's ACLs as {@code done} wants,
   * it enforces them.
   */
  private void awaitAcls(String topic, Predicate<Collection<AclBinding>> done, String what) {
    AclBindingFilter filter = new AclBindingFilter(
        new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL).toFilter(),
        AccessControlEntryFilter.ANY);
    long deadline = System.nanoTime() + ACL_TIMEOUT.toNanos();
    while (!done.test(TestKitStart.await(admin.describeAcls(filter).values(), "describe ACLs"))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("The broker did not " + what + " within "
            + ACL_TIMEOUT.toSeconds() + " s of the change.");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  @Override
  public void close() {
    TestKitStart.close(admin, cluster);
  }
}
