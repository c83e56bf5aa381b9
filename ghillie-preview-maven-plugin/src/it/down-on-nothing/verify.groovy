def log = new File(basedir, 'build.log').text
assert log.contains('cluster ghillie-local does not exist: nothing to remove')
assert log.contains('BUILD SUCCESS')
assert new File(basedir, 'target/fake-k3d/calls.log').text.contains('k3d cluster list ghillie-local -o json')
