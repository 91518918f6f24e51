--TEST--
FPM-SCGI: bytes after CONTENT_LENGTH are not a second request (no smuggling, no pipelining)
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

$ran = __DIR__ . '/scgi-bytes-after-body.ran';
@unlink($ran);
$code = <<<EOT
<?php
file_put_contents('$ran', \$_SERVER['QUERY_STRING'] . "\\n", FILE_APPEND);
echo \$_SERVER['QUERY_STRING'], ' [', file_get_contents('php://input'), ']';
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$second = FPM\SCGI\Client::encode(FPM\SCGI\params($src, ['QUERY_STRING' => 'smuggled']));
$first = FPM\SCGI\Client::encode(FPM\SCGI\params($src, [
    'QUERY_STRING' => 'first', 'REQUEST_METHOD' => 'PUT', 'CONTENT_TYPE' => 'text/plain', 'CONTENT_LENGTH' => '5',
]));
foreach (['in one write' => [$first . 'hello' . $second], 'in two writes' => [$first . 'hello', $second]] as $how => $writes) {
    $sock = FPM\SCGI\client($tester, 5000)->connect();
    foreach ($writes as $bytes) {
        fwrite($sock, $bytes);
        usleep(100000);
    }
    $reply = new FPM\SCGI\Reply(stream_get_contents($sock));
    fclose($sock);
    echo "$how: ", $reply->body, "\n";
}
usleep(200000);
echo "scripts ran for: ", trim(str_replace("\n", ' ', file_get_contents($ran))), "\n";
@unlink($ran);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
in one write: first [hello]
in two writes: first [hello]
scripts ran for: first first
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
@unlink(__DIR__ . '/scgi-bytes-after-body.ran');
?>
