package io.memcluster.server.admin;

import io.memcluster.config.ConfigException;
import io.memcluster.config.Durations;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads durations as config.yaml does ({@link Durations}: {@code 90s}, {@code 30m}, {@code 12h},
 * {@code 7d}), or ISO-8601 such as {@code PT1H30M}.
 */
final class DurationConverter implements ITypeConverter<Duration> {

    @Override
    public Duration convert(String value) {
        try {
            return Durations.parse(value);
        } catch (ConfigException notShortForm) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value
                        + "' is not a duration (expected a number and s, m, h or d, like 1h or 7d)");
            }
        }
    }
}
