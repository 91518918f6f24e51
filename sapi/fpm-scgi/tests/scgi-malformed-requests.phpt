--TEST--
FPM-SCGI: malformed requests get 400 (or a close) and one log line; the worker goes on, clean
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
scgi.header_timeout = 3s
EOT;

$code = <<<'EOT'
<?php
echo getmypid(), ' ', isset($_SERVER['HTTP_X_FROM_BAD_REQUEST']) || getenv('HTTP_X_FROM_BAD_REQUEST') ? 'LEAKED' : 'clean',
    ' ', $_SERVER['REQUEST_METHOD'], ' ', count(getallheaders());
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$log = new FPM\SCGI\LogWatch(__FILE__);

function pairs(array $list)
{
    $s = '';
    foreach ($list as $pair) {
        $s .= $pair[0] . "\0" . $pair[1] . "\0";
    }
    return $s;
}
function ns($payload)
{
    return strlen($payload) . ':' . $payload . ',';
}
/* a request that would run the script, and leave a header behind if it could */
$cl = ['CONTENT_LENGTH', '0'];
$scgi = ['SCGI', '1'];
$rest = [['REQUEST_METHOD', 'DELETE'], ['SCRIPT_FILENAME', $src], ['HTTP_X_FROM_BAD_REQUEST', 'secret']];
$ok = pairs(array_merge([$cl, $scgi], $rest));

$cases = [
    'non-digit length'           => '1x:' . $ok . ',',
    'leading zero'               => '0' . ns($ok),
    'empty length'               => ':' . $ok . ',',
    'negative length'            => '-' . ns($ok),
    'oversize length'            => '99999999:' . $ok . ',',
    'length of 12 digits'        => '100000000000:' . $ok . ',',
    'missing colon'              => strlen($ok) . $ok . ',',
    'missing comma'              => strlen($ok) . ':' . $ok . ';',
    'not NUL-terminated'         => ns(rtrim($ok, "\0")),
    'odd pair count'             => ns($ok . "LONELY\0"),
    'empty name'                 => ns($ok . "\0value\0"),
    'CONTENT_LENGTH missing'     => ns(pairs(array_merge([$scgi], $rest))),
    'CONTENT_LENGTH not first'   => ns(pairs(array_merge([$scgi, $cl], $rest))),
    'CONTENT_LENGTH negative'    => ns(pairs(array_merge([['CONTENT_LENGTH', '-1'], $scgi], $rest))),
    'CONTENT_LENGTH non-numeric' => ns(pairs(array_merge([['CONTENT_LENGTH', 'abc'], $scgi], $rest))),
    'CONTENT_LENGTH empty'       => ns(pairs(array_merge([['CONTENT_LENGTH', ''], $scgi], $rest))),
    'CONTENT_LENGTH plus sign'   => ns(pairs(array_merge([['CONTENT_LENGTH', '+5'], $scgi], $rest))) . '12345',
    'CONTENT_LENGTH space'       => ns(pairs(array_merge([['CONTENT_LENGTH', ' 5'], $scgi], $rest))) . '12345',
    'CONTENT_LENGTH leading 0s'  => ns(pairs(array_merge([['CONTENT_LENGTH', '005'], $scgi], $rest))) . '12345',
    'CONTENT_LENGTH huge'        => ns(pairs(array_merge([['CONTENT_LENGTH', '99999999999999999999999'], $scgi], $rest))),
    'CONTENT_LENGTH 2^53+1'      => ns(pairs(array_merge([['CONTENT_LENGTH', '9007199254740993'], $scgi], $rest))),
    'SCGI missing'               => ns(pairs(array_merge([$cl], $rest))),
    'SCGI 0'                     => ns(pairs(array_merge([$cl, ['SCGI', '0']], $rest))),
    'SCGI empty'                 => ns(pairs(array_merge([$cl, ['SCGI', '']], $rest))),
    'SCGI 11'                    => ns(pairs(array_merge([$cl, ['SCGI', '11']], $rest))),
    /* the two names that frame a request are refused when repeated
     * (smuggling); other repeated names are served (scgi-repeated-*.phpt) */
    'duplicate SCGI'             => ns(pairs(array_merge([$cl, $scgi, $scgi], $rest))),
    'second CONTENT_LENGTH'      => ns(pairs(array_merge([['CONTENT_LENGTH', '5'], $scgi], $rest, [['CONTENT_LENGTH', '40']])))
                                    . '12345' . str_repeat('S', 35),
    'CONTENT_LENGTH after HTTP_X'  => ns(pairs(array_merge([$cl, $scgi], $rest,
                                    [['HTTP_X_FROM_BAD_REQUEST', 'again'], ['CONTENT_LENGTH', '0']]))),
    'HTTP request'               => "GET / HTTP/1.1\r\nHost: localhost\r\nX-From-Bad-Request: secret\r\n\r\n",
    'FastCGI record'             => "\x01\x01\x00\x01\x00\x08\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00",
    'binary garbage'             => "\xff\xfe\x00\x01garbage",
    'length, then close'         => ['1000:' . $ok, true],
];

