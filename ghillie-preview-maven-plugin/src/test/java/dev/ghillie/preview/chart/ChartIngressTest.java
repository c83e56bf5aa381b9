package dev.ghillie.preview.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartIngressTest {

    @Test
    void noIngressUnlessEnabled() {
        assertThat(ChartUnderTest.renderDefaults().find(Ingress.class)).isEmpty();
    }

    /** k3d's Traefik is reached as 127.0.0.1: only a rule without a host matches. */
    @Test
    void noHostsMeansOneHostlessRule() {
        Ingress ingress = ChartUnderTest.render(template -> template.set("ingress.enabled", true))
                .one(Ingress.class);

        assertThat(ingress.getSpec().getIngressClassName()).isNull();
        assertThat(ingress.getSpec().getTls()).isNullOrEmpty();
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> {
            assertThat(rule.getHost()).isNull();
            assertRoutesToTheService(rule, "/", "Prefix");
        });
    }

    @Test
    void eachHostGetsARuleAndTlsIsPassedThrough() {
        Ingress ingress = ChartUnderTest.render(template -> template.set("ingress.enabled", true)
                        .set("ingress.className", "nginx")
                        .set("ingress.path", "/api")
                        .set("ingress.pathType", "ImplementationSpecific")
                        .set("ingress.annotations.cert-manager\\.io/cluster-issuer", "letsencrypt")
                        .set("ingress.hosts[0]", "a.preview.example.com")
                        .set("ingress.hosts[1]", "b.preview.example.com")
                        .set("ingress.tls[0].secretName", "preview-tls")
                        .set("ingress.tls[0].hosts[0]", "a.preview.example.com")
                        .set("ingress.tls[0].hosts[1]", "b.preview.example.com"))
                .one(Ingress.class);

        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getMetadata().getAnnotations())
                .isEqualTo(Map.of("cert-manager.io/cluster-issuer", "letsencrypt"));
        assertThat(ingress.getSpec().getRules())
                .extracting(IngressRule::getHost)
                .containsExactly("a.preview.example.com", "b.preview.example.com");
        assertThat(ingress.getSpec().getRules())
                .allSatisfy(rule -> assertRoutesToTheService(rule, "/api", "ImplementationSpecific"));
        assertThat(ingress.getSpec().getTls()).singleElement().satisfies(tls -> {
            assertThat(tls.getSecretName()).isEqualTo("preview-tls");
            assertThat(tls.getHosts()).containsExactly("a.preview.example.com", "b.preview.example.com");
        });
    }

    @Test
    void gitopsExampleHasHostAndTls() {
        Ingress ingress =
                ChartUnderTest.renderWith("values-gitops-example.yaml").one(Ingress.class);

        assertThat(ingress.getSpec().getRules())
                .singleElement()
                .satisfies(rule -> assertThat(rule.getHost()).isEqualTo("pr-42.preview.example.com"));
        assertThat(ingress.getSpec().getTls())
                .extracting(IngressTLS::getSecretName)
                .containsExactly("ghillie-pr-42-tls");
    }

    private static void assertRoutesToTheService(IngressRule rule, String path, String pathType) {
        assertThat(rule.getHttp().getPaths()).singleElement().satisfies((HTTPIngressPath route) -> {
            assertThat(route.getPath()).isEqualTo(path);
            assertThat(route.getPathType()).isEqualTo(pathType);
            assertThat(route.getBackend().getService().getName()).isEqualTo("ghillie");
            assertThat(route.getBackend().getService().getPort().getName()).isEqualTo("http");
        });
    }
}
