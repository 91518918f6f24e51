--TEST--
FPM-SCGI: scgi.max_header_pairs refuses one pair too many
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
scgi.max_header_pairs = 16
EOT;

$code = <<<'EOT'
<?php
echo getmypid(), ' ', count(preg_grep('/^HTTP_X_N\d+$/', array_keys($_SERVER)));
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$log = new FPM\SCGI\LogWatch(__FILE__);

/* CONTENT_LENGTH, SCGI, SCRIPT_FILENAME and REQUEST_METHOD, then HTTP_X_N* up to $total pairs */
function request_with_pairs($tester, $src, $total)
{
    $params = ['SCRIPT_FILENAME' => $src, 'REQUEST_METHOD' => 'GET'];
    for ($i = 4; $i < $total; $i++) {
        $params["HTTP_X_N$i"] = "v$i";
    }
    return FPM\SCGI\request($tester, $params);
}

$pid = null;
foreach ([16, 17, 100, 15] as $total) {
    $reply = request_with_pairs($tester, $src, $total);
    $pid = $pid ?? strtok($reply->body, ' ');
    $reasons = array_map(function ($l) {
        return substr($l, strrpos($l, ': ') + 2);
    }, $log->scgi_warnings($reply->status === 200 ? 0 : 1000));
    echo rtrim("$total pairs: " . $reply->status . ' ' . str_replace($pid, 'PID', trim($reply->body)) . ' ' . implode(' ', $reasons)), "\n";
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
16 pairs: 200 PID 12
17 pairs: 400 Bad Request more header pairs than the limit
100 pairs: 400 Bad Request more header pairs than the limit
15 pairs: 200 PID 11
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
