package io.memcluster.client.shell;

import io.memcluster.auth.Namespaces;
import io.memcluster.client.session.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** The namespaces to offer when completing: the server's, plus default and the current one. */
final class NamespaceNames {

    private NamespaceNames() {
    }

    static List<String> fetch(Session session) {
        TreeSet<String> names = new TreeSet<>();
        names.add(Namespaces.DEFAULT);
        names.add(session.namespace());
        names.addAll(session.namespaceNames());
        return new ArrayList<>(names);
    }
}
