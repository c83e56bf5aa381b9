// The shared base image; itSources is set in the plugin's POM (invoker scriptVariables).
evaluate(new File(itSources, 'base-image.groovy'))
// The fake cluster has no API server to ask for its nodes' architecture (up builds for the nodes'): name this
// machine's, as a user would with -Dghillie.preview.platforms. The e2e tier's copy of the sample asks the real nodes.
def arch = [x86_64: 'amd64', aarch64: 'arm64'].getOrDefault(System.getProperty('os.arch'), System.getProperty('os.arch'))
def mvnDir = new File(basedir, '.mvn'); mvnDir.mkdirs()
new File(mvnDir, 'maven.config').text = '-Dghillie.preview.platforms=linux/' + arch + '\n'
return true
