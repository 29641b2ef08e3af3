package io.memcluster.config;

import static io.memcluster.config.ConfigFiles.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The namespaces section: memory quotas by namespace, and the lines that point out its mistakes. */
class NamespaceQuotasConfigTest {

    @TempDir
    Path dir;

    @Test
    void eachNamespaceTakesItsQuota() {
        NodeConfig config = load(dir, """
                namespaces:
                  orders:
                    memory: 8m
                  cart: {memory: 16m}
                  default:
                    memory: 1024k
                """);

        assertThat(config.quotas().memoryByName()).containsExactly(
                Map.entry("cart", 16L << 20), Map.entry("default", 1L << 20), Map.entry("orders", 8L << 20));
        assertThat(config.quotas().memoryOf("cart")).isEqualTo(16L << 20);
        assertThat(config.quotas().memoryOf("users")).isZero();
    }

    @Test
    void noSectionAnEmptyOneAndBracesAllMeanNoQuotas() {
        assertThat(load(dir, "node:\n  port: 12001\n").quotas()).isEqualTo(NamespaceQuotas.NONE);
        assertThat(load(dir, "namespaces:\n").quotas()).isEqualTo(NamespaceQuotas.NONE);
        assertThat(load(dir, "namespaces: {}\n").quotas()).isEqualTo(NamespaceQuotas.NONE);
        assertThat(NodeConfig.defaults().quotas()).isEqualTo(NamespaceQuotas.NONE);
    }

    @Test
    void quotasMayAddUpToMoreThanTheNodesMemory() {
        // ceilings, not reservations: "none may take more than half" is a quota of half each
        NodeConfig config = load(dir, "namespaces:\n  a: {memory: 32m}\n  b: {memory: 32m}\n  c: {memory: 64m}\n");

        assertThat(config.quotas().memoryByName().values().stream().mapToLong(Long::longValue).sum())
                .isGreaterThan(config.memoryLimit());
    }

    @Test
    void aQuotaMayBeSmallerThanTheLargestItem() {
        // larger items of that namespace are refused as out of memory, which the store tests show
        NodeConfig config = load(dir, "node:\n  max_item_size: 4m\nnamespaces:\n  thumbs: {memory: 1m}\n");

        assertThat(config.quotas().memoryOf("thumbs")).isEqualTo(1L << 20);
    }

    @Test
    void aQuotaMayComeFromTheEnvironment() {
        NodeConfig config = load(dir, "namespaces:\n  cart:\n    memory: ${CART_QUOTA:-16m}\n",
                Map.of("CART_QUOTA", "24m"));

        assertThat(config.quotas().memoryOf("cart")).isEqualTo(24L << 20);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "cart-1: {memory: 16m} | namespaces.cart-1: \"cart-1\" is not a namespace (expected 1-64 ASCII letters or"
                + " digits, the prefix of keys such as cart.42, or default for keys without one)",
        "cart.eu: {memory: 16m} | namespaces.cart.eu: \"cart.eu\" is not a namespace (expected 1-64 ASCII letters or"
                + " digits, the prefix of keys such as cart.42, or default for keys without one)",
        "cart: {memory: 512k}  | namespaces.cart.memory: 512k is too small (expected at least 1m)",
        "cart: {memory: 0}     | namespaces.cart.memory: 0 is too small (expected at least 1m)",
        "cart: {memory: 128m}  | namespaces.cart.memory: 128m is larger than node.memory (expected at most 64m)",
        "cart: {memory: 16x}   | namespaces.cart.memory: \"16x\" is not a size (expected a number with an optional"
                + " unit k, m or g, e.g. 64m)",
        "cart: {memory: ''}    | namespaces.cart.memory: is empty (expected a size, e.g. 16m)",
        "cart: {}              | namespaces.cart.memory: is missing (expected a size, e.g. 16m)",
        "cart:                 | namespaces.cart.memory: is missing (expected a size, e.g. 16m)",
        "cart: 16m             | namespaces.cart: is a single value, not a section (expected keys indented under"
                + " cart:, e.g. memory: 16m)",
        "cart: [16m]           | namespaces.cart: is a list, not a section (expected keys indented under cart:,"
                + " e.g. memory: 16m)",
        "cart: {memory: 16m, lru: own} | namespaces.cart.lru: unknown key (valid keys under namespaces.cart: memory)",
    })
    void badEntryIsReportedWithItsPath(String entry, String message) {
        assertThatThrownBy(() -> load(dir, "namespaces:\n  " + entry + "\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(message);
    }

    @Test
    void aLongNameIsNotANamespace() {
        String name = "n".repeat(65);
        assertThatThrownBy(() -> load(dir, "namespaces:\n  " + name + ": {memory: 16m}\n"))
                // the path names it in full; the quoted value is shortened as every long value in a message is
                .hasMessageStartingWith("namespaces." + name + ": \"" + "n".repeat(60) + "...\" is not a namespace");
        assertThat(load(dir, "namespaces:\n  " + "n".repeat(64) + ": {memory: 16m}\n").quotas().isEmpty()).isFalse();
    }

    @Test
    void sectionWrittenAsAListIsReported() {
        assertThatThrownBy(() -> load(dir, "namespaces:\n  - cart\n"))
                .hasMessage("namespaces: is a list, not a section (expected keys indented under namespaces:)");
    }

    @Test
    void everyMistakeIsReportedAtOnceInFileOrder() {
        assertThatThrownBy(() -> load(dir, """
                node:
                  memory: 32m
                namespaces:
                  cart:
                    memroy: 16m
                  bad-name:
                    memory: 1m
                  orders:
                    memory: 48m
                """))
                .hasMessage("""
                        namespaces.cart.memroy: unknown key, did you mean memory? (valid keys under namespaces.cart:\
                         memory)
                        namespaces.cart.memory: is missing (expected a size, e.g. 16m)
                        namespaces.bad-name: "bad-name" is not a namespace (expected 1-64 ASCII letters or digits,\
                         the prefix of keys such as cart.42, or default for keys without one)
                        namespaces.orders.memory: 48m is larger than node.memory (expected at most 32m)""");
    }

    @Test
    void aQuotaIsNotComparedWithANodeMemoryThatIsWrongItself() {
        assertThatThrownBy(() -> load(dir, "node:\n  memory: 64x\nnamespaces:\n  cart: {memory: 128m}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path).containsExactly("node.memory"));
        assertThatThrownBy(() -> load(dir, "node:\n  memory: 512k\nnamespaces:\n  cart: {memory: 1m}\n"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::path).containsExactly("node.memory"));
    }

    @Test
    void aNodeMemoryFlagBelowAQuotaNamesTheQuota() {
        assertThatThrownBy(() -> ConfigFiles.load(dir, "namespaces:\n  cart: {memory: 16m}\n", Map.of(),
                List.of(new ConfigOverride("node.memory", "8m", "--memory"))))
                .hasMessage("namespaces.cart.memory: 16m is larger than node.memory (expected at most 8m)");
    }

    @Test
    void theRecordChecksItsValuesToo() {
        assertThatThrownBy(() -> new NamespaceQuotas(Map.of("a b", 1L << 20)))
                .hasMessageContaining("namespaces.a b: \"a b\" is not a namespace");
        assertThatThrownBy(() -> NodeConfig.defaults().withQuotas(new NamespaceQuotas(Map.of("cart", 1L << 30))))
                .hasMessage("namespaces.cart.memory: 1g is larger than node.memory (expected at most 64m)");
    }
}
