// A minimal docker-archive base image (one layer holding /base.txt) at ${basedir}/base.tar, so the samples'
// images build offline. Run by the prebuild.groovy of each sample that builds an image.
def dir = new File(basedir, 'base'); dir.mkdirs()
def content = new File(dir, 'content'); content.mkdirs()
new File(content, 'base.txt').text = 'base\n'
def run = { List<String> command -> assert new ProcessBuilder(command).inheritIO().start().waitFor() == 0 }
run(['tar', '-cf', new File(dir, 'layer.tar').path, '-C', content.path, 'base.txt'])
def sha = java.security.MessageDigest.getInstance('SHA-256').digest(new File(dir, 'layer.tar').bytes).encodeHex().toString()
// This machine's architecture: the plugin builds for it when nothing names another, and refuses a base without it.
def arch = [x86_64: 'amd64', aarch64: 'arm64'].getOrDefault(System.getProperty('os.arch'), System.getProperty('os.arch'))
new File(dir, 'config.json').text = '{"architecture":"' + arch + '","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":["sha256:' + sha + '"]}}'
new File(dir, 'manifest.json').text = '[{"Config":"config.json","RepoTags":["base:latest"],"Layers":["layer.tar"]}]'
run(['tar', '-cf', new File(basedir, 'base.tar').path, '-C', dir.path, 'manifest.json', 'config.json', 'layer.tar'])
return true
