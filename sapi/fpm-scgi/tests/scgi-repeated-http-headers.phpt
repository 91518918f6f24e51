--TEST--
FPM-SCGI: a repeated HTTP_* pair (nginx < 1.23, one per header line) is joined with ", ", cookies with "; "
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
$h = getallheaders();
ksort($h);
$cookie = $_COOKIE;
ksort($cookie);
$keys = array_values(array_filter(array_keys($_SERVER), function ($k) { return strpos($k, 'HTTP_') === 0; }));
echo json_encode([
    'xff'     => $_SERVER['HTTP_X_FORWARDED_FOR'] ?? null,
    'accept'  => $_SERVER['HTTP_ACCEPT'] ?? null,
    'cookie'  => $_SERVER['HTTP_COOKIE'] ?? null,
    '_COOKIE' => $cookie,
    'empty'   => $_SERVER['HTTP_X_EMPTY'] ?? null,
    'order'   => $keys,
    'headers' => $h,
], JSON_UNESCAPED_SLASHES), "\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$send = function (array $pairs) use ($tester, $src) {
    $reply = FPM\SCGI\raw($tester, FPM\SCGI\encode_pairs(FPM\SCGI\params($src), $pairs));
    echo $reply->status, ' ', $reply->body;
};

echo "twice:\n";
$send([
    ['HTTP_HOST', 'example.org'],
    ['HTTP_X_FORWARDED_FOR', '10.0.0.1'],
    ['HTTP_ACCEPT', 'text/html'],
    ['HTTP_X_FORWARDED_FOR', '10.0.0.2'],
    ['HTTP_ACCEPT', '*/*;q=0.8'],
]);
echo "three times, cookies over three lines, empty values:\n";
$send([
    ['HTTP_X_FORWARDED_FOR', '203.0.113.7'],
    ['HTTP_COOKIE', 'session=abc; theme=dark'],
    ['HTTP_X_EMPTY', ''],
    ['HTTP_X_FORWARDED_FOR', '10.0.0.1, 10.0.0.2'],
    ['HTTP_COOKIE', 'lang=fr'],
    ['HTTP_X_EMPTY', ''],
    ['HTTP_COOKIE', 'a[]=1; a[]=2'],
    ['HTTP_X_FORWARDED_FOR', '10.0.0.3'],
]);
echo "the next request: nothing of the last one:\n";
$send([['HTTP_HOST', 'other.example']]);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
twice:
200 {"xff":"10.0.0.1, 10.0.0.2","accept":"text/html, */*;q=0.8","cookie":null,"_COOKIE":[],"empty":null,"order":["HTTP_HOST","HTTP_X_FORWARDED_FOR","HTTP_ACCEPT"],"headers":{"Accept":"text/html, */*;q=0.8","Content-Length":"0","Host":"example.org","X-Forwarded-For":"10.0.0.1, 10.0.0.2"}}
three times, cookies over three lines, empty values:
200 {"xff":"203.0.113.7, 10.0.0.1, 10.0.0.2, 10.0.0.3","accept":null,"cookie":"session=abc; theme=dark; lang=fr; a[]=1; a[]=2","_COOKIE":{"a":["1","2"],"lang":"fr","session":"abc","theme":"dark"},"empty":", ","order":["HTTP_X_FORWARDED_FOR","HTTP_COOKIE","HTTP_X_EMPTY"],"headers":{"Content-Length":"0","Cookie":"session=abc; theme=dark; lang=fr; a[]=1; a[]=2","X-Empty":", ","X-Forwarded-For":"203.0.113.7, 10.0.0.1, 10.0.0.2, 10.0.0.3"}}
the next request: nothing of the last one:
200 {"xff":null,"accept":null,"cookie":null,"_COOKIE":[],"empty":null,"order":["HTTP_HOST"],"headers":{"Content-Length":"0","Host":"other.example"}}
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
