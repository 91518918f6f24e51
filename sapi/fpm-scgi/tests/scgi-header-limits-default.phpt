--TEST--
FPM-SCGI: default header limits (64 KiB, 512 pairs) and a header larger than the first buffer
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
EOT;

$code = <<<'EOT'
<?php
$in = file_get_contents('php://input');
echo count($_SERVER), ' ', strlen($_SERVER['HTTP_X_BIG'] ?? ''), ' ', md5($_SERVER['HTTP_X_BIG'] ?? ''), ' ', strlen($in), ' ', md5($in);
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$log = new FPM\SCGI\LogWatch(__FILE__);

$big = '';
for ($i = 0; strlen($big) < 60000; $i++) {
    $big .= md5($i);
}
$body = str_repeat('B', 30000);
/* 60 KB of header with a body behind it: the buffer grows, the body stays */
$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, ['HTTP_X_BIG' => $big, 'REQUEST_METHOD' => 'PUT']), $body);
$parts = explode(' ', $reply->body);
FPM\SCGI\check('60 KB header', $reply->status === 200 && $parts[1] == strlen($big) && $parts[2] === md5($big)
    && $parts[3] == strlen($body) && $parts[4] === md5($body), $reply->raw);

$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, ['HTTP_X_BIG' => str_repeat('x', 70000)]));
FPM\SCGI\check('70 KB header refused', $reply->status === 400, $reply->raw);

$many = function ($n) use ($src) {
    $params = ['SCRIPT_FILENAME' => $src, 'REQUEST_METHOD' => 'GET'];
    for ($i = 4; $i < $n; $i++) {
        $params["HTTP_X_$i"] = '1';
    }
    return $params;
};
$reply = FPM\SCGI\request($tester, $many(512));
FPM\SCGI\check('512 pairs', $reply->status === 200 && (int) $reply->body >= 508, $reply->raw);
$reply = FPM\SCGI\request($tester, $many(513));
FPM\SCGI\check('513 pairs refused', $reply->status === 400, $reply->raw);

foreach ($log->scgi_warnings(1000) as $line) {
    echo substr($line, strrpos($line, ': ') + 2), "\n";
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
60 KB header: ok
70 KB header refused: ok
512 pairs: ok
513 pairs refused: ok
header is larger than the limit
more header pairs than the limit
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
