--TEST--
FPM-SCGI: bodies over post_max_size / upload_max_filesize give PHP's clean errors, no hang
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
php_admin_value[post_max_size] = 64K
php_admin_value[upload_max_filesize] = 1K
; PHP 8 shows start-up errors by default; the script reports them itself
php_admin_flag[display_startup_errors] = off
EOT;

$code = <<<'EOT'
<?php
echo error_get_last()['message'] ?? 'no error', "\n";
echo 'post ', count($_POST), ' files ', json_encode(array_map(function ($f) { return $f['error']; }, $_FILES)),
    ' input ', strlen(file_get_contents('php://input')), "\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$form = 'a=' . str_repeat('x', 200000);
$start = microtime(true);
$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'REQUEST_METHOD' => 'POST', 'CONTENT_TYPE' => 'application/x-www-form-urlencoded',
]), $form, 5000);
echo $reply->status, ' ', trim($reply->body), "\n";

$multipart = "--X\r\nContent-Disposition: form-data; name=\"f\"; filename=\"big.bin\"\r\n\r\n" . str_repeat('y', 5000)
    . "\r\n--X\r\nContent-Disposition: form-data; name=\"g\"; filename=\"small.bin\"\r\n\r\nsmall\r\n--X--\r\n";
$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'REQUEST_METHOD' => 'POST', 'CONTENT_TYPE' => 'multipart/form-data; boundary=X',
]), $multipart, 5000);
echo $reply->status, ' ', trim($reply->body), "\n";
/* a body PHP keeps for php://input: PHP's warning too, and the body is
 * still there for php://input, as php-fpm reads it then */
$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'REQUEST_METHOD' => 'POST', 'CONTENT_TYPE' => 'application/json',
]), str_repeat('z', 100000), 5000);
echo $reply->status, ' ', trim($reply->body), "\n";
FPM\SCGI\check('no waiting', microtime(true) - $start < 3);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECTF--
200 %s: POST Content-Length of 200002 bytes exceeds the limit of 65536 bytes
post 0 files [] input 200002
200 no error
post 0 files {"f":1,"g":0} input 0
200 %s: POST Content-Length of 100000 bytes exceeds the limit of 65536 bytes
post 0 files [] input 100000
no waiting: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
