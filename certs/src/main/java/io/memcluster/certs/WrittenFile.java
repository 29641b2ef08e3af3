package io.memcluster.certs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * A file that was written, for reporting to an operator or a log.
 *
 * @param path    where it is
 * @param expires when the certificate in it expires; empty for a private key
 */
public record WrittenFile(Path path, Optional<Instant> expires) {

    static WrittenFile certificate(Path path, Instant expires) {
        return new WrittenFile(path, Optional.of(expires));
    }

    static WrittenFile key(Path path) {
        return new WrittenFile(path, Optional.empty());
    }
}
