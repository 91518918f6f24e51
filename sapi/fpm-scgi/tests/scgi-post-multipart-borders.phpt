--TEST--
FPM-SCGI: multipart parts whose sizes and boundary look-alikes straddle PHP's multipart buffer arrive intact
--SKIPIF--
<?php include "skipif.inc"; ?>
--FILE--
<?php

require_once "tester.inc";

/* patches/0012 reads multipart bodies 32 KiB at a time (it was 5 KiB):
 * parts of sizes around both buffer sizes and their multiples, with the
 * start of the boundary placed where a buffer ends, must come out byte for
 * byte, and so must a field larger than the buffer and a header line longer
 * than the old one. */
$cfg = <<<EOT
[global]
error_log = {{FILE:LOG}}
[unconfined]
listen = {{ADDR}}
pm = static
pm.max_children = 1
php_admin_value[upload_max_filesize] = 8M
php_admin_value[post_max_size] = 16M
php_admin_value[max_file_uploads] = 100
EOT;

$code = <<<'EOT'
<?php
foreach ($_FILES as $field => $f) {
    echo $field, ' ', strlen($f['name']), ' ', $f['size'], ' ', $f['error'], ' ', md5_file($f['tmp_name']), "\n";
}
foreach ($_POST as $field => $v) {
    echo $field, ' ', strlen($v), ' ', md5($v), "\n";
}
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$boundary = '----scgi' . md5('borders');
$lookalike = "\r\n--" . substr($boundary, 0, -1);    /* all of the delimiter but its last byte */

function content($size, $seed, $lookalike, array $at)
{
    $s = '';
    for ($i = 0; strlen($s) < $size; $i++) {
        $s .= sha1($seed . ':' . $i, true);
    }
    $s = substr($s, 0, $size);
    foreach ($at as $pos) {
        if ($pos >= 0 && $pos + strlen($lookalike) <= $size) {
            $s = substr_replace($s, $lookalike, $pos, strlen($lookalike));
        }
    }
    return $s;
}

$parts = [];
$expected = '';
$sizes = [1, 5119, 5120, 5121, 32767, 32768, 32769, 65539, 200000];
foreach ($sizes as $n => $size) {
    /* look-alikes ending at, across and just after 5 KiB and 32 KiB marks */
    $at = [];
    foreach ([5120, 32768, 65536, 98304] as $mark) {
        foreach ([-strlen($lookalike), -10, -1, 0, 1] as $d) {
            $at[] = $mark + $d - 300 * $n;
        }
    }
    $data = content($size, $n, $lookalike, $at);
    $parts[] = "Content-Disposition: form-data; name=\"f$n\"; filename=\"f$n.bin\"\r\n"
        . "Content-Type: application/octet-stream\r\n\r\n" . $data;
    $expected .= "f$n 6 $size 0 " . md5($data) . "\n";
}
$long_name = str_repeat('n', 6000) . '.bin';   /* a header line longer than 5 KiB */
$data = content(7000, 'long', $lookalike, [5000]);
$parts[] = "Content-Disposition: form-data; name=\"long\"; filename=\"$long_name\"\r\n"
    . "Content-Type: application/octet-stream\r\n\r\n" . $data;
$expected .= "long " . strlen($long_name) . " 7000 0 " . md5($data) . "\n";
$field = content(40000, 'field', $lookalike, [32760, 5117]);
$parts[] = "Content-Disposition: form-data; name=\"field\"\r\n\r\n" . $field;
$expected .= "field 40000 " . md5($field) . "\n";

$body = '';
foreach ($parts as $p) {
    $body .= "--$boundary\r\n" . $p . "\r\n";
}
$body .= "--$boundary--\r\n";

$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'REQUEST_METHOD' => 'POST',
    'CONTENT_TYPE' => "multipart/form-data; boundary=$boundary",
]), $body);
FPM\SCGI\check('parts', $reply->body === $expected, $reply->body . "\nexpected:\n" . $expected);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
parts: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
