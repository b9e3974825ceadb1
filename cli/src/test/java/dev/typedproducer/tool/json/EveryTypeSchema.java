package dev.typedproducer.tool.json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;

/** The test schema with every Avro type, and a model that converts as generated classes do. */
final class EveryTypeSchema {
  static final Schema SCHEMA = load();
  static final String GOOD = "{\"flag\": true, \"count\": 42, \"big\": 9007199254740993,"
      + " \"ratio\": 0.5, \"precise\": 2.718281828459045, \"text\": \"h\\u00e9llo \\ud83d\\ude00\","
      + " \"raw\": \"AAEC/w==\", \"nothing\": null, \"colour\": \"GREEN\", \"digest\": \"3q2+7w==\","
      + " \"price\": 1234.50, \"amount\": \"-987654321.125\","
      + " \"id\": \"3f2b8c1e-7d4a-4e6b-9c2d-1a5e8f0b7c3d\", \"day\": \"2024-02-29\","
      + " \"time_millis\": \"13:45:30.250\", \"time_micros\": \"13:45:30.250001\","
      + " \"ts_millis\": \"2024-05-31T13:45:30.250Z\", \"ts_micros\": \"2024-05-31T13:45:30.250001Z\","
      + " \"local_millis\": \"2024-05-31T13:45:30.250\", \"local_micros\": \"2024-05-31T13:45:30.250001\","
      + " \"tags\": [\"a\", \"b\"], \"scores\": {\"x\": 1.5, \"y\": \"NaN\"},"
      + " \"address\": {\"city\": \"Lyon\", \"zip\": \"69001\"}, \"maybe_text\": \"here\","
      + " \"maybe_when\": \"2024-01-01T00:00:00Z\", \"choice\": \"seven\", \"with_default\": \"given\"}";

  private EveryTypeSchema() {}

  static GenericData convertingModel() {
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    model.addLogicalTypeConversion(new Conversions.UUIDConversion());
    model.addLogicalTypeConversion(new TimeConversions.DateConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
    model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
    model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    return model;
  }

  private static Schema load() {
    try (InputStream in = EveryTypeSchema.class.getResourceAsStream("/every_type.avsc")) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
