/**
 * Time as an injected dependency: the wall {@link io.memcluster.time.Clock} (expiry, unix times in
 * replies) and the monotonic {@link io.memcluster.time.Ticker} (timeouts, failure detection), each
 * with a manual twin for tests.
 */
package io.memcluster.time;
