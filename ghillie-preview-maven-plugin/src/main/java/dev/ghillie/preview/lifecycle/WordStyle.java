package dev.ghillie.preview.lifecycle;

/**
 * How the status table shows a state word. The engine knows no terminal: the goal passes its build tool's styling
 * (colour when the build tool has it on), and everything else gets {@link #PLAIN}.
 */
@FunctionalInterface
public interface WordStyle {

    WordStyle PLAIN = (state, word) -> word;

    /** The word as it is to be printed; the table pads it by the word's own length. */
    String style(PartState state, String word);
}