$pid = null;
$problems = [];
foreach ($cases as $name => $request) {
    list($bytes, $halfClose) = is_array($request) ? $request : [$request, false];
    $reply = FPM\SCGI\raw($tester, $bytes, $halfClose, 5000);
    $answer = $reply->raw === '' ? 'closed' : $reply->status . ' ' . trim($reply->body);
    $warnings = $log->scgi_warnings(1000);
    $reason = '?';
    if (count($warnings) !== 1) {
        $problems[] = "$name: " . count($warnings) . " warnings: " . implode(' / ', $warnings);
    } elseif (!preg_match('/^\[\d\d-\w{3}-\d{4} \d\d:\d\d:\d\d\] WARNING: \[pool unconfined\] child \d+, SCGI request from 127\.0\.0\.1: (.+)$/',
            $warnings[0], $m)) {
        $problems[] = "$name: unexpected log line: " . $warnings[0];
    } else {
        $reason = $m[1];
    }
    if ($reply->raw !== '' && strpos($reply->raw, "Status: 400 Bad Request\r\n") !== 0) {
        $problems[] = "$name: reply is not a 400: " . $reply->raw;
    }
    printf("%-28s %-16s %s\n", $name, $answer, $reason);

    /* the same worker serves a good request next, with nothing of the bad one */
    $next = FPM\SCGI\request($tester, FPM\SCGI\params($src, ['HTTP_X_NEXT' => 'yes']));
    if (!preg_match('/^(\d+) clean GET 2$/', $next->body, $m)) {
        $problems[] = "$name: next request got: " . $next->raw;
    } elseif ($pid !== null && $m[1] !== $pid) {
        $problems[] = "$name: served by another worker (the first died)";
    } else {
        $pid = $m[1];
    }
}
echo $problems ? implode("\n", $problems) . "\n" : "every bad request: one warning, a 400 or a close; next request clean, same worker\n";

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
non-digit length             400 Bad Request  netstring length is not a decimal number
leading zero                 400 Bad Request  netstring length has a leading zero
empty length                 400 Bad Request  netstring length is empty
negative length              400 Bad Request  netstring length is not a decimal number
oversize length              400 Bad Request  header is larger than the limit
length of 12 digits          400 Bad Request  header is larger than the limit
missing colon                400 Bad Request  netstring length is not a decimal number
missing comma                400 Bad Request  netstring does not end with a comma
not NUL-terminated           400 Bad Request  header does not end with a NUL
odd pair count               400 Bad Request  header name without a value
empty name                   400 Bad Request  header name is empty
CONTENT_LENGTH missing       400 Bad Request  first header is not CONTENT_LENGTH
CONTENT_LENGTH not first     400 Bad Request  first header is not CONTENT_LENGTH
CONTENT_LENGTH negative      400 Bad Request  CONTENT_LENGTH is not a decimal number
CONTENT_LENGTH non-numeric   400 Bad Request  CONTENT_LENGTH is not a decimal number
CONTENT_LENGTH empty         400 Bad Request  CONTENT_LENGTH is not a decimal number
CONTENT_LENGTH plus sign     400 Bad Request  CONTENT_LENGTH is not a decimal number
CONTENT_LENGTH space         400 Bad Request  CONTENT_LENGTH is not a decimal number
CONTENT_LENGTH leading 0s    400 Bad Request  CONTENT_LENGTH is not a decimal number
CONTENT_LENGTH huge          400 Bad Request  CONTENT_LENGTH is too large
CONTENT_LENGTH 2^53+1        400 Bad Request  CONTENT_LENGTH is too large
SCGI missing                 400 Bad Request  SCGI header is missing
SCGI 0                       400 Bad Request  SCGI header is not 1
SCGI empty                   400 Bad Request  SCGI header is not 1
SCGI 11                      400 Bad Request  SCGI header is not 1
duplicate SCGI               400 Bad Request  SCGI header appears twice
second CONTENT_LENGTH        400 Bad Request  CONTENT_LENGTH appears twice
CONTENT_LENGTH after HTTP_X  400 Bad Request  CONTENT_LENGTH appears twice
HTTP request                 400 Bad Request  netstring length is not a decimal number
FastCGI record               400 Bad Request  netstring length is not a decimal number
binary garbage               400 Bad Request  netstring length is not a decimal number
length, then close           closed           connection closed before the SCGI header was complete
every bad request: one warning, a 400 or a close; next request clean, same worker
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
