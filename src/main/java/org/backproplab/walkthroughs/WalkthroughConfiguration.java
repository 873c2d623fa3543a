package org.backproplab.walkthroughs;

import java.nio.file.Path;
import org.backproplab.training.TrainingService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the walkthrough library once at start-up (a broken walkthrough file stops start-up with its problems
 * listed), plus the folder of a self-hosted server's own walkthroughs from {@code backprop.walkthroughs.extra-folder},
 * and the preset catalogue built from it. The walkthrough pages and {@code GET /api/presets} share both.
 */
@Configuration(proxyBeanMethods = false)
public class WalkthroughConfiguration {

    @Bean
    WalkthroughLibrary walkthroughLibrary(TrainingService service,
                                          @Value("${backprop.walkthroughs.extra-folder:}") String extraFolder) {
        return new WalkthroughLibrary(service.validator(), extraFolder.isBlank() ? null : Path.of(extraFolder));
    }

    @Bean
    PresetCatalog presetCatalog(WalkthroughLibrary library, TrainingService service) {
        return new PresetCatalog(library, service.validator());
    }
}
