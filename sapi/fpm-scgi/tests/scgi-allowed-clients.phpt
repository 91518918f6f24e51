--TEST--
FPM-SCGI: listen.allowed_clients drops other addresses with FPM's "Connection disallowed" line
--SKIPIF--
<?php
include "skipif.inc";
/* the test connects from other loopback addresses */
if (!@stream_socket_server('tcp://127.0.0.2:0')) die('skip cannot use 127.0.0.2 as a source address');
?>
--FILE--
<?php

require_once "tester.inc";

/* catch_workers_output: the worker's zlog line reaches the master's log */
$cfg = <<<EOT
[global]
error_log = {{FILE:LOG}}
[unconfined]
listen = {{ADDR:IPv4:ANY}}
listen.allowed_clients = 127.0.0.2
pm = static
pm.max_children = 1
catch_workers_output = yes
EOT;

$tester = new FPM\Tester($cfg, '<?php echo "served ", $_SERVER["REMOTE_ADDR"];');
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

/* $from: the source address of the connection */
function request_from($tester, $src, $from, $claim = null)
{
    $context = stream_context_create(['socket' => ['bindto' => "$from:0"]]);
    $sock = @stream_socket_client('tcp://127.0.0.1:' . $tester->getPort(), $errno, $errstr, 5,
        STREAM_CLIENT_CONNECT, $context);
    if (!$sock) {
        return "connect failed: $errstr";
    }
    stream_set_timeout($sock, 5);
    /* REMOTE_ADDR is what the web server says; the peer is what counts */
    fwrite($sock, FPM\SCGI\Client::encode(FPM\SCGI\params($src, ['REMOTE_ADDR' => $claim ?? $from])));
    $response = stream_get_contents($sock);
    fclose($sock);
    return $response === '' ? 'closed without a reply' : (new FPM\SCGI\Reply($response))->body;
}

echo '127.0.0.1: ', request_from($tester, $src, '127.0.0.1'), "\n";
echo FPM\SCGI\find_log_line($tester, "/Connection disallowed: IP address '127\.0\.0\.1' has been dropped\./") ? 'logged' : 'not logged', "\n";
echo '127.0.0.2: ', request_from($tester, $src, '127.0.0.2'), "\n";
/* a client that claims to be allowed in REMOTE_ADDR is still dropped */
echo '127.0.0.3 saying 127.0.0.2: ', request_from($tester, $src, '127.0.0.3', '127.0.0.2') === 'closed without a reply' ? 'dropped' : 'served', "\n";
echo FPM\SCGI\find_log_line($tester, "/Connection disallowed: IP address '127\.0\.0\.3' has been dropped\./") ? 'logged' : 'not logged', "\n";

$tester->terminate();
$tester->close();

?>
Done
--EXPECT--
127.0.0.1: closed without a reply
logged
127.0.0.2: served 127.0.0.2
127.0.0.3 saying 127.0.0.2: dropped
logged
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
