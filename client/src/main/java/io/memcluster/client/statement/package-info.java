/**
 * What the user types, understood: a line split into {@link io.memcluster.client.statement.Word}s
 * (quotes and escapes), parsed into a {@link io.memcluster.client.statement.Statement}
 * ({@code PUT}, {@code GET}, {@code SHOW KEYS}, ...), or refused with a
 * {@link io.memcluster.client.statement.UsageException} that shows the right form. No network here.
 */
package io.memcluster.client.statement;
