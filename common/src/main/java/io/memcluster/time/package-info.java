/** Time as an injected dependency: the real clock and a manual one for tests. */
package io.memcluster.time;
