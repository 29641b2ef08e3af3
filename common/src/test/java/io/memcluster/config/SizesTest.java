package io.memcluster.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "1024, 1024",
        "0, 0",
        "1024b, 1024",
        "512k, 524288",
        "512kb, 524288",
        "64m, 67108864",
        "64mb, 67108864",
        "64M, 67108864",
        "64MB, 67108864",
        "'64 MB', 67108864",
        "' 64m ', 67108864",
        "2g, 2147483648",
        "2Gb, 2147483648",
        "8589934591g, 9223372035781033984",
    })
    void parsesNumbersWithBinaryUnits(String text, long bytes) {
        assertThat(Sizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @ValueSource(strings = {"64x", "", "m", "-1", "1.5g", "64mm", "64bb", "64 m b", "64t", "0x40", "1e6", "sixty"})
    void refusesWhatIsNotAWholeNumberWithAUnit(String text) {
        assertThatThrownBy(() -> Sizes.parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessage(ConfigProblem.quote(text)
                        + " is not a size (expected a number with an optional unit k, m or g, e.g. 64m)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8589934592g", "99999999999999999999", "9223372036854775808"})
    void refusesSizesPastALongWithTheLimit(String text) {
        assertThatThrownBy(() -> Sizes.parse(text))
                .isInstanceOf(ConfigException.class)
                .hasMessage("\"" + text + "\" is too large (expected at most 8589934591g)");
    }

    @org.junit.jupiter.api.Test
    void errorQuotesTheExactTextTheUserWrote() {
        assertThatThrownBy(() -> Sizes.parse("64x"))
                .hasMessage("\"64x\" is not a size (expected a number with an optional unit k, m or g, e.g. 64m)");
    }

    @ParameterizedTest(name = "{0} bytes prints as {1}")
    @CsvSource({
        "0, 0",
        "1, 1",
        "1000, 1000",
        "1024, 1k",
        "1536, 1536",
        "524288, 512k",
        "67108864, 64m",
        "68157440, 65m",
        "1073741824, 1g",
        "1610612736, 1536m",
        "2147483648, 2g",
        "-1024, -1k",
    })
    void formatsTheShortestExactForm(long bytes, String text) {
        assertThat(Sizes.format(bytes)).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 1023, 1024, 1025, 3 * 1024 * 1024, 5L << 30, Long.MAX_VALUE})
    void formatReadsBackToTheSameBytes(long bytes) {
        assertThat(Sizes.parse(Sizes.format(bytes))).isEqualTo(bytes);
    }
}
