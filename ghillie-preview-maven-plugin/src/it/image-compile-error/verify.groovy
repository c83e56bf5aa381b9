def log = new File(basedir, 'build.log').text
assert log.contains('COMPILATION ERROR')
assert log =~ /Building service failed in org\.apache\.maven\.plugins:maven-compiler-plugin:[^ ]+:compile \(default-compile\): Compilation failure \(the plugin's own errors are above\); fix it and run the goal again/
assert !(log =~ /at dev\.ghillie\./)
assert !new File(basedir, 'target/ghillie-preview/image.tar').exists()
assert !new File(basedir, 'target/ghillie-preview/build-inputs.sha256').exists()
