import groovy.json.JsonSlurper

def log = new File(basedir, 'build.log').text
// No chart in the project: up deploys the one the plugin carries, extracted under target/.
assert log.contains("Chart: the plugin's own ghillie chart (no charts/ghillie in")
def chart = new File(basedir, 'target/ghillie-preview/chart/ghillie')
assert new File(chart, 'Chart.yaml').text.contains('name: ghillie')
assert new File(chart, 'templates/deployment.yaml').text.contains('.Values.portVariable')
// No data services: eight steps, no postgresql or valkey.
assert log =~ /\[1\/8\] preflight … done in/
assert log =~ /\[\d\/8\] cluster … done in .*\(created, ingress http:\/\/127\.0\.0\.1:\d+\)/
assert log =~ /\[\d\/8\] image build … done in .*plain-service:2\.3-[0-9a-f]{12} built for linux\/\w+\)/
assert !log.contains('postgresql …') && !log.contains('valkey …')
assert new File(basedir, 'target/fake-k3d/calls.log').text.contains('k3d cluster create ghillie-local')

// The image is the service's: its own port exposed, and no port variable (it reads none).
def config = new ProcessBuilder('tar', '-xOf', new File(basedir, 'target/ghillie-preview/image.tar').path, 'config.json')
        .redirectErrorStream(true).start().inputStream.text
def container = new JsonSlurper().parseText(config).config
assert container.ExposedPorts.keySet() == ['9090/tcp'] as Set
assert !(container.Env ?: []).any { it.contains('PORT') }
assert container.Entrypoint.last() == 'org.example.plain.PlainService'
// The fake cluster has no API server: up can go no further than loading the image (the e2e tier goes to the end).
// Its kubeconfig's certificates are fakes: that failure is the goal's one line, not Maven's internal-error block.
assert log.contains('cannot be used (') && log.contains("regenerate it with 'k3d kubeconfig write")
assert !log.contains('Execution default-cli') && !log.contains('PluginExecutionException')
return true
