def log = new File(basedir, 'build.log').text
// The lifecycle compiled once; neither preview:image ran a build of its own.
assert log.findAll(/Compiling 1 source file/).size() == 1
assert !log.contains('up to package, without tests')
assert !(log =~ /built service \(/)
// Both executions built the image (the second reuses Jib's caches).
assert log.findAll(/--- \S*image \(/).size() == 2
assert new File(basedir, 'target/ghillie-preview/image.tar').isFile()
