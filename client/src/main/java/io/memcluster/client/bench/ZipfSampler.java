package io.memcluster.client.bench;

import java.util.SplittableRandom;

/**
 * Ranks 1..n drawn with probability proportional to 1 / rank^skew, in constant time and memory
 * per draw whatever n is: Hörmann and Derflinger's rejection-inversion ("Rejection-inversion to
 * generate variates from monotone discrete distributions", ACM TOMACS 6(3), 1996), as Apache
 * Commons Math implements it. A precomputed CDF would need 8 bytes per key and a binary search
 * per draw; this needs a few logarithms and rejects well under one draw in ten.
 */
final class ZipfSampler {

    private final int n;
    private final double skew;
    private final double hIntegralX1;
    private final double hIntegralN;
    private final double s;

    ZipfSampler(int n, double skew) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        if (!(skew > 0) || Double.isInfinite(skew)) {
            throw new IllegalArgumentException("skew must be a positive number, got " + skew);
        }
        this.n = n;
        this.skew = skew;
        this.hIntegralX1 = hIntegral(1.5) - 1d;
        this.hIntegralN = hIntegral(n + 0.5);
        this.s = 2d - hIntegralInverse(hIntegral(2.5) - h(2));
    }

    /** A rank in 1..n; rank 1 is the most frequent. */
    int sample(SplittableRandom random) {
        while (true) {
            // u is uniform in (hIntegralX1, hIntegralN]; its inverse image is a real x near the rank
            double u = hIntegralN + random.nextDouble() * (hIntegralX1 - hIntegralN);
            double x = hIntegralInverse(u);
            int k = (int) (x + 0.5);
            if (k < 1) {
                k = 1;
            } else if (k > n) {
                k = n;
            }
            // accept at once when x is close enough to k, or when u falls under the histogram's bar
            if (k - x <= s || u >= hIntegral(k + 0.5) - h(k)) {
                return k;
            }
        }
    }

    /** The exact probability of {@code rank}, for tests: 1 / (rank^skew * H(n, skew)). */
    double probability(int rank) {
        double harmonic = 0;
        for (int k = n; k >= 1; k--) {
            harmonic += Math.pow(k, -skew);
        }
        return Math.pow(rank, -skew) / harmonic;
    }

    /** H(x) = integral of h from 1 to x, written so that skew = 1 (log x) needs no special case. */
    private double hIntegral(double x) {
        double logX = Math.log(x);
        return expm1OverX((1d - skew) * logX) * logX;
    }

    private double h(double x) {
        return Math.exp(-skew * Math.log(x));
    }

    private double hIntegralInverse(double x) {
        double t = x * (1d - skew);
        if (t < -1d) {
            // only rounding gets here; clamp so that log1p stays defined
            t = -1d;
        }
        return Math.exp(log1pOverX(t) * x);
    }

    /** log(1 + x) / x, accurate near 0. */
    private static double log1pOverX(double x) {
        if (Math.abs(x) > 1e-8) {
            return Math.log1p(x) / x;
        }
        return 1d - x * (1d / 2 - x * (1d / 3 - x * (1d / 4)));
    }

    /** (exp(x) - 1) / x, accurate near 0. */
    private static double expm1OverX(double x) {
        if (Math.abs(x) > 1e-8) {
            return Math.expm1(x) / x;
        }
        return 1d + x * (1d / 2) * (1d + x * (1d / 3) * (1d + x * (1d / 4)));
    }
}
