package dev.ghillie.preview.image;

import java.util.Locale;
import java.util.Set;

/**
 * One platform an image is built for, {@code os/architecture}, in the words OCI image indexes and Kubernetes'
 * {@code kubernetes.io/arch} label use ({@code linux/amd64}, {@code linux/arm64}).
 */
public record ImagePlatform(String os, String architecture) {

    /**
     * What a setting may name: Linux architectures that an image index tells apart without a variant (Jib selects
     * by os and architecture only, so {@code arm} with its v6/v7 variants is left out).
     */
    static final Set<String> ARCHITECTURES = Set.of("amd64", "arm64", "ppc64le", "s390x", "riscv64");

    public static ImagePlatform linux(String architecture) {
        return new ImagePlatform("linux", architecture);
    }

    /** The platform of the machine whose JVM reports {@code osArch} ({@code os.arch}): its containers run Linux. */
    public static ImagePlatform ofMachine(String osArch) {
        return linux(architectureOf(osArch));
    }

    /** Java's {@code os.arch} in an image's words: {@code x86_64}/{@code amd64} → amd64, {@code aarch64}/{@code arm64} → arm64. */
    public static String architectureOf(String osArch) {
        String arch = osArch.toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> arch;
        };
    }

    @Override
    public String toString() {
        return os + "/" + architecture;
    }
}
