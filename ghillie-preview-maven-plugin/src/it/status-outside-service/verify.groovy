def log = new File(basedir, 'build.log').text
assert log.contains('BUILD SUCCESS')
assert !new File(basedir, 'target/fake-k3d/calls.log').exists()
