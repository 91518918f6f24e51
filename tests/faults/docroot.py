"""The PHP scripts the fault checks run, written into the docroot of each run.

ok.php answers "OK <pid> <id> <HOSTID>" (tests/faults/load.py checks each
reply against its own id); the others misbehave in one way each, or dump
what a request can see (isolation).
"""
import os

SCRIPTS = {
    "ok.php": r"""<?php
usleep(isset($_GET['us']) ? (int) $_GET['us'] : 20000);
echo "OK ", getmypid(), " ", isset($_GET['id']) ? $_GET['id'] : '-', " ", getenv('HOSTID') ?: '-', "\n";
""",
    "sleep.php": r"""<?php
$t = microtime(true);
sleep(1);
echo "OK ", getmypid(), " ", $_GET['id'], " ", sprintf('%.3f', $t), "\n";
""",
    "forever.php": r"""<?php
function spin_forever() { $i = 0; while (1) { $i++; } }
spin_forever();
""",
    "memory.php": r"""<?php
$a = [];
while (1) { $a[] = str_repeat('x', 1 << 20); }
""",
    "fatal.php": r"""<?php
this_function_does_not_exist();
""",
    "shutdown_exit.php": r"""<?php
register_shutdown_function(function () { echo "in-shutdown\n"; exit(3); echo "never\n"; });
echo "main\n";
""",
    "segv.php": r"""<?php
posix_kill(getmypid(), 11);
echo "survived\n";
""",
    "big.php": r"""<?php
$chunk = str_repeat('x', 65536);
for ($i = 0; $i < 800; $i++) { echo $chunk; }
""",
    "post.php": r"""<?php
$e = error_get_last();
$files = [];
foreach ($_FILES as $k => $f) { $files[$k] = $f['error']; }
echo json_encode(['post' => count($_POST), 'files' => $files,
	'input' => strlen(file_get_contents('php://input')),
	'error' => $e ? $e['message'] : null]), "\n";
""",
    "dump.php": r"""<?php
echo "SERVER ", var_export($_SERVER, true), "\n";
echo "GETENV ", var_export(getenv(), true), "\n";
echo "INPUT ", var_export(file_get_contents('php://input'), true), "\n";
echo "POST ", var_export($_POST, true), "\n";
echo "GET ", var_export($_GET, true), "\n";
echo "COOKIE ", var_export($_COOKIE, true), "\n";
echo "FILES ", var_export($_FILES, true), "\n";
echo "PUTENV ", var_export(getenv('LEAKED_PUTENV'), true), "\n";
echo "HEADERS ", var_export(headers_list(), true), "\n";
echo "PID ", getmypid(), "\n";
""",
    "secret.php": r"""<?php
putenv("LEAKED_PUTENV=putenv-secret-41d7");
$_SERVER['LEAKED_SERVER'] = 'server-secret-8e2a';
header('X-Leak: header-secret-55b1');
setcookie('leak', 'cookie-secret-0f9e');
echo "A ", getmypid(), " ", file_get_contents('php://input'), "\n";
""",
}


def write(docroot, tmp):
    """The docroot (readable by the workers' user) and a world-writable
    temp dir for uploads."""
    os.makedirs(docroot, exist_ok=True)
    os.makedirs(tmp, exist_ok=True)
    os.chmod(tmp, 0o1777)
    os.chmod(docroot, 0o755)
    for name, text in SCRIPTS.items():
        path = os.path.join(docroot, name)
        with open(path, "w") as f:
            f.write(text)
        os.chmod(path, 0o644)
