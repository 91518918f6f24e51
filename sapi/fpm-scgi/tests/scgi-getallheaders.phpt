--TEST--
FPM-SCGI: getallheaders() and apache_request_headers() from the HTTP_* pairs
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
$all = getallheaders();
$apache = apache_request_headers();
ksort($all);
echo json_encode($all), "\n", $all == $apache ? 'same' : 'differ';
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'REQUEST_METHOD'   => 'POST',
    'CONTENT_TYPE'     => 'text/plain',
    'HTTP_HOST'        => 'example.org',
    'HTTP_USER_AGENT'  => 'scgi-test/1.0',
    'HTTP_X_FORWARDED_FOR' => '192.0.2.1',
    'HTTP_ACCEPT_LANGUAGE' => 'en, fr;q=0.5',
]), 'abc');
echo $reply->body, "\n";
/* the next request has its own headers only (SCGI always sends CONTENT_LENGTH) */
$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, ['HTTP_HOST' => 'other.example']));
echo $reply->body, "\n";

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
{"Accept-Language":"en, fr;q=0.5","Content-Length":"3","Content-Type":"text\/plain","Host":"example.org","User-Agent":"scgi-test\/1.0","X-Forwarded-For":"192.0.2.1"}
same
{"Content-Length":"0","Host":"other.example"}
same
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
