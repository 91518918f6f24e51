--TEST--
FPM-SCGI: -t accepts the scgi.* directives and rejects bad values with a clear error
--SKIPIF--
<?php include "skipif.inc"; ?>
--FILE--
<?php

require_once "tester.inc";

$conf = __DIR__ . '/scgi-config-test.ini';
function config_test($conf, $directives)
{
    file_put_contents($conf, "[global]\nerror_log = /dev/null\n[www]\nlisten = 127.0.0.1:9999\n"
        . "pm = static\npm.max_children = 1\n" . $directives . "\n");
    $cmd = escapeshellarg(FPM\Tester::findExecutable()) . ' -n -R -t -y ' . escapeshellarg($conf) . ' 2>&1';
    exec($cmd, $output, $code);
    $first = preg_replace('/^\[[^]]+\] /', '', $output[0] ?? '');
    return "exit $code: " . str_replace($conf, 'CONF', $first);
}

$good = "scgi.max_header_size = 1024\nscgi.max_header_pairs = 8\nscgi.header_timeout = 1s\n"
    . "scgi.body_timeout = 2m\nscgi.php_value_params = no\nscgi.body_buffer_size = 0";
echo config_test($conf, $good), "\n";
echo config_test($conf, "scgi.max_header_size = 16777216\nscgi.max_header_pairs = 4096\nscgi.php_value_params = yes\nscgi.body_buffer_size = 256M"), "\n";
foreach ([
    'scgi.max_header_size = 10',
    'scgi.max_header_size = 16777217',
    'scgi.max_header_size = 64k',
    'scgi.max_header_pairs = 7',
    'scgi.max_header_pairs = 4097',
    'scgi.header_timeout = 0',
    'scgi.header_timeout = 5x',
    'scgi.body_timeout = 0s',
    'scgi.php_value_params = maybe',
    'scgi.body_buffer_size = 257M',
    'scgi.body_buffer_size = 1T',
    'scgi.body_buffer_size = -1',
    'scgi.body_buffer_size = 4g',
    'scgi.no_such_directive = 1',
] as $bad) {
    echo "$bad => ", config_test($conf, $bad), "\n";
}
@unlink($conf);

?>
Done
--EXPECT--
exit 0: NOTICE: configuration file CONF test is successful
exit 0: NOTICE: configuration file CONF test is successful
scgi.max_header_size = 10 => exit 78: ERROR: [pool www] 'scgi.max_header_size' must be between 1024 and 16777216 bytes, not 10
scgi.max_header_size = 16777217 => exit 78: ERROR: [pool www] 'scgi.max_header_size' must be between 1024 and 16777216 bytes, not 16777217
scgi.max_header_size = 64k => exit 78: ERROR: [CONF:7] unable to parse value for entry 'scgi.max_header_size': is not a valid number (greater or equal than zero)
scgi.max_header_pairs = 7 => exit 78: ERROR: [pool www] 'scgi.max_header_pairs' must be between 8 and 4096, not 7
scgi.max_header_pairs = 4097 => exit 78: ERROR: [pool www] 'scgi.max_header_pairs' must be between 8 and 4096, not 4097
scgi.header_timeout = 0 => exit 78: ERROR: [pool www] 'scgi.header_timeout' must be at least 1s
scgi.header_timeout = 5x => exit 78: ERROR: [CONF:7] unable to parse value for entry 'scgi.header_timeout': unknown suffix used in time value
scgi.body_timeout = 0s => exit 78: ERROR: [pool www] 'scgi.body_timeout' must be at least 1s
scgi.php_value_params = maybe => exit 78: ERROR: [CONF:7] unable to parse value for entry 'scgi.php_value_params': invalid boolean value
scgi.body_buffer_size = 257M => exit 78: ERROR: [pool www] 'scgi.body_buffer_size' must be between 0 and 256M, not 269484032
scgi.body_buffer_size = 1T => exit 78: ERROR: [CONF:7] unable to parse value for entry 'scgi.body_buffer_size': is not a valid size (digits, then k, m or g)
scgi.body_buffer_size = -1 => exit 78: ERROR: [CONF:7] unable to parse value for entry 'scgi.body_buffer_size': is not a valid size (digits, then k, m or g)
scgi.body_buffer_size = 4g => exit 78: ERROR: [CONF:7] unable to parse value for entry 'scgi.body_buffer_size': is too large
scgi.no_such_directive = 1 => exit 78: ERROR: [CONF:7] unknown entry 'scgi.no_such_directive'
Done
--CLEAN--
<?php
@unlink(__DIR__ . '/scgi-config-test.ini');
?>
