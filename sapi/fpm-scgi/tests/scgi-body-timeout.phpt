--TEST--
FPM-SCGI: scgi.body_timeout ends a request whose body stalls; the worker goes on
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
scgi.body_timeout = 1s
EOT;

$ran = __DIR__ . '/scgi-body-timeout.ran';
@unlink($ran);
$code = <<<EOT
<?php
\$in = \$_SERVER['REQUEST_METHOD'] === 'PUT' ? file_get_contents('php://input') : '';
file_put_contents('$ran', 'code after the body read ran', FILE_APPEND);
echo getmypid(), ' ', strlen(\$in), ' ', count(\$_POST);
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$log = new FPM\SCGI\LogWatch(__FILE__);
$pid = strtok(FPM\SCGI\request($tester, FPM\SCGI\params($src))->body, ' ');
@unlink($ran);

foreach ([['POST', 'application/x-www-form-urlencoded'], ['PUT', 'application/octet-stream']] as list($method, $type)) {
    /* 10 of 1000 bytes, then nothing: the client keeps the connection open */
    $params = FPM\SCGI\params($src, ['REQUEST_METHOD' => $method, 'CONTENT_TYPE' => $type, 'CONTENT_LENGTH' => '1000']);
    $client = FPM\SCGI\client($tester, 6000);
    $id = $client->send_raw(FPM\SCGI\Client::encode($params) . 'a=12345678');
    $start = microtime(true);
    try {
        $raw = $client->wait_for_response_data($id, 6000)['response'];
    } catch (Adoy\FastCGI\ForbiddenException $e) {
        $raw = '';
    } catch (Exception $e) {
        $raw = 'no end: ' . $e->getMessage();
    }
    $elapsed = microtime(true) - $start;
    echo "$method $type: ", $raw === '' ? 'closed' : $raw, ', ',
        $elapsed > 0.8 && $elapsed < 3 ? 'after the timeout' : sprintf('after %.2fs', $elapsed), ', ',
        file_exists($ran) ? file_get_contents($ran) : 'no code after the body read ran', "\n";
    foreach ($log->scgi_warnings(1000) as $line) {
        echo '  ', substr($line, strrpos($line, ': ') + 2), "\n";
    }
    @unlink($ran);
    $next = FPM\SCGI\request($tester, FPM\SCGI\params($src));
    FPM\SCGI\check('  next request, same worker', strtok($next->body, ' ') === $pid, $next->raw);
    @unlink($ran);
}

/* slow but steady is not stalled: 4 pieces 0.4 s apart, each within the timeout */
$params = FPM\SCGI\params($src, ['REQUEST_METHOD' => 'PUT', 'CONTENT_TYPE' => 'application/octet-stream', 'CONTENT_LENGTH' => '40']);
$sock = FPM\SCGI\client($tester)->connect();
fwrite($sock, FPM\SCGI\Client::encode($params));
for ($i = 0; $i < 4; $i++) {
    usleep(400000);
    fwrite($sock, str_repeat((string) $i, 10));
}
$reply = new FPM\SCGI\Reply(stream_get_contents($sock));
fclose($sock);
FPM\SCGI\check('steady slow body', $reply->body === "$pid 40 0", $reply->raw);
@unlink($ran);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
POST application/x-www-form-urlencoded: closed, after the timeout, no code after the body read ran
  timed out reading the request body
  next request, same worker: ok
PUT application/octet-stream: closed, after the timeout, no code after the body read ran
  timed out reading the request body
  next request, same worker: ok
steady slow body: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
@unlink(__DIR__ . '/scgi-body-timeout.ran');
?>
