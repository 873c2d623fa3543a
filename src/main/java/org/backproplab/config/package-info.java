/**
 * The run contract: one configuration schema shared by the lab's URL, the HTTP API, presets, walkthroughs and
 * remedies. Field names, defaults and ranges follow {@code shared/run-config.md} exactly; every record here is a
 * plain value with nullable fields (a missing field takes its default through {@link org.backproplab.config.RunConfig#withDefaults()}).
 */
package org.backproplab.config;
