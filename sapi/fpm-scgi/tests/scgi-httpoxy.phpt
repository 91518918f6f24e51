--TEST--
FPM-SCGI: a Proxy request header (HTTP_PROXY) never reaches getenv() (httpoxy)
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
var_dump(getenv('HTTP_PROXY'), getenv('http_proxy'), isset($_SERVER['HTTP_PROXY']), $_SERVER['HTTP_X_OTHER'] ?? null, getenv('HTTP_X_OTHER'));
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'HTTP_PROXY'   => 'http://evil.example:8080',
    'HTTP_X_OTHER' => 'kept',
]));
echo $reply->body;

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
bool(false)
bool(false)
bool(false)
string(4) "kept"
string(4) "kept"
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
