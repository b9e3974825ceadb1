/**
 * Reading schemas/, the rules every event schema follows, and a schema's registry form.
 *
 * <p>Internal: not API, and may change in any release.
 */
package dev.typedproducer.internal.schema;
