/**
 * Event time: the field marked {@code "kafka.timestamp": true}, its rules, and the Kafka record
 * timestamp it gives each event.
 */
package dev.typedproducer.internal.time;
