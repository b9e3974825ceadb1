/**
 * The schema checks behind the {@code validate}, {@code compat} and {@code register} commands:
 * offline validation, Avro's resolution rules at a compatibility level, and the changes Avro
 * accepts but that change what consumers read. Tooling, not API: its types may change between
 * releases; use the command line.
 *
 * <pre>{@code
 * CompatReport report = CompatibilityRun.run(new CompatibilityRun.Options(Path.of("schemas"),
 *     Path::toString, "origin/main", null, SubjectNameStrategy.TOPIC_NAME,
 *     CompatibilityLevel.BACKWARD, Set.of()));
 * report.results().forEach(r -> System.out.println(r.file() + (r.passed() ? " passed" : " failed")));
 * }</pre>
 */
package dev.typedproducer.compat;
