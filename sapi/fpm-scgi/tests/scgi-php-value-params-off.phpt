--TEST--
FPM-SCGI: scgi.php_value_params = no ignores PHP_VALUE / PHP_ADMIN_VALUE params
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
scgi.php_value_params = no
php_value[precision] = 10
EOT;

$code = <<<'EOT'
<?php
echo ini_get('precision'), ' ', ini_get('default_mimetype'), ' ', ini_get('max_input_time'), ' ',
    ini_get('auto_prepend_file') === '' ? 'no prepend' : 'prepend set', ' ',
    isset($_SERVER['PHP_VALUE']) || isset($_SERVER['PHP_ADMIN_VALUE']) ? 'params visible' : 'params dropped',
    ' ', $_SERVER['HTTP_X_PHP_VALUE'] ?? '-';
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'PHP_VALUE'       => "precision=5\ndefault_mimetype=text/plain\nauto_prepend_file=/etc/passwd",
    'PHP_ADMIN_VALUE' => 'max_input_time=33',
    /* a look-alike name is just a header */
    'HTTP_X_PHP_VALUE' => 'harmless',
]));
echo $reply->status, ' ', $reply->body, "\n";

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
200 10 text/html -1 no prepend params dropped harmless
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
