package io.memcluster.server.it;

import io.memcluster.testkit.Memccapable;
import org.junit.jupiter.api.Test;

/**
 * libmemcached's conformance suite, memccapable, run against a real node: the 27 ASCII protocol
 * tests that memcached itself passes. A memcached client written by someone else is the best
 * judge of "any memcached client talks to it unchanged".
 */
class MemccapableIT {

  @Test
  void nodePassesEveryAsciiTestOfMemccapable() throws Exception {
    // plaintext without logins on the main port: memccapable speaks neither TLS nor the login
    try (NodeProcess node = NodeProcess.start(NodeProcess.PLAIN_WITHOUT_AUTH, "--memory", "64m")) {
      Memccapable.assertAllPass(node.port(), "plain-" + node.port(), node::logSection);
    }
  }
}
