--TEST--
FPM-SCGI: access.log records SCGI requests with FPM's access.format
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
access.log = {{FILE:LOG:ACC}}
access.format = "%m %r%Q%q %s %l %{REMOTE_ADDR}e %{HTTP_X_TAG}e %f"
pm = static
pm.max_children = 1
EOT;

$tester = new FPM\Tester($cfg, '<?php http_response_code((int) ($_GET["code"] ?? 200)); echo "ok";');
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

FPM\SCGI\request($tester, FPM\SCGI\params($src, ['QUERY_STRING' => 'code=201', 'REQUEST_URI' => '/x?code=201', 'HTTP_X_TAG' => 'one']));
FPM\SCGI\request($tester, FPM\SCGI\params($src, ['REQUEST_METHOD' => 'PUT', 'HTTP_X_TAG' => 'two', 'REMOTE_ADDR' => '192.0.2.7']), str_repeat('b', 1234));
FPM\SCGI\request($tester, FPM\SCGI\params($src, ['SCRIPT_FILENAME' => '/nonexistent.php', 'HTTP_X_TAG' => 'three']));
/* a refused request is in the error log, not the access log */
FPM\SCGI\raw($tester, "not scgi");
usleep(100000);

$tester->terminate();
$tester->close();
echo str_replace($src, 'SRC', file_get_contents(substr(__FILE__, 0, -3) . 'acc.log'));

?>
Done
--EXPECT--
GET /scgi-access-log.src.php?code=201 201 0 127.0.0.1 one SRC
PUT /scgi-access-log.src.php 200 1234 192.0.2.7 two SRC
GET /scgi-access-log.src.php 404 0 127.0.0.1 three -
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
