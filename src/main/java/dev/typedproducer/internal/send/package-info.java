/** What a failed send means for the caller: Kafka's exceptions turned into DeliveryExceptions. */
package dev.typedproducer.internal.send;
