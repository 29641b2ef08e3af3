package io.memcluster.certs;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When a certificate is valid, to the second (X.509 has no finer precision).
 *
 * @param notBefore first instant the certificate is valid
 * @param notAfter  last instant the certificate is valid
 */
public record Validity(Instant notBefore, Instant notAfter) {

    /** Days a leaf certificate lives unless told otherwise: the most that Apple's TLS accepts. */
    public static final int DEFAULT_LEAF_DAYS = 825;

    /** Days the CA lives unless told otherwise: long, because replacing it means re-issuing all. */
    public static final int DEFAULT_CA_DAYS = 3650;

    /** Upper bound on {@code days}, to catch a typo rather than mint a 2000-year certificate. */
    public static final int MAX_DAYS = 36_500;

    /**
     * A certificate made on another machine must not be "not yet valid" there because clocks
     * differ by a few seconds or minutes, so validity starts a little before now.
     */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);

    public Validity {
        if (notBefore == null || notAfter == null) {
            throw new IllegalArgumentException("validity needs both notBefore and notAfter");
        }
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException(
                    "validity must end after it starts: " + notBefore + " .. " + notAfter);
        }
    }

    /** Valid from a little before {@code now} until {@code days} days after {@code now}. */
    public static Validity days(Instant now, int days) {
        checkDays(days);
        Instant start = now.truncatedTo(ChronoUnit.SECONDS);
        return new Validity(start.minus(CLOCK_SKEW_ALLOWANCE), start.plus(Duration.ofDays(days)));
    }

    /** Checks a number of days given by a caller or an operator. */
    public static int checkDays(int days) {
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException(
                    "days must be between 1 and " + MAX_DAYS + ": got " + days);
        }
        return days;
    }

    /**
     * This validity cut to end no later than the issuer's: a certificate is useless once its CA
     * has expired, and saying an earlier date up front is more honest than a silent failure.
     */
    Validity within(Validity issuer) {
        Instant end = notAfter.isAfter(issuer.notAfter()) ? issuer.notAfter() : notAfter;
        return new Validity(notBefore, end);
    }
}
