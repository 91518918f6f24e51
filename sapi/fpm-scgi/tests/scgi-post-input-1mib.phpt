--TEST--
FPM-SCGI: php://input delivers a 1 MiB body intact, and twice
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
php_admin_value[post_max_size] = 8M
EOT;

$code = <<<'EOT'
<?php
$in = file_get_contents('php://input');
$again = file_get_contents('php://input');
echo strlen($in), ' ', md5($in), ' ', $in === $again ? 'same' : 'differs', ' ', count($_POST);
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$body = '';
for ($i = 0; strlen($body) < 1048576; $i++) {
    $body .= md5($i, true);  /* every byte value, no repeating pattern */
}
$body = substr($body, 0, 1048576);
$expected = strlen($body) . ' ' . md5($body) . ' same 0';
foreach (['application/octet-stream', 'application/json'] as $type) {
    $reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
        'REQUEST_METHOD' => 'PUT',
        'CONTENT_TYPE'   => $type,
    ]), $body);
    FPM\SCGI\check($type, $reply->body === $expected, $reply->raw);
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
application/octet-stream: ok
application/json: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
