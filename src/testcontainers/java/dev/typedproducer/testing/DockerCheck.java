package dev.typedproducer.testing;

import org.testcontainers.DockerClientFactory;

/**
 * Says, before the integration tests of the Testcontainers profile, whether they will run against
 * containers or be skipped, and why: {@code ./mvnw -Ptestcontainers verify} prints it.
 */
public final class DockerCheck {
  private static String reason;
  private static boolean checked;

  private DockerCheck() {}

  /** Why Testcontainers finds no Docker engine, or null when it finds one. Asked once. */
  static synchronized String unavailableReason() {
    if (!checked) {
      checked = true;
      try {
        DockerClientFactory.instance().client(); // what isDockerAvailable() asks, with the reason
      } catch (IllegalStateException e) {
        reason = "Testcontainers: " + e.getMessage() + "; set DOCKER_HOST or start Docker to run"
            + " them";
      }
      if (reason == null && !DockerClientFactory.instance().isDockerAvailable()) {
        reason = "Testcontainers found none; set DOCKER_HOST or start Docker to run them";
      }
    }
    return reason;
  }

  /**
   * Prints what the profile will do.
   *
   * @param args none
   */
  public static void main(String[] args) {
    ComposeStack stack = ComposeStack.ofThisProject();
    String images = stack.image("kafka") + " and " + stack.image("schema-registry");
    String why = unavailableReason();
    System.out.println(why == null
        ? "[testcontainers] Docker engine found: the integration tests run against " + images
            + " (from docker-compose.yml)."
        : "[testcontainers] No Docker engine (" + why + "). The integration tests that would run"
            + " against " + images + " are skipped, each with this reason; the default build"
            + " (./mvnw verify) runs them on the in-process broker and the local registry.");
  }
}
