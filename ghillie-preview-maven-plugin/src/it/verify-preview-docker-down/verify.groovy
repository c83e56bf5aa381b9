def log = new File(basedir, 'build.log').text
assert log.findAll(/Compiling 1 source file/).size() == 1
assert log.contains('--- jar:')
// up ran where the profile binds it, after package, and did not build the module again.
assert log =~ /--- preview:[^ ]+:up \(preview-up\) @ service ---/
assert log.indexOf('--- jar:') < log.indexOf('(preview-up) @ service')
assert !log.contains('up to package, without tests')
assert log.contains('[1/10] preflight … failed after')
assert log.contains('Docker daemon is not answering')
assert !(log =~ /at dev\.ghillie\./)
def calls = new File(basedir, 'target/fake-k3d/calls.log')
assert !calls.exists() || !calls.text.contains('k3d cluster create')
