package dev.ghillie.preview.mojo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ghillie.preview.lifecycle.PartState;
import dev.ghillie.preview.lifecycle.StatusPart;
import dev.ghillie.preview.lifecycle.StatusReport;
import java.util.List;
import org.apache.maven.shared.utils.logging.MessageUtils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The status words through Maven's own styling, switched as Maven's command line switches it: MavenCli calls
 * {@code MessageUtils.setColorEnabled(false)} for {@code -B}, {@code -l} and {@code --color=never}, and
 * {@code setColorEnabled(true)} for {@code --color=always}. Jansi (test scope here; Maven's lib at run time) is what
 * MessageUtils styles through.
 */
@ResourceLock("maven-message-colour")
class MavenWordStyleTest {

    private static final String ESC = "\u001B[";
    private boolean colourBefore;

    private final StatusReport report = new StatusReport(List.of(
            new StatusPart(
                    "cluster", "ghillie-local", PartState.OK, "running", "k3d, context k3d-ghillie-local, 1 node(s)"),
            new StatusPart("pod", "ghillie-7b9f55bd6b-p7w5f", PartState.WARN, "not ready", "0/1 Running"),
            new StatusPart("secret", "ghillie", PartState.FAIL, "missing", "no Secret ghillie in namespace ghillie")));

    @BeforeEach
    void remember() {
        colourBefore = MessageUtils.isColorEnabled();
    }

    @AfterEach
    void restore() {
        MessageUtils.setColorEnabled(colourBefore);
    }

    @Test
    void underBatchModeTheTableIsPlain() {
        MessageUtils.setColorEnabled(false);

        List<String> lines = report.lines(new MavenWordStyle());

        assertThat(String.join("\n", lines)).doesNotContain(ESC);
        assertThat(lines).isEqualTo(report.lines(dev.ghillie.preview.lifecycle.WordStyle.PLAIN));
    }

    @Test
    void withColourOnTheStateWordsAreGreenYellowAndRedAndNothingElseIsStyled() {
        MessageUtils.setColorEnabled(true);

        List<String> lines = report.lines(new MavenWordStyle());

        // Maven's styles: success = bold green (32), warning = bold yellow (33), failure = bold red (31).
        assertThat(lines.get(0)).contains(ESC).contains("32mrunning").startsWith("cluster    ghillie-local ");
        assertThat(lines.get(1)).contains("33mnot ready");
        assertThat(lines.get(2)).contains("31mmissing");
        assertThat(lines.getLast()).startsWith("overall").contains("31mNOT healthy");
        // Stripped of its codes, the coloured table is the plain one: the padding ignores the styling.
        assertThat(lines.stream().map(MessageUtils::stripAnsiCodes).toList())
                .isEqualTo(report.lines(dev.ghillie.preview.lifecycle.WordStyle.PLAIN));
    }
}
