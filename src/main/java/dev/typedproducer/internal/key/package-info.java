/**
 * Key field rules and key derivation.
 *
 * <p>Internal: not API, and may change in any release.
 */
package dev.typedproducer.internal.key;
