--TEST--
FPM-SCGI: a 10 MiB response written in writes of many sizes arrives intact
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

$generator = <<<'EOT'
function scgi_response_chunks(callable $out) {
    /* sizes around the worker's 8 KiB output buffer and far beyond it */
    $sizes = [1, 7, 100, 4096, 8191, 8192, 8193, 65536, 200000, 3, 1048577];
    $total = 10 * 1048576;
    for ($sent = 0, $i = 0; $sent < $total; $sent += $n, $i++) {
        $n = min($sizes[$i % count($sizes)], $total - $sent);
        $out(substr(str_repeat(md5((string) $i), intdiv($n, 32) + 1), 0, $n));
    }
}
EOT;

$code = "<?php\nheader('X-Size: 10MiB');\n" . $generator . "\nscgi_response_chunks(function (\$s) { echo \$s; });\n";
eval($generator);
$expected = '';
scgi_response_chunks(function ($s) use (&$expected) { $expected .= $s; });

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

for ($i = 0; $i < 2; $i++) {
    $reply = FPM\SCGI\request($tester, FPM\SCGI\params($src));
    FPM\SCGI\check("response $i length", strlen($reply->body) === strlen($expected), strlen($reply->body));
    FPM\SCGI\check("response $i content", $reply->body === $expected);
    FPM\SCGI\check("response $i headers", $reply->all('X-Size') === ['10MiB'] && count($reply->all('Content-type')) === 1,
        json_encode($reply->headers));
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
response 0 length: ok
response 0 content: ok
response 0 headers: ok
response 1 length: ok
response 1 content: ok
response 1 headers: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
