package dev.ghillie.preview.platform;

import java.nio.charset.StandardCharsets;

/**
 * {@code VALKEY_URL} as both Valkey operators' Secrets are turned into it:
 * {@code redis://:<password>@<service>.<namespace>:<port>}, the in-cluster name as CloudNativePG's
 * {@code uri} has it.
 *
 * <p>The password is percent-encoded per RFC 3986: every byte of its UTF-8 form outside the
 * unreserved set ({@code A-Z a-z 0-9 - . _ ~}) becomes {@code %XX}. Not {@code URLEncoder}, which
 * form-encodes a space as {@code +}: the runtime decodes the URL as RFC 3986, where {@code +} is a
 * plus sign. Encoding the sub-delimiters too, though RFC 3986 allows them in user-info, keeps a
 * {@code +} or {@code :} out of reach of any reader's guesswork.
 */
final class ValkeyUrl {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private ValkeyUrl() {}

    static String of(String service, String namespace, int port, String password) {
        return "redis://:" + userInfoEncoded(password) + "@" + service + "." + namespace + ":" + port;
    }

    static String userInfoEncoded(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z')
                    || (c >= 'a' && c <= 'z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return encoded.toString();
    }
}
