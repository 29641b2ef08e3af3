/**
 * The ways statements reach the runner: the interactive {@link io.memcluster.client.shell.Shell}
 * on a terminal (JLine: line editing, history without passwords, completion, Ctrl-C and
 * Ctrl-D), and {@link io.memcluster.client.shell.ScriptRunner} for lines piped in.
 */
package io.memcluster.client.shell;
