--TEST--
FPM-SCGI: POST of an urlencoded form fills $_POST
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
echo $_SERVER['REQUEST_METHOD'], ' ', $_SERVER['CONTENT_LENGTH'], ' ', $_SERVER['CONTENT_TYPE'], "\n";
echo json_encode($_POST), "\n";
echo strlen($_POST['big'] ?? ''), "\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

/* a field bigger than the worker's first header buffer */
$body = 'name=J%C3%B6rg&list[]=1&list[]=2&empty=&big=' . str_repeat('z', 100000);
$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'REQUEST_METHOD' => 'POST',
    'CONTENT_TYPE'   => 'application/x-www-form-urlencoded',
]), $body);
$lines = explode("\n", $reply->body);
echo $lines[0], "\n";
$post = json_decode($lines[1], true);
unset($post['big']);
echo json_encode($post), "\n";
echo $lines[2], "\n";
FPM\SCGI\check('status', $reply->status === 200, $reply->raw);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
POST 100044 application/x-www-form-urlencoded
{"name":"J\u00f6rg","list":["1","2"],"empty":""}
100000
status: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
