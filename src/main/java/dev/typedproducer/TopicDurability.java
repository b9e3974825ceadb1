package dev.typedproducer;

/**
 * What {@link TypedProducerBuilder#build()} does about a topic that can lose acknowledged events:
 * one with fewer replicas than {@link #minReplicationFactor()}, a {@code min.insync.replicas}
 * below {@link #minInSyncReplicas()}, or {@code unclean.leader.election.enable=true}. With
 * {@code acks=all}, a record is acknowledged once {@code min.insync.replicas} brokers have it; at
 * Kafka's default of 1 that is the leader alone, and losing that one disk loses the record.
 *
 * <pre>{@code
 * TypedProducer.builder(UserClick.class)
 *     .topicDurability(TopicDurability.refuse().withMinInSyncReplicas(3)) // RF 5 clusters
 *     ...
 * }</pre>
 *
 * @param policy what a weak topic gets
 * @param minReplicationFactor the fewest replicas a durable topic has (default 3)
 * @param minInSyncReplicas the lowest {@code min.insync.replicas} a durable topic has (default 2)
 */
public record TopicDurability(Policy policy, int minReplicationFactor, int minInSyncReplicas) {

  /** What a weak topic gets. */
  public enum Policy {
    /**
     * Refuse on a cluster with at least {@code minReplicationFactor} brokers, where a weak topic
     * is a mistake; warn on a smaller one, which is a development cluster. The default.
     */
    AUTO,
    /** {@code build()} throws {@link BrokerException} {@code [TopicNotDurable]}. */
    REFUSE,
    /** {@code build()} logs a warning and lists it in {@link TypedProducer#warnings()}. */
    WARN,
    /** No durability check; the topic must still exist. */
    SKIP
  }

  public TopicDurability {
    if (policy == null) {
      throw new InvalidConfigException("topicDurability", null, "TopicDurability needs a policy:"
          + " use TopicDurability.auto(), refuse(), warn() or skip().");
    }
    if (minReplicationFactor < 1 || minInSyncReplicas < 1) {
      throw thresholds(minReplicationFactor, minInSyncReplicas);
    }
  }

  /** Checks what the constructor cannot while {@code with*} calls are still under way. */
  TopicDurability checked() {
    if (minInSyncReplicas > minReplicationFactor) {
      throw thresholds(minReplicationFactor, minInSyncReplicas);
    }
    return this;
  }

  private static InvalidConfigException thresholds(int replicationFactor, int inSync) {
    return new InvalidConfigException("topicDurability", replicationFactor + "/" + inSync,
        "TopicDurability thresholds must be at least 1 with minInSyncReplicas <="
        + " minReplicationFactor, were replication factor " + replicationFactor
        + " and min.insync.replicas " + inSync + ". Use, for example, 3 and 2, which survive"
        + " one broker loss without stopping writes.");
  }

  /** The default: {@link Policy#AUTO}, replication factor 3, {@code min.insync.replicas} 2. */
  public static TopicDurability auto() {
    return new TopicDurability(Policy.AUTO, 3, 2);
  }

  /** Refuse a weak topic on any cluster. */
  public static TopicDurability refuse() {
    return auto().withPolicy(Policy.REFUSE);
  }

  /** Only warn about a weak topic. */
  public static TopicDurability warn() {
    return auto().withPolicy(Policy.WARN);
  }

  /** Do not check the topic's durability settings. */
  public static TopicDurability skip() {
    return auto().withPolicy(Policy.SKIP);
  }

  public TopicDurability withPolicy(Policy newPolicy) {
    return new TopicDurability(newPolicy, minReplicationFactor, minInSyncReplicas);
  }

  public TopicDurability withMinReplicationFactor(int replicas) {
    return new TopicDurability(policy, replicas, minInSyncReplicas);
  }

  public TopicDurability withMinInSyncReplicas(int replicas) {
    return new TopicDurability(policy, minReplicationFactor, replicas);
  }
}
