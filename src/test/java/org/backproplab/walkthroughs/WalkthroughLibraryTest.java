package org.backproplab.walkthroughs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.backproplab.diagnosis.Charts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalkthroughLibraryTest {

    static final List<String> REQUIRED = List.of("backpropagation", "vanishing-gradients", "exploding-gradients",
            "dead-relu", "dropout");

    @TempDir
    Path folder;

    WalkthroughLibrary shipped() {
        return new WalkthroughLibrary(WalkthroughParserTest.VALIDATOR, null);
    }

    @Test
    void theShippedWalkthroughsLoadInOrder() {
        WalkthroughLibrary library = shipped();
        assertThat(library.all()).extracting(Walkthrough::id).containsExactlyElementsOf(REQUIRED);
        for (Walkthrough w : library.all()) {
            assertThat(w.title()).as(w.id()).isNotBlank();
            assertThat(w.summary()).as(w.id()).isNotBlank();
            assertThat(w.steps()).as(w.id()).isNotEmpty();
            assertThat(w.steps().getFirst().hasPreset()).as("%s starts with something to run", w.id()).isTrue();
            for (Step step : w.steps()) {
                assertThat(step.text()).as("%s step %d", w.id(), step.number()).isNotBlank();
                if (step.hasPreset()) {
                    assertThat(step.runLabel()).startsWith("Run");
                }
                if (step.chart() != null) {
                    assertThat(Charts.ALL).contains(step.chart());
                }
            }
        }
    }

    @Test
    void everyShippedFileIsListedInTheIndex() throws IOException {
        Path resources = Path.of("src/main/resources/walkthroughs");
        try (Stream<Path> files = Files.list(resources)) {
            List<String> markdown = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".md")).sorted().toList();
            assertThat(shipped().all()).extracting(w -> w.id() + ".md").containsExactlyInAnyOrderElementsOf(markdown);
        }
    }

    @Test
    void theWalkthroughsCoverWhatTheIssueAsksFor() {
        WalkthroughLibrary library = shipped();
        Walkthrough backprop = library.find("backpropagation").orElseThrow();
        assertThat(backprop.steps()).extracting(Step::phase).contains(BackpropPhase.FORWARD, BackpropPhase.LOSS,
                BackpropPhase.BACKWARD, BackpropPhase.UPDATE);
        assertThat(backprop.steps().getFirst().preset().network().hiddenLayers()).containsExactly(2);
        Walkthrough dropout = library.find("dropout").orElseThrow();
        assertThat(dropout.steps()).filteredOn(Step::hasPreset).extracting(s -> s.preset().network().dropout())
                .contains(0.0, 0.5, 1.0);
        assertThat(dropout.steps()).extracting(Step::widget).contains(Widget.DROPOUT_MASK);
        for (String id : List.of("vanishing-gradients", "exploding-gradients", "dead-relu", "dropout")) {
            assertThat(library.find(id).orElseThrow().steps()).as(id).anyMatch(Step::fix);
        }
    }

    @Test
    void findReturnsEmptyForUnknownIds() {
        assertThat(shipped().find("nope")).isEmpty();
        assertThat(shipped().find(null)).isEmpty();
        assertThat(shipped().find("dead-relu")).isPresent();
    }

    @Test
    void anExtraFolderAddsWalkthroughs() throws IOException {
        Files.writeString(folder.resolve("my-lesson.md"), WalkthroughParserTest.VALID.replace("order: 4", "order: 99"));
        Files.writeString(folder.resolve("notes.txt"), "not a walkthrough");
        WalkthroughLibrary library = new WalkthroughLibrary(WalkthroughParserTest.VALIDATOR, folder);
        assertThat(library.all()).extracting(Walkthrough::id).endsWith("my-lesson").hasSize(REQUIRED.size() + 1);
        assertThat(library.find("my-lesson").orElseThrow().source()).endsWith("my-lesson.md");
    }

    @Test
    void aBrokenExtraFileStopsLoadingWithItsNameAndLine() throws IOException {
        Files.writeString(folder.resolve("broken.md"), WalkthroughParserTest.VALID.replace("lr=1\n", "lr=abc\n"));
        WalkthroughFormatException e = catchThrowableOfType(WalkthroughFormatException.class,
                () -> new WalkthroughLibrary(WalkthroughParserTest.VALIDATOR, folder));
        assertThat(e.problems()).hasSize(1);
        assertThat(e.getMessage()).contains("broken.md:9:").contains("lr");
    }

    @Test
    void anIdUsedTwiceIsAnError() throws IOException {
        Files.writeString(folder.resolve("dead-relu.md"), WalkthroughParserTest.VALID);
        WalkthroughFormatException e = catchThrowableOfType(WalkthroughFormatException.class,
                () -> new WalkthroughLibrary(WalkthroughParserTest.VALIDATOR, folder));
        assertThat(e.getMessage()).contains("walkthrough id 'dead-relu' is already used by walkthroughs/dead-relu.md");
    }

    @Test
    void aMissingExtraFolderIsAnError() {
        Path missing = folder.resolve("nowhere");
        WalkthroughFormatException e = catchThrowableOfType(WalkthroughFormatException.class,
                () -> new WalkthroughLibrary(WalkthroughParserTest.VALIDATOR, missing));
        assertThat(e.getMessage()).contains("nowhere").contains("does not exist");
    }
}
