package io.memcluster.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ZipfSamplerTest {

    private static final int DRAWS = 400_000;

    @ParameterizedTest(name = "n={0}, skew={1}")
    @CsvSource({"10, 1.0", "10, 0.5", "50, 0.99", "20, 2.0", "1, 1.2"})
    void drawsEachRankAsOftenAsTheZipfLawSays(int n, double skew) {
        ZipfSampler sampler = new ZipfSampler(n, skew);
        long[] seen = new long[n + 1];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < DRAWS; i++) {
            int rank = sampler.sample(random);
            assertThat(rank).isBetween(1, n);
            seen[rank]++;
        }
        // Pearson's chi-square against the exact probabilities; with n - 1 <= 49 degrees of
        // freedom, 100 is far beyond the 99.99th percentile, so only a wrong sampler fails.
        double chiSquare = 0;
        for (int rank = 1; rank <= n; rank++) {
            double expected = DRAWS * sampler.probability(rank);
            chiSquare += Math.pow(seen[rank] - expected, 2) / expected;
        }
        assertThat(chiSquare).isLessThan(100);
    }

    @Test
    void aMillionKeysWithTheUsualSkewHaveAHotHeadAndALongTail() {
        int n = 1_000_000;
        ZipfSampler sampler = new ZipfSampler(n, 0.99);
        SplittableRandom random = new SplittableRandom(7);
        int[] draws = IntStream.range(0, DRAWS).map(i -> sampler.sample(random)).toArray();
        double top = IntStream.of(draws).filter(rank -> rank == 1).count() / (double) DRAWS;
        double top100 = IntStream.of(draws).filter(rank -> rank <= 100).count() / (double) DRAWS;
        double expectedTop100 = IntStream.rangeClosed(1, 100).mapToDouble(sampler::probability).sum();
        assertThat(top).isCloseTo(sampler.probability(1), within(0.003));
        assertThat(top100).isCloseTo(expectedTop100, within(0.005));
        assertThat(IntStream.of(draws).max().orElseThrow()).isGreaterThan(n / 2);
    }

    @Test
    void theSameSeedDrawsTheSameRanks() {
        ZipfSampler sampler = new ZipfSampler(1000, 0.99);
        SplittableRandom first = new SplittableRandom(3);
        SplittableRandom second = new SplittableRandom(3);
        for (int i = 0; i < 1000; i++) {
            assertThat(sampler.sample(first)).isEqualTo(sampler.sample(second));
        }
    }

    @Test
    void refusesWhatIsNotADistribution() {
        assertThatThrownBy(() -> new ZipfSampler(0, 1)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new ZipfSampler(10, 0)).hasMessageContaining("positive");
        assertThatThrownBy(() -> new ZipfSampler(10, Double.NaN)).hasMessageContaining("positive");
    }
}
