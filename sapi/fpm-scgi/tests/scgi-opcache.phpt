--TEST--
FPM over SCGI: OPcache caches scripts in php-fpm-scgi workers
--SKIPIF--
<?php
include "skipif.inc";
if (!is_file(__DIR__ . '/../../../modules/opcache.so')) die('skip opcache.so not built');
?>
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
php_admin_value[opcache.file_update_protection] = 0
EOT;

$code = <<<EOT
<?php
\$status = opcache_get_status(false);
echo \$status['opcache_enabled'] ? "enabled" : "disabled", "\n";
echo \$status['opcache_statistics']['hits'] > 0 ? "hit" : "miss", "\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
/* load opcache unless the build's ini (scan dir) already does */
$loaded = strpos(shell_exec(escapeshellarg(FPM\Tester::findExecutable()) . ' -m'), 'Zend OPcache') !== false;
$tester->start($loaded ? [] : ['-d', 'zend_extension=' . realpath(__DIR__ . '/../../../modules/opcache.so')]);
$tester->expectLogStartNotices();
/* the first request compiles and caches the script, the second finds it */
$tester->request()->expectBody(['enabled', 'miss']);
$tester->request()->expectBody(['enabled', 'hit']);
$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
