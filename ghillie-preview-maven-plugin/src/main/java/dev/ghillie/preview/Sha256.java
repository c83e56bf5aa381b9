package dev.ghillie.preview;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-256 for fingerprints and checksums: one place for the checked exception no JDK throws. */
public final class Sha256 {

    private Sha256() {
    }

    /** A fresh digest; every Java platform must provide SHA-256. */
    public static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
