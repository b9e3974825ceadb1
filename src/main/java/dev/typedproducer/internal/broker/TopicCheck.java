package dev.typedproducer.internal.broker;

import dev.typedproducer.BrokerException;
import dev.typedproducer.Diagnostic;
import dev.typedproducer.TopicDurability;
import dev.typedproducer.internal.config.DurableProducerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Asks the cluster, through the Admin API and within one start-up timeout, whether the producer
 * can write {@code topic} durably: the brokers answer, the topic exists (or is created, when the
 * caller asked for that), and its replication factor, {@code min.insync.replicas} and unclean
 * leader election meet a {@link TopicDurability}.
 */
public final class TopicCheck {
  private final Map<String, Object> producerConfig;
  private final String bootstrapServers;
  private final String topic;
  private final TopicDurability durability;
  private final int createPartitions;
  private final Duration timeout;

  /**
   * @param producerConfig the producer's settings; its connection and security settings are used
   * @param createPartitions the partitions of the topic to create when it is missing, or 0 to
   *     refuse a missing topic
   */
  public TopicCheck(Map<String, Object> producerConfig, String topic, TopicDurability durability,
      int createPartitions, Duration timeout) {
    this.producerConfig = producerConfig;
    this.bootstrapServers = String.valueOf(producerConfig.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG));
    this.topic = topic;
    this.durability = durability;
    this.createPartitions = createPartitions;
    this.timeout = timeout;
  }

  /**
   * Runs the check, then waits until {@code producer} knows the topic's partitions, so that its
   * first send need not: all within the start-up timeout.
   *
   * @return warnings: a weak topic under a policy that only warns, or a check that could not run
   * @throws BrokerException when the check fails; its id says how
   * @throws dev.typedproducer.InvalidConfigException when Kafka refuses the settings
   */
  public List<Diagnostic> run(Producer<?, ?> producer) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Admin created;
    try {
      created = Admin.create(adminConfig());
    } catch (KafkaException e) {
      throw DurableProducerConfig.refusedByKafka(producerConfig, e);
    }
    List<Diagnostic> warnings;
    try (Admin admin = created) {
      try {
        warnings = inspect(admin, deadline);
      } finally {
        admin.close(Duration.ZERO);
      }
    }
    awaitPartitions(producer, deadline);
    return warnings;
  }

  /** Each partitionsFor call blocks at most max.block.ms, which may be 0: ask until the deadline. */
  private void awaitPartitions(Producer<?, ?> producer, long deadline) {
    while (true) {
      try {
        producer.partitionsFor(topic);
        return;
      } catch (org.apache.kafka.common.errors.TimeoutException e) {
        if (System.nanoTime() - deadline > 0) {
          throw new BrokerException("BrokerUnreachable", bootstrapServers, topic, true, "The"
              + " Kafka cluster at " + bootstrapServers + " did not give the partitions of topic "
              + topic + " within the start-up timeout of " + timeout.toMillis() + " ms: "
              + e.getMessage() + ". Check that the brokers are up, or raise startupTimeout(...).",
              e);
        }
        pause();
      }
    }
  }

  private void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("BrokerUnreachable", bootstrapServers, topic, true, "Interrupted"
          + " while waiting for the Kafka cluster at " + bootstrapServers + ".", e);
    }
  }


  private Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>();
    producerConfig.forEach((name, value) -> {
      if (AdminClientConfig.configNames().contains(name)
          && !name.equals(AdminClientConfig.CLIENT_ID_CONFIG)) {
        config.put(name, value);
      }
    });
    int millis = (int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis()));
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
    return config;
  }

  private List<Diagnostic> inspect(Admin admin, long deadline) {
    int brokers = await(admin.describeCluster().nodes(), deadline, "describe the cluster").size();
    TopicDescription description = describeOrCreate(admin, brokers, deadline);
    if (durability.policy() == TopicDurability.Policy.SKIP) {
      return List.of();
    }
    int replicationFactor = description.partitions().stream()
        .mapToInt(p -> p.replicas().size()).min().orElse(0);
    Config config;
    try {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      config = await(admin.describeConfigs(List.of(resource)).all(), deadline,
          "describe the topic's configuration").get(resource);
    } catch (BrokerException e) {
      if (e.getCause() instanceof AuthorizationException) {
        return List.of(warning("TopicDurabilityUnchecked", "could not check the durability of"
            + " topic " + topic + ": the principal may not describe its configuration ("
            + e.getCause().getMessage() + ")", "grant DESCRIBE_CONFIGS on topic " + topic
            + " to the producer's principal, or turn the check off with"
            + " topicDurability(TopicDurability.skip()) once the topic is known to be durable"));
      }
      throw e;
    }
    String minInSyncValue = valueOf(config, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
    String uncleanValue = valueOf(config, TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG);
    if (minInSyncValue == null || uncleanValue == null) {
      return List.of(warning("TopicDurabilityUnchecked", "could not check the durability of topic "
          + topic + ": the broker did not report " + TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG
          + " and " + TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "check them by hand"
          + " with kafka-configs.sh --describe --all --entity-type topics --entity-name " + topic));
    }
    int minInSync = Integer.parseInt(minInSyncValue.trim());
    boolean unclean = Boolean.parseBoolean(uncleanValue.trim());
    return judge(new TopicFacts(topic, brokers, replicationFactor, minInSync, unclean));
  }

  private List<Diagnostic> judge(TopicFacts facts) {
    if (facts.minInSyncReplicas() > facts.replicationFactor()) {
      throw new BrokerException("TopicNotWritable", bootstrapServers, topic, false, "Topic "
          + topic + " has min.insync.replicas=" + facts.minInSyncReplicas() + " but only "
          + facts.replicationFactor() + " replica(s): every acks=all send to it would fail with"
          + " NOT_ENOUGH_REPLICAS. Fix: " + facts.fixCommand(bootstrapServers, durability), null);
    }
    List<String> weaknesses = facts.weaknesses(durability);
    if (weaknesses.isEmpty()) {
      return List.of();
    }
    boolean production = facts.brokers() >= durability.minReplicationFactor();
    boolean refuse = durability.policy() == TopicDurability.Policy.REFUSE
        || durability.policy() == TopicDurability.Policy.AUTO && production;
    String problem = "topic " + topic + " can lose acknowledged events: "
        + String.join("; ", weaknesses);
    String fix = facts.fixCommand(bootstrapServers, durability);
    if (refuse) {
      throw new BrokerException("TopicNotDurable", bootstrapServers, topic, false,
          Character.toUpperCase(problem.charAt(0)) + problem.substring(1) + " (cluster of "
          + facts.brokers() + " brokers at " + bootstrapServers + "). Fix: " + fix + " To accept it"
          + " anyway, build with topicDurability(TopicDurability.warn()).", null);
    }
    return List.of(warning("TopicNotDurable", problem + " (tolerated: "
        + (durability.policy() == TopicDurability.Policy.WARN ? "policy WARN"
            : "a development cluster of " + facts.brokers() + " broker(s)") + ")", fix));
  }

  private TopicDescription describeOrCreate(Admin admin, int brokers, long deadline) {
    try {
      return mayWrite(describe(admin, deadline));
    } catch (BrokerException e) {
      if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
        throw e;
      }
    }
    if (createPartitions <= 0) {
      throw new BrokerException("TopicNotFound", bootstrapServers, topic, false, "Topic " + topic
          + " does not exist on the cluster at " + bootstrapServers + ". Create it (kafka-topics.sh"
          + " --bootstrap-server " + bootstrapServers + " --create --topic " + topic
          + " --partitions 6 --replication-factor 3 --config min.insync.replicas=2), check the"
          + " topic name, or let build() create it with createTopicIfMissing(partitions).", null);
    }
    short replicas = (short) Math.min(durability.minReplicationFactor(), brokers);
    int minInSync = Math.max(1, Math.min(durability.minInSyncReplicas(), replicas - 1));
    NewTopic newTopic = new NewTopic(topic, createPartitions, replicas).configs(Map.of(
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minInSync),
        TopicConfig.UNCLEAN_LEADER_ELECTION_ENABLE_CONFIG, "false"));
    try {
      await(admin.createTopics(List.of(newTopic)).all(), deadline, "create the topic");
    } catch (BrokerException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
    // The controller has created it; the broker asked next may not know it yet.
    while (true) {
      try {
        return mayWrite(describe(admin, deadline));
      } catch (BrokerException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)
            || System.nanoTime() - deadline > 0) {
          throw e;
        }
        pause();
      }
    }
  }

  private TopicDescription describe(Admin admin, long deadline) {
    DescribeTopicsOptions options = new DescribeTopicsOptions().includeAuthorizedOperations(true);
    return await(admin.describeTopics(List.of(topic), options).allTopicNames(), deadline,
        "describe the topic").get(topic);
  }

  /** Refuses a topic the broker says the principal may not write (when it says: ACLs on). */
  private TopicDescription mayWrite(TopicDescription description) {
    Set<AclOperation> allowed = description.authorizedOperations();
    if (allowed != null && !allowed.isEmpty() && !allowed.contains(AclOperation.WRITE)
        && !allowed.contains(AclOperation.ALL)) {
      throw new BrokerException("TopicNotAuthorized", bootstrapServers, topic, false, "The"
          + " producer's principal may not write topic " + topic + " on " + bootstrapServers
          + " (it may: " + allowed + "). Grant it WRITE on the topic, e.g. kafka-acls.sh"
          + " --bootstrap-server " + bootstrapServers + " --add --allow-principal User:<name>"
          + " --operation Write --topic " + topic + ".", null);
    }
    return description;
  }

  private <V> V await(KafkaFuture<V> future, long deadline, String action) {
    long remaining = deadline - System.nanoTime();
    try {
      return future.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      future.cancel(true);
      throw unreachable(action, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("BrokerUnreachable", bootstrapServers, topic, true, "Interrupted"
          + " while waiting for the Kafka cluster at " + bootstrapServers + " to " + action
          + ".", e);
    } catch (ExecutionException e) {
      throw failed(action, e.getCause());
    }
  }

  private BrokerException unreachable(String action, Throwable cause) {
    return new BrokerException("BrokerUnreachable", bootstrapServers, topic, true, "The Kafka"
        + " cluster at " + bootstrapServers + " did not answer within the start-up timeout of "
        + timeout.toMillis() + " ms (asked to " + action + "). Check the bootstrap servers, the"
        + " network and the security settings (a TLS or SASL listener does not answer a plaintext"
        + " client), or raise startupTimeout(...).", cause);
  }

  private BrokerException failed(String action, Throwable cause) {
    if (cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return unreachable(action, cause);
    }
    if (cause instanceof AuthenticationException) {
      return new BrokerException("BrokerRefused", bootstrapServers, topic, false, "The Kafka"
          + " cluster at " + bootstrapServers + " refused the producer's credentials: "
          + cause.getMessage() + ". Check the sasl.* / ssl.* settings.", cause);
    }
    if (cause instanceof AuthorizationException && !action.contains("configuration")) {
      return new BrokerException("TopicNotAuthorized", bootstrapServers, topic, false, "The"
          + " producer's principal may not " + action + " " + topic + " on " + bootstrapServers
          + ": " + cause.getMessage() + ". Grant it DESCRIBE and WRITE on the topic (and CREATE"
          + " to create it).", cause);
    }
    if (cause instanceof UnsupportedVersionException) {
      return new BrokerException("BrokerRefused", bootstrapServers, topic, false, "The Kafka"
          + " cluster at " + bootstrapServers + " cannot " + action + ": " + cause.getMessage()
          + ". Use brokers of Kafka 2.1 or later.", cause);
    }
    return new BrokerException("BrokerRefused", bootstrapServers, topic, false, "The Kafka"
        + " cluster at " + bootstrapServers + " refused to " + action + " " + topic + ": "
        + cause, cause);
  }

  private static String valueOf(Config config, String name) {
    return config == null || config.get(name) == null ? null : config.get(name).value();
  }

  private Diagnostic warning(String id, String problem, String fix) {
    return new Diagnostic(id, "topic " + topic + " at " + bootstrapServers, null, null,
        problem, fix);
  }

  /** What the cluster said about the topic. */
  record TopicFacts(String topic, int brokers, int replicationFactor, int minInSyncReplicas,
      boolean uncleanLeaderElection) {

    List<String> weaknesses(TopicDurability durability) {
      List<String> found = new ArrayList<>();
      if (replicationFactor < durability.minReplicationFactor()) {
        found.add("replication factor " + replicationFactor + " (at least "
            + durability.minReplicationFactor() + " needed: with fewer copies, losing "
            + replicationFactor + " disk(s) loses data)");
      }
      if (minInSyncReplicas < durability.minInSyncReplicas()) {
        found.add("min.insync.replicas=" + minInSyncReplicas + " (at least "
            + durability.minInSyncReplicas() + " needed: acks=all is acknowledged once "
            + minInSyncReplicas + " replica(s) have the event, so losing "
            + (minInSyncReplicas == 1 ? "the leader's disk" : "those") + " loses it)");
      }
      if (uncleanLeaderElection) {
        found.add("unclean.leader.election.enable=true (a replica that missed acknowledged"
            + " events may become leader and drop them)");
      }
      return found;
    }

    String fixCommand(String bootstrapServers, TopicDurability durability) {
      String fix = "kafka-configs.sh --bootstrap-server " + bootstrapServers
          + " --alter --entity-type topics --entity-name " + topic + " --add-config"
          + " min.insync.replicas=" + durability.minInSyncReplicas()
          + ",unclean.leader.election.enable=false";
      if (replicationFactor < durability.minReplicationFactor()) {
        fix += "; and raise the replication factor to " + durability.minReplicationFactor()
            + " with kafka-reassign-partitions.sh (a reassignment that adds replicas), or"
            + " recreate the topic with --replication-factor " + durability.minReplicationFactor();
      }
      return fix + ".";
    }
  }
}
