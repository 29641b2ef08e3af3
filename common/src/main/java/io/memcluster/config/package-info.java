/**
 * Configuration: {@code config/config.yaml} with {@code ${VAR:-default}} expansion, sizes and
 * durations, validated at once with every error named by its YAML path.
 *
 * <p>{@link io.memcluster.config.NodeConfigLoader} is the way in. A new section ({@code tls},
 * {@code cluster}, ...) is a record that checks its own rules, plus a {@code section("tls")}
 * read in the loader with one typed read per key: keys that are read are valid, any other key in
 * the file is reported as unknown.
 */
package io.memcluster.config;
