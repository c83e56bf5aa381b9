def log = new File(basedir, 'build.log').text
// The multithreaded builder was in use, so Maven's per-project lock was too.
assert log.contains('Using the MultiThreadedBuilder implementation with a thread count of 2')
assert !log.contains('is already being executed')
assert log.contains('building service up to package, without tests')
assert log.findAll(/--- compiler:[^ ]+:compile \(default-compile\) @ service ---/).size() == 1
assert log.findAll(/built service \(\d+ plugin goals up to package, no tests\)/).size() == 1
assert new File(basedir, 'target/classes/dev/example/Main.class').isFile()
assert new File(basedir, 'target/ghillie-preview/image.json').isFile()
assert new File(basedir, 'target/ghillie-preview/image.tar').isFile()
