package io.memcluster.client.connection;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/** Network and TLS exceptions in a few words a user can act on, without a stack trace. */
final class Failures {

    private Failures() {
    }

    static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof UnknownHostException) {
            return "unknown host";
        }
        if (root instanceof ConnectException || failure instanceof ConnectException) {
            String message = failure.getMessage() == null ? "" : failure.getMessage().toLowerCase(java.util.Locale.ROOT);
            return message.contains("refused") ? "connection refused (is the server running on that port?)"
                    : "cannot connect" + (failure.getMessage() == null ? "" : " (" + failure.getMessage() + ")");
        }
        if (root instanceof ClosedChannelException) {
            return "connection closed";
        }
        String message = root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
        return message;
    }

    /** Why a TLS handshake failed, with a hint for the usual mistakes. */
    static String describeHandshake(Throwable failure, ServerAddress address) {
        if (hasCause(failure, CertPathBuilderException.class) || hasCause(failure, CertPathValidatorException.class)
                || messageContains(failure, "unable to find valid certification path")
                || messageContains(failure, "CERTIFICATE_VERIFY_FAILED")) {
            return "the server's certificate is not signed by the CA in " + address.caFile()
                    + " (give the cluster's CA with --ca FILE)";
        }
        if (messageContains(failure, "No subject alternative") || messageContains(failure, "No name matching")) {
            return "the server's certificate does not name " + address.host() + " (" + rootMessage(failure) + ")";
        }
        if (messageContains(failure, "not an SSL/TLS record") || messageContains(failure, "WRONG_VERSION_NUMBER")
                || messageContains(failure, "Unsupported or unrecognized SSL message")) {
            return "the server did not answer in TLS (is it a plaintext port? then use --plain)";
        }
        if (failure instanceof SSLException || failure instanceof CertificateException) {
            return rootMessage(failure);
        }
        return describe(failure);
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean messageContains(Throwable failure, String text) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
