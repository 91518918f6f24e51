--TEST--
FPM-SCGI: request_terminate_timeout ends a script that runs forever; the client sees the end
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
request_terminate_timeout = 1s
EOT;

$code = <<<'EOT'
<?php
echo getmypid(), "\n";
flush();
if ($_SERVER['QUERY_STRING'] === 'forever') {
    while (true) {
        usleep(10000);
    }
}
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$start = microtime(true);
$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, ['QUERY_STRING' => 'forever']), '', 6000);
$elapsed = microtime(true) - $start;
$pid = trim($reply->body);
FPM\SCGI\check('the connection ended after the timeout', $elapsed > 0.9 && $elapsed < 4, sprintf('%.2fs', $elapsed));
echo FPM\SCGI\find_log_line($tester, "/WARNING: \[pool unconfined\] child $pid, script '.*' \(request: \"GET \/.*\"\) execution timed out \(\d+\.\d+ sec\), terminating$/")
    ? "terminating logged\n" : "terminating not logged\n";
echo FPM\SCGI\find_log_line($tester, "/WARNING: \[pool unconfined\] child $pid exited on signal 15 \(SIGTERM\)/") ? "exit logged\n" : "exit not logged\n";
$next = FPM\SCGI\request($tester, FPM\SCGI\params($src));
FPM\SCGI\check('a new worker serves the next request', $next->status === 200 && trim($next->body) !== $pid && (int) $next->body > 0, $next->raw);

$tester->terminate();
$tester->close();

?>
Done
--EXPECT--
the connection ended after the timeout: ok
terminating logged
exit logged
a new worker serves the next request: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
