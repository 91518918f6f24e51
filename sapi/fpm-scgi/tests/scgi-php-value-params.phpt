--TEST--
FPM-SCGI: PHP_VALUE / PHP_ADMIN_VALUE params are honoured by default, as in php-fpm
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
echo implode('|', [ini_get('precision'), ini_get('default_mimetype'), ini_get('max_input_time'),
    $_SERVER['PHP_VALUE'] ?? '-', $_SERVER['PHP_ADMIN_VALUE'] ?? '-']);
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$plain = FPM\SCGI\request($tester, FPM\SCGI\params($src));
echo 'defaults:    ', $plain->body, "\n";
$with = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'PHP_VALUE'       => "precision=5\ndefault_mimetype=text/plain",
    'PHP_ADMIN_VALUE' => 'max_input_time=33',
]));
echo 'with params: ', str_replace("\n", '\n', $with->body), "\n";
echo 'type:        ', $with->header('Content-type'), "\n";
/* Like php-fpm, the values stay in the worker (FPM changes the master
 * values); the params themselves do not. */
$after = FPM\SCGI\request($tester, FPM\SCGI\params($src));
echo 'next:        ', $after->body, "\n";

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
defaults:    14|text/html|-1|-|-
with params: 5|text/plain|33|precision=5\ndefault_mimetype=text/plain|max_input_time=33
type:        text/plain; charset=UTF-8
next:        5|text/plain|33|-|-
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
