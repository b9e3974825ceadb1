/**
 * A test double for services that send events: {@link dev.typedproducer.mock.MockTypedProducer}
 * checks and serializes each event as {@link dev.typedproducer.TypedProducer} does, records it,
 * and needs no broker or registry. Named {@code mock} rather than {@code testing} so that it
 * cannot be mistaken for the SDK's own test fixtures, which live in a {@code testing} package of
 * the test sources.
 */
package dev.typedproducer.mock;
