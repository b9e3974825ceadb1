/**
 * Which schema id and writer schema a producer uses, decided once in {@code build()}: the local
 * schema looked up (or registered), or a version the registry holds (latest, a version number or
 * an id) after checking that it is the same record and can read what the local class writes.
 *
 * <p>Internal: not API, and may change in any release.
 */
package dev.typedproducer.internal.resolve;
