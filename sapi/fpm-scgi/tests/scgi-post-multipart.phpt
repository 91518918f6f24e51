--TEST--
FPM-SCGI: multipart/form-data upload arrives in $_FILES with its content intact
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
php_admin_value[upload_max_filesize] = 4M
php_admin_value[post_max_size] = 8M
EOT;

$code = <<<'EOT'
<?php
foreach ($_FILES as $field => $f) {
    echo $field, ' ', $f['name'], ' ', $f['type'], ' ', $f['size'], ' ', $f['error'], ' ',
        md5_file($f['tmp_name']), ' ', is_uploaded_file($f['tmp_name']) ? 'uploaded' : 'not uploaded', "\n";
}
echo json_encode($_POST), "\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$data = '';
for ($i = 0; strlen($data) < 300000; $i++) {
    $data .= sha1($i, true);
}
$data .= "\r\n--not-the-boundary\r\n";   /* looks like a boundary, is content */
$small = "hello\0world";
$boundary = '----scgi' . md5('boundary');
$body = "--$boundary\r\n"
    . "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
    . "a note\r\n"
    . "--$boundary\r\n"
    . "Content-Disposition: form-data; name=\"upload\"; filename=\"data.bin\"\r\n"
    . "Content-Type: application/octet-stream\r\n\r\n"
    . $data . "\r\n"
    . "--$boundary\r\n"
    . "Content-Disposition: form-data; name=\"small\"; filename=\"small.txt\"\r\n"
    . "Content-Type: text/plain\r\n\r\n"
    . $small . "\r\n"
    . "--$boundary--\r\n";

$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'REQUEST_METHOD' => 'POST',
    'CONTENT_TYPE'   => "multipart/form-data; boundary=$boundary",
]), $body);
$expected = "upload data.bin application/octet-stream " . strlen($data) . " 0 " . md5($data) . " uploaded\n"
    . "small small.txt text/plain " . strlen($small) . " 0 " . md5($small) . " uploaded\n"
    . '{"note":"a note"}' . "\n";
FPM\SCGI\check('upload', $reply->body === $expected, $reply->raw);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
upload: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
