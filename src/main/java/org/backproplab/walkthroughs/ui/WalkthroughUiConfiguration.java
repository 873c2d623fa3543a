package org.backproplab.walkthroughs.ui;

import java.nio.file.Path;
import org.backproplab.training.TrainingService;
import org.backproplab.walkthroughs.WalkthroughLibrary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the walkthrough library once at start-up (a broken walkthrough file stops start-up with its problems
 * listed), plus the folder of a self-hosted server's own walkthroughs from {@code backprop.walkthroughs.extra-folder}.
 */
@Configuration(proxyBeanMethods = false)
class WalkthroughUiConfiguration {

    @Bean
    @ConditionalOnMissingBean
    WalkthroughLibrary walkthroughLibrary(TrainingService service,
                                          @Value("${backprop.walkthroughs.extra-folder:}") String extraFolder) {
        return new WalkthroughLibrary(service.validator(), extraFolder.isBlank() ? null : Path.of(extraFolder));
    }
}
