package dev.typedproducer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.InProcessOnly;
import dev.typedproducer.testing.IndependentDecoder;
import dev.typedproducer.testing.LocalKafkaCluster;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * TypedProducer's durability promise on a real three-broker cluster while one broker is stopped
 * mid-stream and restarted: every acknowledged event is stored exactly once and, per key, in send
 * order. Size it with {@code -Dtypedproducer.failover.events=200000} (default 30,000).
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
@InProcessOnly("needs a cluster of 3 brokers whose leader it stops and restarts")
class BrokerFailoverIT {
  static final String EVENTS_PROPERTY = "typedproducer.failover.events";
  private static final int DEFAULT_EVENTS = 30_000;
  private static final String TOPIC = "user_clicks_failover";
  private static final int PARTITIONS = 6;
  private static final int KEYS = 5_000;
  // Thread t sends the keys k with k % THREADS == t; KEYS is a multiple of THREADS, so that is
  // every event index i with i % THREADS == t, and each key's events come from one thread.
  private static final int THREADS = 4;
  // Sends are paced to last at least this long, so that the stream outlives the broker's stop,
  // downtime, restart and return to leadership (seen here: stop at 10 s, leading again at 23 s).
  private static final Duration STREAM = Duration.ofSeconds(30);
  private static final Duration DOWNTIME = Duration.ofSeconds(3);
  private static final Duration WAIT = Duration.ofSeconds(120);

  @Test
  void everyAcknowledgedEventIsStoredOnceAndInOrderWhileABrokerIsStoppedAndRestarted(
      LocalSchemaRegistry registry) throws Exception {
    int events = events();
    try (LocalKafkaCluster kafka = LocalKafkaCluster.start(3)) {
      kafka.createTopic(TOPIC, PARTITIONS, 3, Map.of("min.insync.replicas", "2"));
      DeliveryLedger ledger = new DeliveryLedger(events);
      Timeline timeline = new Timeline();
      CompletableFuture<?>[] tracked = new CompletableFuture<?>[events];
      ExecutorService senders = Executors.newFixedThreadPool(THREADS);
      try (TypedProducer<UserClick> clicks = TypedProducer.builder(UserClick.class)
          .bootstrapServers(kafka.bootstrapServers()).topic(TOPIC)
          .schemaRegistryUrl(registry.url()).autoRegisterSchema(true).build()) {
        timeline.start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int first = t;
          running.add(senders.submit(() -> send(clicks, first, events, ledger, tracked, timeline)));
        }
        failOver(kafka, ledger, timeline, events);
        for (Future<?> sender : running) {
          sender.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        clicks.flush();
        timeline.end = System.nanoTime();
      } finally {
        senders.shutdownNow();
      }
      CompletableFuture.allOf(tracked).get(WAIT.toSeconds(), TimeUnit.SECONDS);

      ReadBack read = new ReadBack(ledger, new IndependentDecoder(registry.url()));
      long records = TopicReader.readToEnd(kafka.bootstrapServers(), TOPIC, WAIT, read::accept);
      int acked = ledger.ackCount();
      int failed = ledger.failedCount();
      int lost = ledger.count(i -> ledger.acked(i) && read.copies[i] == 0);
      int duplicated = ledger.count(i -> read.copies[i] > 1);
      int storedAnyway = ledger.count(i -> ledger.failed(i) && read.copies[i] > 0);
      int sentWhileDown =
          ledger.count(i -> between(ledger.sentAt(i), timeline.stopped, timeline.restart));
      int ackedAfterReturn =
          ledger.count(i -> ledger.acked(i) && ledger.sentAt(i) > timeline.leadersBack);
      long[] stall = ledger.longestAckGap(i -> true);
      long[] stallAfterStop = ledger.longestAckGap(i -> ledger.doneAt(i) >= timeline.stop);
      long firstAck = ledger.firstAckAfter(timeline.stop);
      System.out.printf("BrokerFailoverIT summary: events sent %,d, acknowledged %,d, failed %,d,"
          + " read back %,d, lost %,d, duplicated %,d, out of order %,d;"
          + " stall %,d ms (longest gap between acks, from %s), %,d ms from the broker stop on;"
          + " first ack %,d ms after the broker stop%n",
          events, acked, failed, records, lost, duplicated, read.outOfOrder,
          millis(stall[0], stall[1]), timeline.at(stall[0]),
          millis(stallAfterStop[0], stallAfterStop[1]),
          firstAck < 0 ? -1 : millis(timeline.stop, firstAck));
      System.out.printf("BrokerFailoverIT timeline: %s; %s; %,d sent while the broker was down,"
          + " %,d sent and acknowledged after it led again; failures %s, of which stored anyway"
          + " %,d%n", timeline, longestPartitionStall(ledger, timeline), sentWhileDown,
          ackedAfterReturn, ledger.failures(), storedAnyway);

      assertThat(read.foreign).as("records that are none of the events sent").isZero();
      assertThat(lost).as("acknowledged events missing from the topic").isZero();
      assertThat(duplicated).as("events stored more than once").isZero();
      assertThat(read.outOfOrder).as("records that went back in their key's sequence").isZero();
      assertThat(read.misplaced).as("acknowledged events not at their acknowledged offset")
          .isZero();
      assertThat(records).as("records read back").isEqualTo(acked + storedAnyway);
      // The scenario happened: sends went on while the broker was down and after it was back.
      assertThat(sentWhileDown).as("events sent while the broker was down").isPositive();
      assertThat(ackedAfterReturn)
          .as("events sent and acknowledged after the broker led again (lengthen STREAM?)")
          .isPositive();
    }
  }

