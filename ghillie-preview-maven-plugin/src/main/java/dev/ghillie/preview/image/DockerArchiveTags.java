package dev.ghillie.preview.image;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Sets the tags of the image in a docker-archive tar that Jib wrote. The content-derived tag needs
 * the image id, which exists only once the tar is written; Jib writes {@code manifest.json} as the
 * tar's last entry, so only that small tail is rewritten instead of copying the whole archive.
 */
final class DockerArchiveTags {

    private static final int BLOCK = 512;
    private static final String MANIFEST = "manifest.json";
    private static final Pattern REPO_TAGS = Pattern.compile("\"RepoTags\"\\s*:\\s*\\[[^\\]]*\\]");

    void retag(Path tar, List<String> repoTags) throws IOException {
        try (FileChannel channel = FileChannel.open(tar, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long offset = 0;
            long manifestOffset = -1;
            ByteBuffer manifestHeader = null;
            byte[] manifest = null;
            while (true) {
                ByteBuffer header = read(channel, offset, BLOCK);
                if (isZero(header)) {
                    break;
                }
                long size = octal(header, 124, 12);
                if (manifestOffset >= 0) {
                    throw new IOException(MANIFEST + " is not the last entry of " + tar);
                }
                if (name(header).equals(MANIFEST)) {
                    manifestOffset = offset;
                    manifestHeader = header;
                    manifest =
                            read(channel, offset + BLOCK, Math.toIntExact(size)).array();
                }
                offset += BLOCK + padded(size);
            }
            if (manifestOffset < 0) {
                throw new IOException("no " + MANIFEST + " in " + tar);
            }
            byte[] updated = withRepoTags(new String(manifest, StandardCharsets.UTF_8), repoTags)
                    .getBytes(StandardCharsets.UTF_8);
            writeOctal(manifestHeader, 124, 12, updated.length);
            writeChecksum(manifestHeader);
            ByteBuffer tail = ByteBuffer.allocate(Math.toIntExact(BLOCK + padded(updated.length) + 2L * BLOCK));
            tail.put(manifestHeader.array()).put(updated).rewind();
            channel.truncate(manifestOffset);
            channel.write(tail, manifestOffset);
        }
    }

    private static String withRepoTags(String manifest, List<String> repoTags) throws IOException {
        Matcher matcher = REPO_TAGS.matcher(manifest);
        if (!matcher.find()) {
            throw new IOException("no RepoTags in " + MANIFEST);
        }
        String tags = repoTags.stream().map(t -> '"' + t + '"').collect(Collectors.joining(",", "\"RepoTags\":[", "]"));
        return manifest.substring(0, matcher.start()) + tags + manifest.substring(matcher.end());
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("tar ends early at byte " + (position + buffer.position()));
            }
        }
        return buffer;
    }

    private static boolean isZero(ByteBuffer block) {
        for (byte b : block.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String name(ByteBuffer header) {
        byte[] bytes = header.array();
        int end = 0;
        while (end < 100 && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    private static long octal(ByteBuffer header, int start, int length) {
        String text = new String(header.array(), start, length, StandardCharsets.US_ASCII)
                .replace('\0', ' ')
                .strip();
        return text.isEmpty() ? 0 : Long.parseLong(text, 8);
    }

    private static void writeOctal(ByteBuffer header, int start, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        byte[] bytes = header.array();
        System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, bytes, start, length - 1);
        bytes[start + length - 1] = 0;
    }

    private static void writeChecksum(ByteBuffer header) {
        byte[] bytes = header.array();
        Arrays.fill(bytes, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : bytes) {
            sum += b & 0xff;
        }
        byte[] digits = String.format("%06o", sum).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(digits, 0, bytes, 148, 6);
        bytes[154] = 0;
        bytes[155] = ' ';
    }

    private static long padded(long size) {
        return (size + BLOCK - 1) / BLOCK * BLOCK;
    }
}
