--TEST--
FPM-SCGI: php-fpm-scgi -i reports an SCGI server API, not FastCGI
--SKIPIF--
<?php include "skipif.inc"; ?>
--FILE--
<?php

require_once "tester.inc";

exec(escapeshellarg(FPM\Tester::findExecutable()) . ' -n -i 2>&1', $output, $code);
echo "exit: $code\n";
foreach ($output as $line) {
    if (strpos($line, 'Server API =>') === 0) {
        echo $line, "\n";
    }
}

?>
Done
--EXPECT--
exit: 0
Server API => FPM/SCGI
Done
