/**
 * Configuration: {@code config/config.yaml} with {@code ${VAR:-default}} expansion, sizes and
 * durations, validated at once with every error named by its YAML path.
 *
 * <p>{@link io.memcluster.config.ConfigLoader} is the way in: it reads the whole file into a
 * {@link io.memcluster.config.MemclusterConfig} (node, coordinator, cluster), and
 * {@link io.memcluster.config.NodeConfigLoader} keeps the node's part of it. Each section is a
 * record that checks its own rules (rules shared by several sections live in {@code Rules}), and
 * a reader ({@code NodeSections}, {@code CoordinatorSection}, {@code ClusterSection}) with one
 * typed read per key: keys that are read are valid, any other key in the file is reported as
 * unknown. A new section is a record, a reader and one line in {@code ConfigLoader}.
 */
package io.memcluster.config;
