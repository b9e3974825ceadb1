/**
 * The command line: {@code validate}, {@code compat}, {@code register} and the build's
 * {@code build-check}. Run it through Maven:
 *
 * <pre>
 * ./mvnw -q process-classes exec:exec@cli -Dcli.args="compat --against origin/main"
 * </pre>
 */
package dev.typedproducer.cli;
