package dev.typedproducer.tool;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code typed-producer serve}: the embedded broker and registry, kept running for other shells. */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Start the embedded default (in-process Kafka broker and local schema"
        + " registry) and keep it running until Ctrl-C, so that produce and tail in other"
        + " shells can use it: they read TYPED_PRODUCER_BOOTSTRAP_SERVERS and"
        + " TYPED_PRODUCER_REGISTRY_URL, which this prints as export lines.",
        "Data lives in memory and in a temporary folder: it is gone when serve stops."})
public final class ServeCommand implements Callable<Integer> {
  private final PrintStream out;
  private final PrintStream err;

  public ServeCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  @Override
  public Integer call() throws InterruptedException {
    try (Services services = Services.start(null, null, err)) {
      out.println("export TYPED_PRODUCER_BOOTSTRAP_SERVERS=" + services.bootstrapServers());
      out.println("export TYPED_PRODUCER_REGISTRY_URL=" + services.registryUrl());
      out.flush();
      err.println("Running; paste the export lines above into another shell. Ctrl-C stops.");
      Thread.sleep(Long.MAX_VALUE);
      return 0;
    }
  }
}
