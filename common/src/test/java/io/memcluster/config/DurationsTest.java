package io.memcluster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0, PT0S",
        "0s, PT0S",
        "30, PT30S",
        "30s, PT30S",
        "500ms, PT0.5S",
        "1500ms, PT1.5S",
        "5m, PT5M",
        "1h, PT1H",
        "2d, PT48H",
        "30S, PT30S",
        "500MS, PT0.5S",
        "'10 s', PT10S",
        "106751d, PT2562024H",
    })
    void parsesNumbersWithUnitsAndBareSeconds(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"5x", "", "s", "-1s", "1.5s", "5min", "1w", "PT5S", "5 m s", "ms5"})
    void refusesWhatIsNotAWholeNumberWithAUnit(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessage(ConfigProblem.quote(text)
                        + " is not a duration (expected a number with an optional unit ms, s, m, h or d, e.g. 30s)");
    }

    @Test
    void errorQuotesTheExactTextTheUserWrote() {
        assertThatThrownBy(() -> Durations.parse("5x"))
                .hasMessage("\"5x\" is not a duration (expected a number with an optional unit ms, s, m, h or d, e.g. 30s)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"106752d", "9999999999999999h", "99999999999999999999"})
    void refusesDurationsThatWouldOverflowNanoseconds(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessage("\"" + text + "\" is too large (expected at most 106751d)");
    }

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
        "PT0S, 0s",
        "PT0.5S, 500ms",
        "PT1.5S, 1500ms",
        "PT30S, 30s",
        "PT90S, 90s",
        "PT5M, 5m",
        "PT90M, 90m",
        "PT1H, 1h",
        "PT48H, 2d",
        "PT25H, 25h",
        "PT-5M, -5m",
    })
    void formatsTheShortestExactForm(Duration duration, String text) {
        assertThat(Durations.format(duration)).isEqualTo(text);
    }

    @Test
    void formatFallsBackToIsoBelowAMillisecond() {
        assertThat(Durations.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0s", "1ms", "999ms", "1001ms", "59s", "61s", "3600s", "86401s", "7d"})
    void formatReadsBackToTheSameDuration(String text) {
        Duration duration = Durations.parse(text);
        assertThat(Durations.parse(Durations.format(duration))).isEqualTo(duration);
    }
}