  /** Sends events first, first + THREADS, ... in order, paced over {@link #STREAM}. */
  private static void send(TypedProducer<UserClick> clicks, int first, int events,
      DeliveryLedger ledger, CompletableFuture<?>[] tracked, Timeline timeline) {
    for (int i = first; i < events && !Thread.currentThread().isInterrupted(); i += THREADS) {
      long due = timeline.start + i * STREAM.toNanos() / events;
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      UserClick click = UserClick.newBuilder().setUserId("user_" + i % KEYS)
          .setAction(Action.VIEW).setPage("/seq/" + i / KEYS)
          .setOccurredAt(Instant.now()).build();
      try {
        tracked[i] = ledger.track(i, clicks.send(click));
      } catch (RuntimeException e) {
        ledger.fail(i, e);
        tracked[i] = CompletableFuture.completedFuture(null);
      }
    }
  }

  /**
   * Once a third of the events are acknowledged, stops the broker that leads the most
   * partitions, starts it again after {@link #DOWNTIME}, and hands it back its leaderships (what
   * {@code auto.leader.rebalance.enable} would do minutes later), all while the senders go on.
   */
  private static void failOver(LocalKafkaCluster kafka, DeliveryLedger ledger, Timeline timeline,
      int events) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (ledger.ackCount() < events / 3) {
      assertThat(System.nanoTime()).as("a third of the events acknowledged in time")
          .isLessThan(deadline);
      Thread.sleep(5);
    }
    Map<Integer, Long> leads = partitions(kafka).stream()
        .collect(Collectors.groupingBy(p -> p.leader().id(), Collectors.counting()));
    timeline.broker = leads.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow()
        .getKey();
    timeline.led = leads.get(timeline.broker);
    timeline.stop = System.nanoTime();
    kafka.stopBroker(timeline.broker);
    timeline.stopped = System.nanoTime();
    Thread.sleep(DOWNTIME.toMillis());
    timeline.restart = System.nanoTime();
    kafka.startBroker(timeline.broker);
    timeline.restarted = System.nanoTime();
    awaitPartitions(kafka, p -> p.isr().size() == 3, "every replica back in sync");
    timeline.inSync = System.nanoTime();
    Set<TopicPartition> moved = partitions(kafka).stream()
        .filter(p -> p.leader().id() != p.replicas().get(0).id())
        .map(p -> new TopicPartition(TOPIC, p.partition())).collect(Collectors.toSet());
    if (!moved.isEmpty()) {
      kafka.admin().electLeaders(ElectionType.PREFERRED, moved).all().get();
    }
    awaitPartitions(kafka, p -> p.leader().id() == p.replicas().get(0).id(),
        "every partition led by its preferred replica");
    timeline.leadersBack = System.nanoTime();
  }

  private static List<TopicPartitionInfo> partitions(LocalKafkaCluster kafka) throws Exception {
    TopicDescription topic = kafka.admin().describeTopics(List.of(TOPIC)).allTopicNames().get()
        .get(TOPIC);
    return topic.partitions();
  }

  private static void awaitPartitions(LocalKafkaCluster kafka, Predicate<TopicPartitionInfo> ok,
      String what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    List<TopicPartitionInfo> partitions = partitions(kafka);
    while (!partitions.stream().allMatch(ok)) {
      assertThat(System.nanoTime()).as(what + " in time; partitions: " + partitions)
          .isLessThan(deadline);
      Thread.sleep(50);
      partitions = partitions(kafka);
    }
  }

  /** Checks each record read back against the ledger, key by key. */
  private static final class ReadBack {
    final int[] copies;
    final int[] lastSeq = new int[KEYS];
    final DeliveryLedger ledger;
    final IndependentDecoder decoder;
    int outOfOrder;
    int misplaced;
    int foreign;

    ReadBack(DeliveryLedger ledger, IndependentDecoder decoder) {
      this.ledger = ledger;
      this.decoder = decoder;
      this.copies = new int[ledger.events()];
      Arrays.fill(lastSeq, -1);
    }

    void accept(ConsumerRecord<byte[], byte[]> record) {
      GenericRecord value;
      try {
        value = decoder.decode(record.value()).value();
      } catch (IOException e) {
        throw new UncheckedIOException("Undecodable record at " + record.partition() + "/"
            + record.offset(), e);
      }
      String user = value.get("user_id").toString();
      String page = value.get("page").toString();
      int key = Integer.parseInt(user.substring("user_".length()));
      int seq = Integer.parseInt(page.substring("/seq/".length()));
      int i = seq * KEYS + key;
      if (i >= copies.length || !user.equals(new String(record.key(), StandardCharsets.UTF_8))) {
        foreign++;
        return;
      }
      copies[i]++;
      // One key's records are all in one partition, which the consumer reads in offset order.
      if (seq < lastSeq[key]) {
        outOfOrder++;
      }
      lastSeq[key] = Math.max(lastSeq[key], seq);
      if (ledger.acked(i) && (ledger.partition(i) != record.partition()
          || ledger.offset(i) != record.offset())) {
        misplaced++;
      }
    }
  }

  /** When each step of the failover happened, in nano time. */
  private static final class Timeline {
    long start;
    long stop;
    long stopped;
    long restart;
    long restarted;
    long inSync;
    long leadersBack;
    long end;
    int broker;
    long led;

    String at(long nanos) {
      return String.format("%.1f s", (nanos - start) / 1e9);
    }

    @Override
    public String toString() {
      return String.format("broker %d (leader of %d of %d partitions) stopped at %s (shutdown"
          + " took %,d ms), restarted at %s (startup took %,d ms), every replica in sync at %s,"
          + " leaders back at %s, stream flushed at %s", broker, led, PARTITIONS, at(stop),
          millis(stop, stopped), at(restart), millis(restart, restarted), at(inSync),
          at(leadersBack), at(end));
    }
  }

  /** The longest time one partition went without an acknowledgement from the stop on. */
  private static String longestPartitionStall(DeliveryLedger ledger, Timeline timeline) {
    long[] longest = {0, 0};
    int stalled = -1;
    for (int p = 0; p < PARTITIONS; p++) {
      int partition = p;
      long[] gap = ledger.longestAckGap(
          i -> ledger.partition(i) == partition && ledger.doneAt(i) >= timeline.stop);
      if (stalled < 0 || gap[1] - gap[0] > longest[1] - longest[0]) {
        longest = gap;
        stalled = p;
      }
    }
    return String.format("longest stall of one partition from the stop on %,d ms"
        + " (partition %d, from %s)",
        millis(longest[0], longest[1]), stalled, timeline.at(longest[0]));
  }

  private static boolean between(long nanos, long from, long to) {
    return nanos >= from && nanos < to;
  }

  private static long millis(long from, long to) {
    return TimeUnit.NANOSECONDS.toMillis(to - from);
  }

  private static int events() {
    String value = System.getProperty(EVENTS_PROPERTY, "");
    if (value.isBlank()) {
      return DEFAULT_EVENTS;
    }
    try {
      int events = Integer.parseInt(value.strip());
      if (events >= KEYS) {
        return events;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("-D" + EVENTS_PROPERTY + "=" + value + " is not a number"
        + " of events of at least " + KEYS + " (one per key). Pass e.g. 200000, or nothing for "
        + DEFAULT_EVENTS + ".");
  }
}
