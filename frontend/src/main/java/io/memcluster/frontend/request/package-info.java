/**
 * Requests from decoded command to written reply: the {@link io.memcluster.frontend.request.RequestHandler}
 * (permissions, ordering, one flush per read batch, quit), the replies kept in request order by
 * {@link io.memcluster.frontend.request.OrderedReplies} however their slots complete, and the
 * {@link io.memcluster.frontend.request.CommandExecutor} seam behind which node and coordinator
 * differ.
 */
package io.memcluster.frontend.request;
