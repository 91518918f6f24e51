--TEST--
FPM-SCGI: fastcgi_finish_request() ends the response and closes the connection while the script goes on
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

$go = __DIR__ . '/scgi-fastcgi-finish-request.go';
$done = __DIR__ . '/scgi-fastcgi-finish-request.done';
@unlink($go);
@unlink($done);
/* after finishing, the script waits for the client to have seen the end
 * of the response, then says what it saw in a file */
$code = <<<EOT
<?php
header('X-Before: finish');
echo "body before finish\\n";
\$ok = fastcgi_finish_request();
echo "written after finish\\n";
for (\$i = 0; \$i < 300 && !file_exists('$go'); \$i++) {
    usleep(10000);
}
file_put_contents('$done', var_export(\$ok, true) . ' ' . (file_exists('$go') ? 'went on' : 'timed out')
    . ' ' . connection_status() . ' ' . var_export(fastcgi_finish_request(), true));
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

foreach (['GET' => '', 'POST, body not read' => str_repeat('b', 200000)] as $name => $body) {
    @unlink($go);
    @unlink($done);
    $params = FPM\SCGI\params($src, ['REQUEST_METHOD' => $body === '' ? 'GET' : 'POST', 'CONTENT_TYPE' => 'application/octet-stream']);
    $start = microtime(true);
    try {
        /* EOF must come while the script still waits: a 2 s read timeout */
        $reply = FPM\SCGI\request($tester, $params, $body, 2000);
        FPM\SCGI\check("$name: response and EOF",
            $reply->body === "body before finish\n" && $reply->header('X-Before') === 'finish', $reply->raw);
    } catch (Exception $e) {
        FPM\SCGI\check("$name: response and EOF", false, $e->getMessage());
    }
    touch($go);
    for ($i = 0; $i < 300 && !file_exists($done); $i++) {
        usleep(10000);
    }
    usleep(50000);
    echo "$name: ", @file_get_contents($done), "\n";
}
@unlink($go);
@unlink($done);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
GET: response and EOF: ok
GET: true went on 0 false
POST, body not read: response and EOF: ok
POST, body not read: true went on 0 false
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
@unlink(__DIR__ . '/scgi-fastcgi-finish-request.go');
@unlink(__DIR__ . '/scgi-fastcgi-finish-request.done');
?>
