--TEST--
FPM-SCGI: finishing a request whose unread body came with the header does not wait for the client to close
--SKIPIF--
<?php include "skipif.inc"; ?>
--FILE--
<?php

require_once "tester.inc";

/* The body arrives with the header, so it is all in the worker's header
 * buffer.  The script does not read it and finishes the request: the
 * connection closes at once, with nothing left to drain from the socket.
 * The client reads the response to EOF and then keeps its end open for
 * 1.5 s; a worker that took the buffered bytes for unread socket bytes
 * waited for them (up to scgi.body_timeout) before the script went on. */
$cfg = <<<EOT
[global]
error_log = {{FILE:LOG}}
[unconfined]
listen = {{ADDR}}
pm = static
pm.max_children = 1
php_admin_value[enable_post_data_reading] = Off
EOT;

$done = __DIR__ . '/scgi-finish-request-buffered-body.done';
@unlink($done);
$code = <<<EOT
<?php
echo "before finish\\n";
\$t = microtime(true);
fastcgi_finish_request();
file_put_contents('$done', microtime(true) - \$t < 1.0 ? 'went on at once' : 'waited for the client');
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

foreach (['small body' => 100, 'body of 8 KiB' => 8192] as $name => $n) {
    @unlink($done);
    $params = FPM\SCGI\params($src, ['REQUEST_METHOD' => 'POST', 'CONTENT_TYPE' => 'application/octet-stream']);
    $sock = FPM\SCGI\client($tester, 5000)->connect();
    fwrite($sock, FPM\SCGI\Client::encode($params, str_repeat('b', $n)));
    stream_set_timeout($sock, 5);
    $reply = new FPM\SCGI\Reply(stream_get_contents($sock));
    usleep(1500000);
    fclose($sock);
    for ($i = 0; $i < 300 && !file_exists($done); $i++) {
        usleep(10000);
    }
    usleep(50000);
    echo "$name: ", $reply->body, "$name: ", @file_get_contents($done), "\n";
}
@unlink($done);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
small body: before finish
small body: went on at once
body of 8 KiB: before finish
body of 8 KiB: went on at once
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
