package dev.typedproducer.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.typedproducer.DeliveryException;
import dev.typedproducer.EventProducer;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import java.time.Instant;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * The README's "Testing your service" example: a service that takes an {@link EventProducer},
 * tested with {@link MockTypedProducer}. Kept here so that the example compiles and passes.
 */
class CheckoutServiceExampleTest {
  /** The service under test: production injects a TypedProducer, the test a mock. */
  static final class CheckoutService {
    private final EventProducer<UserClick> clicks;

    CheckoutService(EventProducer<UserClick> clicks) {
      this.clicks = clicks;
    }

    /** Records the purchase; answers false when the event could not be delivered. */
    boolean buy(String userId, String page) {
      UserClick click = UserClick.newBuilder().setUserId(userId).setAction(Action.BUY)
          .setPage(page).setOccurredAt(Instant.now()).build();
      return clicks.send(click)
          .thenApply(sent -> true)
          .exceptionally(e -> !(e.getCause() instanceof DeliveryException))
          .join();
    }
  }

  @Test
  void sendsOneBuyClickKeyedByTheUser() {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.of(UserClick.class);

    boolean bought = new CheckoutService(clicks).buy("user_123", "/checkout");

    assertThat(bought).isTrue();
    assertThat(clicks.history()).singleElement().satisfies(sent -> {
      assertThat(sent.key()).isEqualTo("user_123");
      assertThat(sent.event().getAction()).isEqualTo(Action.BUY);
      assertThat(sent.event().getPage()).isEqualTo("/checkout");
    });
  }

  @Test
  void reportsAPurchaseWhoseEventWasNotDelivered() {
    MockTypedProducer<UserClick> clicks = MockTypedProducer.of(UserClick.class);
    clicks.failNext(1, new TimeoutException("Expiring 1 record(s) for user_clicks-0"));

    boolean bought = new CheckoutService(clicks).buy("user_123", "/checkout");

    assertThat(bought).isFalse();
  }
}
