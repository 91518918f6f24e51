--TEST--
FPM-SCGI: scgi.header_timeout cuts off a client that sends a byte a second (408)
--SKIPIF--
<?php include "skipif.inc"; ?>
--FILE--
<?php

require_once "tester.inc";

$cfg = <<<EOT
[global]
error_log = {{FILE:LOG}}
[unconfined]
listen = {{ADDR}}
pm = static
pm.max_children = 1
scgi.header_timeout = 2s
EOT;

$code = '<?php echo getmypid();';

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$log = new FPM\SCGI\LogWatch(__FILE__);
$pid = FPM\SCGI\request($tester, FPM\SCGI\params($src))->body;

/* Slowloris: one byte of a valid request every second.  Each byte arrives
 * well within the timeout; the header as a whole does not. */
$request = FPM\SCGI\Client::encode(FPM\SCGI\params($src));
$sock = FPM\SCGI\client($tester)->connect();
$start = microtime(true);
$response = '';
for ($i = 0; $i < strlen($request) && microtime(true) - $start < 8; $i++) {
    if (@fwrite($sock, $request[$i]) !== 1) {
        break;
    }
    $r = [$sock]; $w = $e = null;
    if (stream_select($r, $w, $e, 1)) {
        $response = stream_get_contents($sock);
        break;
    }
}
fclose($sock);
$elapsed = microtime(true) - $start;
$reply = new FPM\SCGI\Reply($response);
echo "slow client: ", $reply->status, ' ', trim($reply->body), "\n";
FPM\SCGI\check('cut off after the timeout', $elapsed > 1.5 && $elapsed < 4, sprintf('%.2fs, %d bytes sent', $elapsed, $i));

/* a client that connects and says nothing */
$start = microtime(true);
$silent = FPM\SCGI\raw($tester, '', false, 5000);
echo "silent client: ", $silent->status, ' ', trim($silent->body), "\n";
FPM\SCGI\check('silent cut off after the timeout', microtime(true) - $start > 1.5 && microtime(true) - $start < 4,
    sprintf('%.2fs', microtime(true) - $start));

foreach ($log->scgi_warnings(1000) as $line) {
    echo substr($line, strrpos($line, ': ') + 2), "\n";
}
$next = FPM\SCGI\request($tester, FPM\SCGI\params($src));
FPM\SCGI\check('same worker serves the next request', $next->status === 200 && $next->body === $pid, $next->raw);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
slow client: 408 Request Timeout
cut off after the timeout: ok
silent client: 408 Request Timeout
silent cut off after the timeout: ok
timed out reading the SCGI header
timed out reading the SCGI header
same worker serves the next request: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
