package dev.typedproducer.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.typedproducer.EventProducer;
import dev.typedproducer.InvalidConfigException;
import dev.typedproducer.SendResult;
import dev.typedproducer.TypedProducer;
import dev.typedproducer.events.Action;
import dev.typedproducer.events.UserClick;
import dev.typedproducer.testing.LocalKafka;
import dev.typedproducer.testing.LocalSchemaRegistry;
import dev.typedproducer.testing.ProducerLeakCheck;
import dev.typedproducer.testing.RealServices;
import dev.typedproducer.testing.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Real Spring Boot application contexts, configured from YAML, against the in-process broker and
 * the local registry.
 */
@ExtendWith({RealServices.class, ProducerLeakCheck.class})
class SpringBootIT {
  /** A service, as an application would write it: it depends on EventProducer only. */
  static final class CheckoutService {
    private final EventProducer<UserClick> clicks;

    CheckoutService(EventProducer<UserClick> clicks) {
      this.clicks = clicks;
    }

    SendResult buy(String userId) {
      return clicks.send(UserClick.newBuilder().setUserId(userId).setAction(Action.BUY)
          .setPage("/checkout").setOccurredAt(Instant.now()).build()).join();
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class CheckoutApp {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    TypedProducerCustomizer springTopic() {
      return builder -> builder.topic("spring_clicks");
    }

    @Bean
    EventProducer<UserClick> clicks(TypedProducers producers) {
      return producers.get(UserClick.class);
    }

    @Bean
    CheckoutService checkoutService(EventProducer<UserClick> clicks) {
      return new CheckoutService(clicks);
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class EmptyApp {}

  private static ConfigurableApplicationContext run(Class<?> app, String kafka, String registry) {
    return new SpringApplicationBuilder(app).web(WebApplicationType.NONE)
        .properties("spring.config.name=typed-producer-it", "it.kafka=" + kafka,
            "it.registry=" + registry)
        .run();
  }

  @Test
  void sendsThroughASharedProducerFromApplicationYmlCountedInMicrometerAndClosedWithTheContext(
      LocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("spring_clicks", 3);
    TypedProducer<UserClick> producer;
    try (ConfigurableApplicationContext context =
        run(CheckoutApp.class, kafka.bootstrapServers(), registry.url())) {
      CheckoutService service = context.getBean(CheckoutService.class);
      for (String user : new String[] {"user_1", "user_2", "user_3"}) {
        assertThat(service.buy(user).topic()).isEqualTo("spring_clicks");
      }
      TypedProducers producers = context.getBean(TypedProducers.class);
      producer = producers.get(UserClick.class);
      assertThat(producer).as("one shared producer per event class")
          .isSameAs(context.getBean(EventProducer.class)).isSameAs(producers.get(UserClick.class));

      MeterRegistry meters = context.getBean(MeterRegistry.class);
      assertThat(meters.get("typedproducer.events.sent")
          .tags("event", UserClick.class.getName(), "topic", "spring_clicks").counter().count())
          .isEqualTo(3);
      assertThat(meters.get("kafka.producer.record.send.total").tag("client.id", "spring-clicks")
          .functionCounter().count()).as("the yml's kafka settings reach the producer")
          .isEqualTo(3);

      Health health = context.getBean(TypedProducerHealthIndicator.class).health();
      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails().get("brokers")).asString().startsWith("1 reachable");
      assertThat(health.getDetails().get("schemaRegistry")).asString().startsWith("reachable");
    }

    assertThat(TopicReader.readAll(kafka.bootstrapServers(), "spring_clicks", 3,
        Duration.ofSeconds(30))).extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactlyInAnyOrder("user_1", "user_2", "user_3");
    assertThatThrownBy(() -> producer.send(UserClick.newBuilder().setUserId("late")
        .setAction(Action.VIEW).setPage("/").setOccurredAt(Instant.now()).build()))
        .as("closing the context closed the producer")
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is closed");
  }

  @Test
  void healthIsDownNamingTheRegistryThatDoesNotAnswer(LocalKafka kafka) {
    try (ConfigurableApplicationContext context =
        run(EmptyApp.class, kafka.bootstrapServers(), "http://127.0.0.1:1")) {
      Health health = context.getBean(TypedProducerHealthIndicator.class).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails().get("schemaRegistry")).asString()
          .startsWith("not reachable at http://127.0.0.1:1");
      assertThat(health.getDetails().get("brokers")).asString().startsWith("1 reachable");
    }
  }

  @Test
  void refusesAKafkaSettingThatWeakensDurabilityWhenTheProducerIsBuilt(LocalKafka kafka) {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TypedProducerAutoConfiguration.class))
        .withPropertyValues("typed-producer.bootstrap-servers=" + kafka.bootstrapServers(),
            "typed-producer.schema-registry.url=http://127.0.0.1:1", "typed-producer.kafka.acks=1")
        .run(context -> assertThatThrownBy(
            () -> context.getBean(TypedProducers.class).get(UserClick.class))
            .isInstanceOfSatisfying(InvalidConfigException.class,
                e -> assertThat(e).hasMessageContaining("acks=1")));
  }

  @Test
  void worksWithoutMicrometerAndStaysOffWithoutBootstrapServers(
      LocalKafka kafka, LocalSchemaRegistry registry) {
    kafka.createTopic("spring_clicks_plain", 1);
    ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(TypedProducerAutoConfiguration.class));

    runner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .withPropertyValues("typed-producer.bootstrap-servers=" + kafka.bootstrapServers(),
            "typed-producer.schema-registry.url=" + registry.url(),
            "typed-producer.auto-register-schema=true")
        .withBean(TypedProducerCustomizer.class,
            () -> builder -> builder.topic("spring_clicks_plain"))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(TypedProducers.class)
              .hasSingleBean(TypedProducerCustomizer.class);
          SendResult sent = context.getBean(TypedProducers.class).get(UserClick.class)
              .send(UserClick.newBuilder().setUserId("user_9").setAction(Action.VIEW)
                  .setPage("/").setOccurredAt(Instant.now()).build()).join();
          assertThat(sent.topic()).isEqualTo("spring_clicks_plain");
        });

    runner.run(context -> assertThat(context).hasNotFailed()
        .doesNotHaveBean(TypedProducers.class));
  }
}
