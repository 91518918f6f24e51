--TEST--
FPM-SCGI: php-fpm-scgi -v names the fpm-scgi SAPI
--SKIPIF--
<?php include "skipif.inc"; ?>
--FILE--
<?php

require_once "tester.inc";

$binary = FPM\Tester::findExecutable();
echo basename($binary), "\n";
exec(escapeshellarg($binary) . ' -n -v 2>&1', $output, $code);
echo "exit: $code\n";
echo preg_replace('/\(built: [^)]*\)/', '(built: X)', $output[0]), "\n";
/* the php-fpm binary must not be the one found */
var_dump(strpos(implode("\n", $output), '(fpm-fcgi)'));

?>
Done
--EXPECTF--
php-fpm-scgi
exit: 0
PHP %d.%d.%d%S (fpm-scgi) (built: X)%S
bool(false)
Done
