def log = new File(basedir, 'build.log').text
assert log.contains('building: compiler:compile (default-compile)')
assert log.contains('building: jar:jar (default-jar)')
assert log.findAll(/built service \(\d+ plugin goals up to package, no tests\)/).size() == 1
assert log.contains('build of service skipped: nothing changed since the last one')
assert new File(basedir, 'target/ghillie-preview/build-inputs.sha256').isFile()
assert !log.contains('testCompile')
assert new File(basedir, 'target/classes/dev/example/Main.class').isFile()
assert new File(basedir, 'target/classes/app.properties').isFile()
assert new File(basedir, 'target/service-1.0.jar').isFile()
assert !new File(basedir, 'target/test-classes').exists()
// The image holds the classes just compiled: Jib found them in target/classes.
def image = new File(basedir, 'target/ghillie-preview/image.json')
assert image.isFile()
assert new File(basedir, 'target/ghillie-preview/image.tar').isFile()
