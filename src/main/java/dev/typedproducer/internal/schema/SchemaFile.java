package dev.typedproducer.internal.schema;

import java.nio.file.Path;
import org.apache.avro.Schema;

/**
 * A schema read from a file in {@code schemas/}.
 *
 * @param path the file
 * @param source the file as diagnostics name it, e.g. {@code schemas/user_clicks.avsc}
 * @param schema the parsed schema
 */
public record SchemaFile(Path path, String source, Schema schema) {}
