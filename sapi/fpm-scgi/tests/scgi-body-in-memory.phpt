--TEST--
FPM-SCGI: bodies up to scgi.body_buffer_size are read into memory, larger ones into PHP's temp file
--SKIPIF--
<?php include "skipif.inc"; ?>
--FILE--
<?php

require_once "tester.inc";

/* PHP moves a kept body past 16 KiB into a file in upload_tmp_dir; the
 * script counts the files there while it runs, so the test sees which
 * way the body went, and checks the bytes either way. */
$tmp = sys_get_temp_dir() . '/scgi-body-in-memory.' . getmypid();
@mkdir($tmp, 0777);
chmod($tmp, 0777);

$cfg = <<<EOT
[global]
error_log = {{FILE:LOG}}
[unconfined]
listen = {{ADDR}}
pm = static
pm.max_children = 1
scgi.body_buffer_size = 256k
php_admin_value[upload_tmp_dir] = $tmp
php_admin_value[post_max_size] = 8M
EOT;

$code = <<<EOT
<?php
\$in = file_get_contents('php://input');
\$again = file_get_contents('php://input');
\$f = fopen('php://input', 'r');
fseek(\$f, 1000);
\$tail = stream_get_contents(\$f);
echo \$_SERVER['REQUEST_METHOD'], ' ', strlen(\$in), ' ', md5(\$in), ' ',
    \$in === \$again && \$tail === (string) substr(\$in, 1000) ? 'same' : 'differs', ' ',
    count(glob('$tmp/*')) ? 'file' : 'memory', ' post=', count(\$_POST);
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

function body($n) {
    $b = '';
    for ($i = 0; strlen($b) < $n; $i++) {
        $b .= md5($i . ':' . $n, true);
    }
    return substr($b, 0, $n);
}

$cases = [
    ['POST', 'application/octet-stream', 200000],
    ['POST', 'application/json', 262144],       /* exactly the limit */
    ['POST', 'application/json', 262145],       /* one byte over */
    ['PUT', 'application/json', 100000],
    ['PATCH', '', 50000],
    ['POST', '', 70000],                        /* no type: PHP reads it lazily */
    ['POST', 'application/octet-stream', 1],
];
foreach ($cases as [$method, $type, $n]) {
    $body = body($n);
    $reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
        'REQUEST_METHOD' => $method,
        'CONTENT_TYPE'   => $type,
    ]), $body);
    echo $method, ' ', $type ?: '(no type)', ' ', $n, ': ',
        $reply->body === "$method $n " . md5($body) . ' same ' . ($n > 262144 ? 'file' : 'memory') . ' post=0'
            ? 'ok' : 'WRONG: ' . $reply->body, "\n";
}

/* a form is still PHP's to parse, a small one right after a big body */
$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'REQUEST_METHOD' => 'POST',
    'CONTENT_TYPE'   => 'application/x-www-form-urlencoded',
]), 'a=1&b=2');
echo 'form: ', preg_replace('/ [0-9a-f]{32} /', ' md5 ', $reply->body), "\n";

/* a shorter body after a longer one: nothing of the old one shows */
$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'REQUEST_METHOD' => 'PUT', 'CONTENT_TYPE' => 'text/plain',
]), 'short');
echo 'short: ', $reply->body === 'PUT 5 ' . md5('short') . ' same memory post=0' ? 'ok' : 'WRONG: ' . $reply->body, "\n";

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();
array_map('unlink', glob("$tmp/*"));
rmdir($tmp);

?>
Done
--EXPECT--
POST application/octet-stream 200000: ok
POST application/json 262144: ok
POST application/json 262145: ok
PUT application/json 100000: ok
PATCH (no type) 50000: ok
POST (no type) 70000: ok
POST application/octet-stream 1: ok
form: POST 7 md5 same memory post=2
short: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
