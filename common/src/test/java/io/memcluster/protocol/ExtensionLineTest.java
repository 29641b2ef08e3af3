package io.memcluster.protocol;

import static io.memcluster.protocol.Decoding.decode;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** memcluster's own commands besides users: snapshot, flush_namespace, digests, and what a mistyped one gets. */
class ExtensionLineTest {

    @Test
    void snapshotOfAllOrOneNamespace() {
        assertThat(decode("memcluster snapshot\r\nmemcluster snapshot cart\r\n")).containsExactly(
                "Snapshot[namespace=null]", "Snapshot[namespace=cart]");
    }

    @Test
    void flushOfOneNamespaceWithOrWithoutReply() {
        assertThat(decode("memcluster flush_namespace cart\r\nmemcluster flush_namespace c2 noreply\r\n"))
                .containsExactly("FlushNamespace[namespace=cart, noreply=false]",
                        "FlushNamespace[namespace=c2, noreply=true]");
    }

    @Test
    void aBadNamespaceNameSaysWhatAValidOneIs() {
        assertThat(decode("memcluster snapshot no.dots\r\nmemcluster flush_namespace a:b\r\n")).containsExactly(
                "Invalid[reply=CLIENT_ERROR usage: memcluster snapshot [namespace] (a namespace is 1-64 ASCII"
                        + " letters or digits), noreply=false]",
                "Invalid[reply=CLIENT_ERROR usage: memcluster flush_namespace <namespace> [noreply] (a namespace"
                        + " is 1-64 ASCII letters or digits), noreply=false]");
    }

    @Test
    void missingOrExtraWordsGetTheUsage() {
        assertThat(decode("memcluster flush_namespace\r\nmemcluster snapshot a b\r\n"
                + "memcluster flush_namespace a b c\r\n")).containsExactly(
                "Invalid[reply=CLIENT_ERROR usage: memcluster flush_namespace <namespace> [noreply], noreply=false]",
                "Invalid[reply=CLIENT_ERROR usage: memcluster snapshot [namespace], noreply=false]",
                "Invalid[reply=CLIENT_ERROR usage: memcluster flush_namespace <namespace> [noreply], noreply=false]");
    }

    @Test
    void anUnknownExtensionListsEveryForm() {
        assertThat(decode("memcluster backup\r\nmemcluster\r\n")).containsExactly(
                "Invalid[reply=" + ExtensionLine.USAGE_ERROR + ", noreply=false]",
                "Invalid[reply=" + ExtensionLine.USAGE_ERROR + ", noreply=false]");
        assertThat(ExtensionLine.USAGE_ERROR).isEqualTo("CLIENT_ERROR usage: memcluster users list | add <user>"
                + " <perm,...|-> <bytes> | remove <user> | passwd <user> <bytes> | memcluster snapshot [namespace]"
                + " | memcluster flush_namespace <namespace> [noreply] | memcluster digest [namespace]"
                + " | memcluster digest_keys <namespace> <all|0,5,10-20>");
    }

    @Test
    void digestOfAllOrOneNamespace() {
        assertThat(decode("memcluster digest\r\nmemcluster digest cart\r\n")).containsExactly(
                "Digest[namespace=null]", "Digest[namespace=cart]");
    }

    @Test
    void digestKeysOfAllOrSomeSegments() {
        assertThat(decode("memcluster digest_keys cart all\r\nmemcluster digest_keys cart 0,5,10-12,1023\r\n"))
                .containsExactly("DigestKeys[namespace=cart, segments=null]",
                        "DigestKeys[namespace=cart, segments={0, 5, 10, 11, 12, 1023}]");
    }

    @Test
    void segmentListsRoundTripAndRefuseWhatIsOutOfRange() {
        assertThat(DigestSegments.format(DigestSegments.parse("0,5,10-12,1023"))).isEqualTo("0,5,10-12,1023");
        assertThat(DigestSegments.format(DigestSegments.parse("0-1023"))).isEqualTo("all");
        assertThat(DigestSegments.parse("1024")).isNull();
        assertThat(DigestSegments.parse("3-1")).isNull();
        assertThat(DigestSegments.parse("1,,2")).isNull();
        assertThat(DigestSegments.parse("-1")).isNull();
        assertThat(DigestSegments.parse("x")).isNull();
    }
}
