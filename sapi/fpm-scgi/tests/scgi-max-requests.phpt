--TEST--
FPM-SCGI: pm.max_requests recycles the worker; the last response before it goes is whole
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
pm.max_requests = 3
EOT;

$tester = new FPM\Tester($cfg, '<?php echo getmypid(), " ", str_repeat("z", 300000), " end";');
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$pids = [];
$whole = true;
for ($i = 0; $i < 7; $i++) {
    $reply = FPM\SCGI\request($tester, FPM\SCGI\params($src));
    list($pid, $body, $end) = explode(' ', $reply->body) + [null, null, null];
    $whole = $whole && strlen($body) === 300000 && $end === 'end';
    $pids[] = $pid;
}
FPM\SCGI\check('every response whole', $whole);
$groups = array_values(array_count_values($pids));
echo 'requests per worker: ', implode(',', $groups), "\n";

$tester->terminate();
$tester->close();

?>
Done
--EXPECT--
every response whole: ok
requests per worker: 3,3,1
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
