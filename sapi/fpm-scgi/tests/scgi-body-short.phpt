--TEST--
FPM-SCGI: a body shorter than CONTENT_LENGTH (client half-closes) does not run the script
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

$ran = __DIR__ . '/scgi-body-short.ran';
@unlink($ran);
$code = <<<EOT
<?php
\$in = \$_SERVER['REQUEST_METHOD'] === 'PUT' ? file_get_contents('php://input') : '';
file_put_contents('$ran', 'code after the body read ran: ' . strlen(\$in) . ' bytes, ' . count(\$_POST) . ' fields, ' . count(\$_FILES) . ' files', FILE_APPEND);
echo getmypid();
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$log = new FPM\SCGI\LogWatch(__FILE__);
$pid = FPM\SCGI\request($tester, FPM\SCGI\params($src))->body;
@unlink($ran);

$multipart = "--XX\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\n\r\nsome data";
foreach ([
    ['POST', 'application/x-www-form-urlencoded', 'a=1&b=2'],
    ['POST', 'multipart/form-data; boundary=XX', $multipart],
    ['POST', 'application/octet-stream', 'raw'],
    ['PUT', 'application/octet-stream', 'raw'],
] as list($method, $type, $part)) {
    foreach (['header only' => '', 'part of the body' => $part] as $what => $sent) {
        /* CONTENT_LENGTH 1000, then the client closes its side */
        $params = FPM\SCGI\params($src, ['REQUEST_METHOD' => $method, 'CONTENT_TYPE' => $type, 'CONTENT_LENGTH' => '1000']);
        $bytes = FPM\SCGI\Client::encode($params) . $sent;
        $start = microtime(true);
        $reply = FPM\SCGI\raw($tester, $bytes, true, 5000);
        $elapsed = microtime(true) - $start;
        $warnings = $log->scgi_warnings(1000);
        echo "$method ", strtok($type, ';'), ", $what: ", $reply->raw === '' ? 'closed' : 'replied ' . $reply->status . ' ' . json_encode($reply->body),
            ', ', $elapsed < 1.5 ? 'at once' : sprintf('after %.1fs', $elapsed),
            ', ', file_exists($ran) ? file_get_contents($ran) : 'no code after the body read ran', "\n";
        foreach ($warnings as $line) {
            echo '  ', substr($line, strrpos($line, ': ') + 2), "\n";
        }
        @unlink($ran);
        $next = FPM\SCGI\request($tester, FPM\SCGI\params($src));
        FPM\SCGI\check('  next request, same worker', $next->body === $pid, $next->raw);
        @unlink($ran);
    }
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
POST application/x-www-form-urlencoded, header only: closed, at once, no code after the body read ran
  request body shorter than CONTENT_LENGTH
  next request, same worker: ok
POST application/x-www-form-urlencoded, part of the body: closed, at once, no code after the body read ran
  request body shorter than CONTENT_LENGTH
  next request, same worker: ok
POST multipart/form-data, header only: closed, at once, no code after the body read ran
  request body shorter than CONTENT_LENGTH
  next request, same worker: ok
POST multipart/form-data, part of the body: closed, at once, no code after the body read ran
  request body shorter than CONTENT_LENGTH
  next request, same worker: ok
POST application/octet-stream, header only: closed, at once, no code after the body read ran
  request body shorter than CONTENT_LENGTH
  next request, same worker: ok
POST application/octet-stream, part of the body: closed, at once, no code after the body read ran
  request body shorter than CONTENT_LENGTH
  next request, same worker: ok
PUT application/octet-stream, header only: closed, at once, no code after the body read ran
  request body shorter than CONTENT_LENGTH
  next request, same worker: ok
PUT application/octet-stream, part of the body: closed, at once, no code after the body read ran
  request body shorter than CONTENT_LENGTH
  next request, same worker: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
@unlink(__DIR__ . '/scgi-body-short.ran');
?>
