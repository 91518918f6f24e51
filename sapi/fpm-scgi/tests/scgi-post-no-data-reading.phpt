--TEST--
FPM-SCGI: enable_post_data_reading=0 leaves $_POST empty and the body to php://input
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
php_admin_flag[enable_post_data_reading] = off
EOT;

$code = <<<'EOT'
<?php
$in = file_get_contents('php://input');
echo count($_POST), ' ', count($_FILES), ' ', strlen($in), ' ', md5($in);
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$form = 'a=1&b=' . str_repeat('x', 70000);
$boundary = 'XyZ';
$multipart = "--$boundary\r\nContent-Disposition: form-data; name=\"f\"; filename=\"f.txt\"\r\n\r\n"
    . str_repeat('data', 5000) . "\r\n--$boundary--\r\n";
foreach ([
    'application/x-www-form-urlencoded' => $form,
    "multipart/form-data; boundary=$boundary" => $multipart,
] as $type => $body) {
    $reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
        'REQUEST_METHOD' => 'POST',
        'CONTENT_TYPE'   => $type,
    ]), $body);
    FPM\SCGI\check(strtok($type, ';'), $reply->body === '0 0 ' . strlen($body) . ' ' . md5($body), $reply->body);
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
application/x-www-form-urlencoded: ok
multipart/form-data: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
