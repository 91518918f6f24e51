--TEST--
FPM-SCGI: repeated HTTP_* pairs stay within scgi.max_header_size and scgi.max_header_pairs, joined or not
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
scgi.max_header_size = 2048
scgi.max_header_pairs = 24
EOT;

$code = '<?php echo getmypid(), " ", strlen($_SERVER["HTTP_X_PAD"] ?? ""), " ", md5($_SERVER["HTTP_X_PAD"] ?? "");';

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$log = new FPM\SCGI\LogWatch(__FILE__);
$params = FPM\SCGI\params($src);

/* X-Pad three times, whose pairs make a header of exactly $size bytes */
function padded($params, $size, &$joined)
{
    $empty = FPM\SCGI\encode_pairs($params, [['HTTP_X_PAD', ''], ['HTTP_X_PAD', ''], ['HTTP_X_PAD', '']]);
    $room = $size - (int) $empty;
    $a = str_repeat('a', intdiv($room, 3));
    $b = str_repeat('b', intdiv($room, 3));
    $c = str_repeat('c', $room - 2 * intdiv($room, 3));
    $joined = "$a, $b, $c";
    return FPM\SCGI\encode_pairs($params, [['HTTP_X_PAD', $a], ['HTTP_X_PAD', $b], ['HTTP_X_PAD', $c]]);
}
function reasons($log, $reply)
{
    return implode(' / ', array_map(function ($l) {
        return substr($l, strrpos($l, ': ') + 2);
    }, $log->scgi_warnings($reply->status === 200 ? 0 : 1000)));
}

$first = FPM\SCGI\raw($tester, FPM\SCGI\encode_pairs($params, []));
$pid = strtok($first->body, ' ');

foreach ([2048, 2049] as $size) {
    $bytes = padded($params, $size, $joined);
    $reply = FPM\SCGI\raw($tester, $bytes);
    $whole = $reply->body === sprintf('%s %d %s', $pid, strlen($joined), md5($joined));
    echo rtrim(sprintf("header of %d bytes, X-Pad thrice: %s %s %s", (int) $bytes, $reply->status,
        $reply->status === 200 ? ($whole ? 'the whole joined value' : $reply->body) : trim($reply->body), reasons($log, $reply))), "\n";
}

/* repeated pairs count one by one against max_header_pairs: params() has 14,
 * with CONTENT_LENGTH and SCGI 16, so 8 more fit and 9 do not */
foreach ([8, 9] as $n) {
    $reply = FPM\SCGI\raw($tester, FPM\SCGI\encode_pairs($params, array_fill(0, $n, ['HTTP_X_PAD', 'p'])));
    echo rtrim(sprintf("X-Pad %d times: %s %s %s", $n, $reply->status,
        $reply->status === 200 ? substr($reply->body, strlen($pid) + 1) : trim($reply->body), reasons($log, $reply))), "\n";
}

$reply = FPM\SCGI\raw($tester, FPM\SCGI\encode_pairs($params, []));
FPM\SCGI\check('same worker goes on', $reply->body === "$pid 0 " . md5(''), $reply->body);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
header of 2048 bytes, X-Pad thrice: 200 the whole joined value
header of 2049 bytes, X-Pad thrice: 400 Bad Request header is larger than the limit
X-Pad 8 times: 200 22 7d3ab0545b65d5242bf4b1fc2696335c
X-Pad 9 times: 400 Bad Request more header pairs than the limit
same worker goes on: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
