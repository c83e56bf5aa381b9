def log = new File(basedir, 'build.log').text
assert log.contains('[1/10] preflight … failed after')
assert log.contains('Docker daemon is not answering')
assert log.contains('systemctl start docker')
// One line for the user: no stack trace of ours in the log.
assert !(log =~ /at dev\.ghillie\./)
def calls = new File(basedir, 'target/fake-k3d/calls.log')
assert calls.exists()
assert !calls.text.contains('k3d cluster create')
