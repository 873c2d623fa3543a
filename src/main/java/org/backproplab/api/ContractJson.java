package org.backproplab.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import org.backproplab.config.DatasetConfig;
import tools.jackson.databind.cfg.MapperBuilder;

/**
 * Keeps the run contract's JSON exactly the contract's: {@link DatasetConfig#isInline()} is a convenience method,
 * not a field, but Jackson would write it as {@code "inline": false}, and a strict reader would then refuse the
 * server's own output when a script posts it back. Applied to the API's mappers and to Spring's.
 */
final class ContractJson {

    private ContractJson() {
    }

    static <B extends MapperBuilder<?, ?>> B configure(B builder) {
        builder.addMixIn(DatasetConfig.class, DatasetConfigMixIn.class);
        return builder;
    }

    /** Hides the derived {@code inline} flag. */
    abstract static class DatasetConfigMixIn {
        @JsonIgnore
        abstract boolean isInline();
    }
}
