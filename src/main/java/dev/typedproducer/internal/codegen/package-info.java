/**
 * Keeping the committed generated-sources/ equal to what schemas/ generate.
 *
 * <p>Internal: not API, and may change in any release.
 */
package dev.typedproducer.internal.codegen;
