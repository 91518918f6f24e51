--TEST--
FPM-SCGI: repeated HTTP_* pairs never shadow a server variable, nor bring HTTP_PROXY back (httpoxy)
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
echo json_encode([
    'script'              => $_SERVER['SCRIPT_FILENAME'] === __FILE__ ? 'this script' : $_SERVER['SCRIPT_FILENAME'],
    'HTTPS'               => $_SERVER['HTTPS'] ?? null,
    'REMOTE_ADDR'         => $_SERVER['REMOTE_ADDR'],
    'getenv REMOTE_ADDR'  => getenv('REMOTE_ADDR'),
    'HTTP_SCRIPT_FILENAME' => $_SERVER['HTTP_SCRIPT_FILENAME'] ?? null,
    'HTTP_HTTPS'          => $_SERVER['HTTP_HTTPS'] ?? null,
    'HTTP_REMOTE_ADDR'    => $_SERVER['HTTP_REMOTE_ADDR'] ?? null,
    'HTTP_X_AAAAA_LB'     => $_SERVER['HTTP_X_AAAAA_LB'] ?? null,
    'HTTP_PROXY'          => isset($_SERVER['HTTP_PROXY']),
    'getenv HTTP_PROXY'   => getenv('HTTP_PROXY'),
    'getenv http_proxy'   => getenv('http_proxy'),
], JSON_UNESCAPED_SLASHES), "\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

/* Headers named after server variables, each sent twice (and one whose
 * name has SCRIPT_FILENAME's FastCGI hash: same length, same bytes 3, 13
 * and 14 as FPM's FCGI_HASH_FUNC weighs them): they join among themselves
 * and leave the server's values alone.  A Proxy header twice is still
 * kept from $_SERVER and getenv(), as PHP does for one. */
$reply = FPM\SCGI\raw($tester, FPM\SCGI\encode_pairs(FPM\SCGI\params($src, ['HTTPS' => 'on']), [
    ['HTTP_SCRIPT_FILENAME', '/etc/passwd'],
    ['HTTP_HTTPS', 'off'],
    ['HTTP_REMOTE_ADDR', '6.6.6.6'],
    ['HTTP_X_AAAAA_LB', '/etc/shadow'],
    ['HTTP_PROXY', 'http://evil.example:8080'],
    ['HTTP_SCRIPT_FILENAME', '/etc/group'],
    ['HTTP_HTTPS', ''],
    ['HTTP_REMOTE_ADDR', '7.7.7.7'],
    ['HTTP_X_AAAAA_LB', '/etc/hosts'],
    ['HTTP_PROXY', 'http://evil.example:8081'],
]));
echo $reply->status, ' ', $reply->body;

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
200 {"script":"this script","HTTPS":"on","REMOTE_ADDR":"127.0.0.1","getenv REMOTE_ADDR":"127.0.0.1","HTTP_SCRIPT_FILENAME":"/etc/passwd, /etc/group","HTTP_HTTPS":"off, ","HTTP_REMOTE_ADDR":"6.6.6.6, 7.7.7.7","HTTP_X_AAAAA_LB":"/etc/shadow, /etc/hosts","HTTP_PROXY":false,"getenv HTTP_PROXY":false,"getenv http_proxy":false}
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
