--TEST--
FPM-SCGI: http_response_code() and header("Status: ...") give exactly one Status: line
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
switch ($_SERVER['QUERY_STRING']) {
    case 'code201':   http_response_code(201); break;
    case 'status503': header('Status: 503 Service Unavailable'); break;
    case 'bare503':   header('Status: 503'); break;
    case 'http404':   header('HTTP/1.1 404 Not Found'); break;
    case 'both':      http_response_code(500); header("Status: 418 I'm a teapot"); break;
    case 'twice':     header('Status: 502 Bad Gateway'); header('Status: 504 Gateway Timeout'); break;
    case 'location':  header('Location: /elsewhere'); break;
}
/* as in php-fpm, a Status: header goes out as written; http_response_code()
 * only knows what it or an HTTP/ line set */
echo http_response_code();
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

foreach (['plain', 'code201', 'status503', 'bare503', 'http404', 'both', 'twice', 'location'] as $case) {
    $reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, ['QUERY_STRING' => $case]));
    $lines = $reply->all('Status');
    $http = preg_match('/^HTTP\//m', $reply->raw) ? ' + HTTP status line' : '';
    echo str_pad($case, 10), ' ', count($lines), ' [', implode('|', $lines), ']', $http, ' body ', $reply->body, "\n";
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
plain      0 [] body 200
code201    1 [201 Created] body 201
status503  1 [503 Service Unavailable] body 200
bare503    1 [503] body 200
http404    1 [404 Not Found] body 404
both       1 [418 I'm a teapot] body 500
twice      1 [504 Gateway Timeout] body 200
location   1 [302 Found] body 302
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
