--TEST--
FPM-SCGI: php://input read whole, in pieces, by lines, through a filter, after seeks, and twice
--SKIPIF--
<?php include "skipif.inc"; ?>
--FILE--
<?php

require_once "tester.inc";

/* patches/0014 reads php://input without a read buffer of its own: every
 * way of reading it must still see the body's bytes in order, from a body
 * PHP has in memory and from one it reads from the connection on demand
 * (enable_post_data_reading = Off). */
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
function h($s) { return strlen($s) . ':' . md5($s); }
$whole = file_get_contents('php://input');
$out = ['whole ' . h($whole), 'again ' . h(file_get_contents('php://input'))];

$f = fopen('php://input', 'rb');
$parts = '';
foreach ([1, 3, 8191, 8192, 8193, 100, 65536] as $n) {
    $parts .= fread($f, $n);
}
$parts .= stream_get_contents($f);
$out[] = 'pieces ' . h($parts) . ' eof ' . (feof($f) ? 1 : 0) . ' tell ' . ftell($f);
/* fread() on a stream that is not a plain file may return less than asked */
function read_exactly($f, $n) {
    for ($s = ''; strlen($s) < $n && !feof($f); $s .= fread($f, $n - strlen($s)));
    return $s;
}
fseek($f, 5000);
$mid = read_exactly($f, 20000);
$out[] = 'seek ' . ($mid === substr($whole, 5000, 20000) ? 'same' : 'differs') . ' tell ' . ftell($f);
rewind($f);
$lines = [];
while (($l = fgets($f)) !== false) {
    $lines[] = $l;
    if (count($lines) == 3) {
        $lines[] = read_exactly($f, 10000);    /* a plain read after line reads */
    }
}
$out[] = 'lines ' . h(implode('', $lines));
fclose($f);
$upper = file_get_contents('php://filter/read=string.toupper/resource=php://input');
$out[] = 'filter ' . ($upper === strtoupper($whole) ? 'same' : 'differs');
echo implode("\n", $out), "\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$body = '';
for ($i = 0; strlen($body) < 100000; $i++) {
    $body .= "line $i " . str_repeat(chr(97 + $i % 26), $i % 300) . "\n";
}
$n = strlen($body);
$h = $n . ':' . md5($body);
$want = "whole $h\nagain $h\npieces $h eof 1 tell $n\nseek same tell 25000\n"
    . "lines $h\nfilter same\n";

foreach (['in memory' => [], 'read on demand' => ['PHP_VALUE' => 'enable_post_data_reading = Off']] as $name => $extra) {
    $reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
        'REQUEST_METHOD' => 'POST',
        'CONTENT_TYPE'   => 'application/octet-stream',
    ] + $extra), $body);
    FPM\SCGI\check($name, $reply->body === $want, $reply->body . "\nexpected:\n" . $want);
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
in memory: ok
read on demand: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
