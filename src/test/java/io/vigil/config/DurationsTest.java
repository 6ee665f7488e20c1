package io.vigil.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
        "10ms, PT0.01S",
        "30s, PT30S",
        "10m, PT10M",
        "2h, PT2H",
        "30d, PT720H",
        "1h30m, PT1H30M",
        "1d2h3m4s5ms, PT26H3M4.005S",
        "PT10M, PT10M",
        "pt1.5s, PT1.5S",
        "P30D, PT720H",
        "' 45s ', PT45S",
        "0s, PT0S"
    })
    void parsesShortAndIsoForms(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "10 | \"10\" needs a unit (use e.g. 10ms, 30s, 10m, 2h, 30d or PT10M)",
                "10x | \"10x\" is not a duration (use e.g. 10ms, 30s, 10m, 2h, 30d or PT10M)",
                "1.5s | \"1.5s\" is not a duration (use e.g. 10ms, 30s, 10m, 2h, 30d or PT10M)",
                "-5s | \"-5s\" is not a duration (use e.g. 10ms, 30s, 10m, 2h, 30d or PT10M)",
                "10 m | \"10 m\" is not a duration (use e.g. 10ms, 30s, 10m, 2h, 30d or PT10M)",
                "P1M | \"P1M\" is not a duration (use e.g. 10ms, 30s, 10m, 2h, 30d or PT10M)",
                "PT-5S | \"PT-5S\" is negative",
                "30m1h | \"30m1h\": units must go from largest to smallest, once each",
                "5s5s | \"5s5s\": units must go from largest to smallest, once each",
                "99999999999999999999d | \"99999999999999999999d\" is too long a duration"
            })
    void refusesWithAMessageForTheUser(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void refusesEmpty() {
        assertThatThrownBy(() -> Durations.parse(" "))
                .hasMessage("empty duration (use e.g. 10ms, 30s, 10m, 2h, 30d or PT10M)");
    }

    @ParameterizedTest
    @CsvSource({"10ms", "30s", "10m", "2h", "30d", "1h30m", "1d2h3m4s5ms", "0s"})
    void formatsTheShortestFormItReadsBack(String text) {
        assertThat(Durations.format(Durations.parse(text))).isEqualTo(text);
    }

    @Test
    void formatsSubMillisecondDurationsAsIso() {
        assertThat(Durations.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    }
}
