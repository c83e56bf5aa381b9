def log = new File(basedir, 'build.log').text
assert log.contains('building service up to package, without tests')
// Maven's own executor ran the goals: its usual lines, once each (the second run skips the build).
assert log.findAll(/--- compiler:[^ ]+:compile \(default-compile\) @ service ---/).size() == 1
assert log.findAll(/--- jar:[^ ]+:jar \(default-jar\) @ service ---/).size() == 1
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
