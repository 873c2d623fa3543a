package org.backproplab.api;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the HTTP API ({@code backprop.api.*}). The run limits themselves (how many runs, how long finished
 * API runs are kept, the {@code ?wait=true} timeout) are the training service's {@code backprop.limits.*}.
 *
 * @param streamTimeout    longest life of one event stream; a client reconnects to continue (replay included)
 * @param streamBacklog    events a slow stream client may fall behind by before its stream is closed
 * @param maxPredictRows   most rows one predict call may send
 */
@ConfigurationProperties("backprop.api")
public record ApiProperties(
        @DefaultValue("1h") Duration streamTimeout,
        @DefaultValue("20000") int streamBacklog,
        @DefaultValue("10000") int maxPredictRows) {
}
