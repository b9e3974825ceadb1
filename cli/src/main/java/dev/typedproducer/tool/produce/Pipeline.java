package dev.typedproducer.tool.produce;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.typedproducer.EventProducer;
import dev.typedproducer.InvalidEventException;
import dev.typedproducer.RuleViolation;
import dev.typedproducer.TypedProducerException;
import dev.typedproducer.mock.MockTypedProducer;
import dev.typedproducer.tool.json.BadValueException;
import dev.typedproducer.tool.json.JsonLines;
import dev.typedproducer.tool.json.JsonToAvro;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.LongSupplier;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Lines in, events out: each line is read as JSON, converted to the event class and sent through
 * the producer (a {@code TypedProducer}, or a {@code MockTypedProducer} for a dry run, which runs
 * the same key, rule and serializer checks). A bad line is counted as rejected, reported with its
 * input, line number, field path and reason, and kept in the rejects stream as it was read.
 *
 * @param <T> the event class
 */
final class Pipeline<T extends SpecificRecord> {
  /** What to do after a bad line: stop reading, or skip it and go on. */
  enum OnError { stop, skip }

  private static final int MESSAGES_SHOWN = 20;

  private final EventProducer<T> producer;
  private final Class<T> type;
  private final Schema schema;
  private final JsonToAvro converter;
  private final Counts counts;
  private final Progress progress;
  private final OnError onError;
  private final int maxLineBytes;
  private final OutputStream rejects;
  private final LongSupplier bytesDone;
  private int messages;

  Pipeline(EventProducer<T> producer, Class<T> type, Counts counts, Progress progress,
      OnError onError, int maxLineBytes, OutputStream rejects, LongSupplier bytesDone) {
    this.producer = producer;
    this.type = type;
    this.schema = SpecificData.get().getSchema(type);
    this.converter = new JsonToAvro(SpecificData.getForClass(type));
    this.counts = counts;
    this.progress = progress;
    this.onError = onError;
    this.maxLineBytes = maxLineBytes;
    this.rejects = rejects == null ? OutputStream.nullOutputStream() : rejects;
    this.bytesDone = bytesDone;
  }

  /** Sends every line of one input; false when a bad line stopped it ({@code --on-error stop}). */
  boolean run(String input, InputStream in) throws IOException {
    LineReader lines = new LineReader(in, maxLineBytes, rejects);
    for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
      counts.read.incrementAndGet();
      String where = input + ":" + line.number();
      if (!send(line, where)) {
        return false;
      }
      if (onError == OnError.stop && counts.failed.get() > 0) {
        return false;
      }
      if (producer instanceof MockTypedProducer<?> mock && counts.read.get() % 1024 == 0) {
        mock.clear(); // a dry run keeps no history
      }
      progress.update(counts, bytesDone.getAsLong());
    }
    return true;
  }

  private boolean send(LineReader.Line line, String where) throws IOException {
    if (line.tooLong()) {
      return reject(line, where, "", String.format(Locale.ROOT, "the line is %,d bytes, over"
          + " the limit of %,d (--max-line-bytes; Kafka refuses records over its"
          + " max.request.size, 1 MiB by default)", line.size(), maxLineBytes));
    }
    T event;
    try {
      ObjectNode json = JsonLines.parse(line.bytes(), line.length());
      event = type.cast(converter.convert(json, schema));
    } catch (BadValueException e) {
      return reject(line, where, e.path(), e.reason());
    }
    try {
      producer.send(event).whenComplete((result, error) -> {
        if (error == null) {
          counts.sent.incrementAndGet();
        } else {
          counts.failed.incrementAndGet();
          show(where + ": not delivered: " + (error.getCause() != null
              && error instanceof java.util.concurrent.CompletionException
              ? error.getCause().getMessage() : error.getMessage()));
        }
      });
      return true;
    } catch (InvalidEventException e) {
      String reason = e.violations().isEmpty() ? e.getMessage()
          : String.join("; ", e.violations().stream().map(Pipeline::violation).toList());
      return reject(line, where, e.violations().isEmpty() ? e.field() : "", reason);
    } catch (TypedProducerException e) {
      counts.failed.incrementAndGet();
      show(where + ": not sent: " + e.getMessage());
      return onError == OnError.skip;
    }
  }

  private boolean reject(LineReader.Line line, String where, String path, String reason)
      throws IOException {
    counts.rejected.incrementAndGet();
    if (!line.tooLong()) {
      rejects.write(line.bytes(), 0, line.length());
      rejects.write('\n');
    }
    show(where + ": " + (path == null || path.isEmpty() ? "" : path + ": ") + reason);
    return onError == OnError.skip;
  }

  private synchronized void show(String message) {
    messages++;
    if (messages <= MESSAGES_SHOWN) {
      progress.message(message);
    } else if (messages == MESSAGES_SHOWN + 1) {
      progress.message("(more bad lines are not shown; --rejects FILE keeps every one)");
    }
  }

  private static String violation(RuleViolation v) {
    return v.path() + ": [" + v.rule() + "] " + v.message();
  }
}
