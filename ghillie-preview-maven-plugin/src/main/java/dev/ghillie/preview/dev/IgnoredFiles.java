package dev.ghillie.preview.dev;

import java.nio.file.Path;
import java.util.List;

/**
 * Files a save leaves behind that are never an input: editors' backups and swap files, and the files they write
 * first and rename over the real one. Without this, one save in vim would be three changes.
 */
final class IgnoredFiles {

    private IgnoredFiles() {}

    /**
     * {@code *~} (Emacs, gedit backups), {@code .#*} (Emacs lock links), {@code *.swp}/{@code *.swx}/{@code *.swo} (vim
     * swap), {@code 4913} (the file vim creates to test that it may write in the directory), {@code *.tmp}, and
     * {@code *___jb_tmp___}/{@code *___jb_old___} (IntelliJ's safe write).
     */
    static boolean isEditorTemporary(Path file) {
        String name = file.getFileName().toString();
        return name.endsWith("~")
                || name.startsWith(".#")
                || name.equals("4913")
                || name.endsWith(".tmp")
                || name.endsWith("___jb_tmp___")
                || name.endsWith("___jb_old___")
                || List.of(".swp", ".swx", ".swo").stream().anyMatch(name::endsWith);
    }
}
