/**
 * What {@code build()} asks the Kafka cluster before a producer is handed out: that the brokers
 * answer, that the topic exists and is durable enough. Talks to Kafka's Admin API only.
 */
package dev.typedproducer.internal.broker;
