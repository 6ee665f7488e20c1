package io.vigil.testing;

import io.vigil.demo.EmbeddedKafka;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * A running Kafka broker for integration tests: a Testcontainers Kafka when a Docker engine answers, otherwise
 * the in-process {@link EmbeddedKafka}. Both keep their address across {@link #stop()} and {@link #restart()},
 * so clients reconnect as they would after a real broker outage.
 */
public interface KafkaForTests extends AutoCloseable {
    /** Overrides the container image (Docker path only). */
    String IMAGE_PROPERTY = "vigil.test.kafka.image";

    String DEFAULT_IMAGE = "apache/kafka:4.1.1";

    String bootstrapServers();

    /** The broker goes away (data kept); clients fail or time out until {@link #restart()}. */
    void stop();

    /** The broker comes back at the same address with the same data. */
    void restart();

    @Override
    void close();

    /** Starts a broker: a container when Docker is available (it answers false in under a second when not). */
    static KafkaForTests start() {
        return DockerClientFactory.instance().isDockerAvailable() ? new Container() : new Embedded();
    }

    /** Always the in-process broker. */
    static KafkaForTests embedded() {
        return new Embedded();
    }

    final class Embedded implements KafkaForTests {
        private final EmbeddedKafka kafka = EmbeddedKafka.start(null);

        public EmbeddedKafka broker() {
            return kafka;
        }

        @Override
        public String bootstrapServers() {
            return kafka.bootstrapServers();
        }

        @Override
        public void stop() {
            kafka.stop();
        }

        @Override
        public void restart() {
            kafka.restart();
        }

        @Override
        public void close() {
            kafka.close();
        }
    }

    /**
     * The Docker path. A stopped and started container may get new host ports, so an outage is a paused
     * container instead: its ports stay mapped while the broker answers nothing, and clients time out.
     */
    final class Container implements KafkaForTests {
        private final KafkaContainer container;

        Container() {
            container = new KafkaContainer(System.getProperty(IMAGE_PROPERTY, DEFAULT_IMAGE));
            container.start();
        }

        @Override
        public String bootstrapServers() {
            return container.getBootstrapServers();
        }

        @Override
        public void stop() {
            container
                    .getDockerClient()
                    .pauseContainerCmd(container.getContainerId())
                    .exec();
        }

        @Override
        public void restart() {
            container
                    .getDockerClient()
                    .unpauseContainerCmd(container.getContainerId())
                    .exec();
        }

        @Override
        public void close() {
            container.stop();
        }
    }
}
