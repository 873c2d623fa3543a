/**
 * The training service: runs (a network training on a dataset), their owners (a browser session or the API), the
 * shared fair scheduler and the server's limits. No Vaadin here: the lab view subscribes with a
 * {@link org.backproplab.training.RunListener} and ends a session through
 * {@link org.backproplab.training.SessionRuns#close()}.
 */
package org.backproplab.training;
