package dev.ghillie.preview.gitops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The one YAML style of the tree: keys sorted, block style, two-space indent, quotes only where YAML
 * needs them, LF line ends, no document start marker, documents of a file joined by {@code ---}. The
 * same documents therefore always give the same bytes, whatever the machine, the locale or the order
 * in which a map was filled.
 */
final class YamlDocuments {

    private final YAMLMapper mapper = YAMLMapper.builder(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                    .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                    .stringQuotingChecker(new NumberLikeQuoting())
                    .build())
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /**
     * Quotes, besides what Jackson quotes, every string a YAML 1.1 or 1.2 reader could take for a number: hexadecimal,
     * octal, binary, exponents, dotted digits ({@code 0x1f}, {@code 1e3}, {@code 41.3.0}). Jackson's own check lets some
     * through, and kustomize then turns a cluster named {@code 1e3} into {@code 1000}.
     */
    private static final class NumberLikeQuoting extends StringQuotingChecker.Default {

        private static final Pattern NUMBER_LIKE = Pattern.compile(
                "[-+]?(\\.[0-9]|[0-9])[0-9_,:.]*([eE][-+]?[0-9]+)?|[-+]?0[xXoObB][0-9a-fA-F_]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || NUMBER_LIKE.matcher(value).matches();
        }
    }

    /** One file's text: each document in the tree's style. */
    String write(List<? extends Map<String, ?>> documents) {
        StringBuilder text = new StringBuilder();
        for (Map<String, ?> document : documents) {
            if (!text.isEmpty()) {
                text.append("---\n");
            }
            try {
                text.append(mapper.writeValueAsString(document).replace("\r\n", "\n"));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a rendered document could not be written as YAML", e);
            }
        }
        return text.toString();
    }

    /**
     * The documents of {@code text} (empty ones skipped), each a mapping.
     *
     * @throws GitOpsException naming {@code source} when the text is not YAML or a document is not a mapping
     */
    List<Map<String, Object>> read(String source, String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Object> values = mapper.readerFor(Object.class).readValues(text)) {
            while (values.hasNextValue()) {
                Object value = values.nextValue();
                if (value == null) {
                    continue;
                }
                if (!(value instanceof Map<?, ?> map)) {
                    throw new GitOpsException(
                            source + " holds a YAML document that is not a mapping (a Kubernetes object):"
                                    + " give one object per document, separated by ---");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> document = (Map<String, Object>) map;
                documents.add(document);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof GitOpsException known) {
                throw known;
            }
            throw new GitOpsException(
                    source + " is not YAML (" + firstLine(e) + "): fix the value the infrastructure module renders");
        }
        return documents;
    }

    private static String firstLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
