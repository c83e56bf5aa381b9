package dev.ghillie.preview.mojo;

import dev.ghillie.preview.lifecycle.PartState;
import dev.ghillie.preview.lifecycle.WordStyle;
import org.apache.maven.shared.utils.logging.MessageBuilder;
import org.apache.maven.shared.utils.logging.MessageUtils;

/**
 * Status words in Maven's own message styles: success (green) for OK, warning (yellow), failure (red). Maven decides
 * whether they are coloured: {@code -B}, {@code --color=never} (or {@code -Dstyle.color=never}) and {@code -l} turn
 * colour off, and when the output is no terminal Jansi strips the codes from Maven's console stream; the builder then
 * writes the plain word.
 */
final class MavenWordStyle implements WordStyle {

    @Override
    public String style(PartState state, String word) {
        MessageBuilder buffer = MessageUtils.buffer();
        MessageBuilder styled = switch (state) {
            case OK -> buffer.success(word);
            case WARN -> buffer.warning(word);
            case FAIL -> buffer.failure(word);
        };
        return styled.build();
    }
}
