--TEST--
FPM-SCGI: GET query string reaches $_GET and QUERY_STRING
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
ksort($_GET);
echo '[', $_SERVER['QUERY_STRING'], "]\n", json_encode($_GET), "\n", $_SERVER['REQUEST_METHOD'];
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$tester->request('b=2&a=h%C3%A9llo+world&arr[]=x&arr[]=y')->expectBody([
    '[b=2&a=h%C3%A9llo+world&arr[]=x&arr[]=y]',
    '{"a":"h\u00e9llo world","arr":["x","y"],"b":"2"}',
    'GET',
]);
/* an empty query gives an empty $_GET, nothing left from the request before */
$tester->request('')->expectBody(['[]', '[]', 'GET']);
$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
