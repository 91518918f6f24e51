--TEST--
FPM-SCGI: request_slowlog_timeout writes a backtrace of the slow SCGI request
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
request_slowlog_timeout = 1s
slowlog = {{FILE:LOG:SLOW}}
EOT;

$code = <<<'EOT'
<?php
function scgi_slow_function() {
    usleep(2000000);
}
scgi_slow_function();
echo "done";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src));
echo $reply->body, "\n";
echo FPM\SCGI\find_log_line($tester, '/WARNING: \[pool unconfined\] child \d+, script \'.*\' \(request: "GET \/scgi-slowlog\.src\.php"\) executing too slow \(\d+\.\d+ sec\), logging/')
    ? "slow request logged\n" : "slow request not logged\n";
usleep(100000);
$slow = (string) @file_get_contents(substr(__FILE__, 0, -3) . 'slow.log');
echo strpos($slow, "script_filename = $src") !== false ? "script in slowlog\n" : "script not in slowlog:\n$slow\n";
echo preg_match('/\] usleep\(\) .*\n.*\] scgi_slow_function\(\) /', $slow) ? "backtrace in slowlog\n" : "no backtrace:\n$slow\n";

$tester->terminate();
$tester->close();

?>
Done
--EXPECT--
done
slow request logged
script in slowlog
backtrace in slowlog
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
