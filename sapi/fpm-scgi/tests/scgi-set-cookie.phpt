--TEST--
FPM-SCGI: several Set-Cookie headers all reach the client, in order
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

$code = <<<'EOT'
<?php
setcookie('first', 'one');
setcookie('second', 'two words', 0, '/path');
header('Set-Cookie: third=3; HttpOnly', false);
setrawcookie('fourth', 'raw%20value');
header('X-Multi: a');
header('X-Multi: b', false);
header('X-Replaced: old');
header('X-Replaced: new');
echo count(headers_list());
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src));
print_r($reply->all('Set-Cookie'));
echo implode(',', $reply->all('X-Multi')), ' ', implode(',', $reply->all('X-Replaced')), ' ', $reply->body, "\n";

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
Array
(
    [0] => first=one
    [1] => second=two%20words; path=/path
    [2] => third=3; HttpOnly
    [3] => fourth=raw%20value
)
a,b new 8
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
