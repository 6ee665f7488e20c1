package io.vigil.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.VertxException;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogCaptureTest {
    private static final Logger CHECKER = LoggerFactory.getLogger("io.vertx.core.impl.BlockedThreadChecker");

    @Test
    void theMockServersOwnStallIsNoLineOfTheScenarioButABlockedVigilLoopIs() {
        try (LogCapture logs = LogCapture.start()) {
            CHECKER.warn(
                    "Thread vert.x-eventloop-thread-0 has been blocked for 17093 ms",
                    blockedIn("io.fabric8.kubernetes.client.server.mock.WatchEventsListener", "onClosed"));
            CHECKER.warn(
                    "Thread vert.x-eventloop-thread-1 has been blocked for 3000 ms",
                    blockedIn("io.vigil.pipeline.AuditVerticle", "apply"));

            assertThat(logs.messages())
                    .containsExactly("Thread vert.x-eventloop-thread-1 has been blocked for 3000 ms");
        }
    }

    private static VertxException blockedIn(String cls, String method) {
        VertxException e = new VertxException("Thread blocked");
        e.setStackTrace(new StackTraceElement[] {
            new StackTraceElement(cls, method, cls + ".java", 119),
            new StackTraceElement("io.vertx.core.internal.ContextInternal", "dispatch", "ContextInternal.java", 258)
        });
        return e;
    }
}
