/**
 * Configuration: {@code config/config.yaml} with {@code ${VAR:-default}} expansion, sizes and
 * durations, validated at once with every error named by its YAML path.
 */
package io.memcluster.config;
