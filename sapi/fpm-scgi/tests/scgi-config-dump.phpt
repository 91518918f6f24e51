--TEST--
FPM-SCGI: -tt dumps the scgi.* values of every pool, defaults included
--SKIPIF--
<?php include "skipif.inc"; ?>
--FILE--
<?php

require_once "tester.inc";

$conf = __DIR__ . '/scgi-config-dump.ini';
file_put_contents($conf, <<<EOT
[global]
error_log = /dev/null
[set]
listen = 127.0.0.1:9998
pm = static
pm.max_children = 1
scgi.max_header_size = 32768
scgi.max_header_pairs = 100
scgi.header_timeout = 2m
scgi.body_timeout = 90
scgi.php_value_params = off
scgi.body_buffer_size = 64k
[defaults]
listen = 127.0.0.1:9999
pm = static
pm.max_children = 1
EOT
);
exec(escapeshellarg(FPM\Tester::findExecutable()) . ' -n -R -tt -y ' . escapeshellarg($conf) . ' 2>&1', $output, $code);
echo "exit $code\n";
foreach ($output as $line) {
    if (preg_match('/NOTICE: \[(\w+)\]$/', $line, $m)) {
        echo "[$m[1]]\n";
    } elseif (preg_match('/NOTICE: \s*(scgi\.\S+ = .*)$/', $line, $m)) {
        echo "  $m[1]\n";
    } elseif (strpos($line, 'test is successful') !== false) {
        echo "successful\n";
    }
}
@unlink($conf);

?>
Done
--EXPECT--
exit 0
[global]
[set]
  scgi.max_header_size = 32768
  scgi.max_header_pairs = 100
  scgi.header_timeout = 120s
  scgi.body_timeout = 90s
  scgi.php_value_params = no
  scgi.body_buffer_size = 65536
[defaults]
  scgi.max_header_size = 65536
  scgi.max_header_pairs = 512
  scgi.header_timeout = 10s
  scgi.body_timeout = 60s
  scgi.php_value_params = yes
  scgi.body_buffer_size = 1048576
successful
Done
--CLEAN--
<?php
@unlink(__DIR__ . '/scgi-config-dump.ini');
?>
