--TEST--
FPM-SCGI: a 64 MiB response is streamed, not buffered: the worker's peak RSS stays flat
--SKIPIF--
<?php include "skipif.inc";
if (!is_readable('/proc/self/status')) die('skip needs /proc');
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
php_admin_value[output_buffering] = 0
EOT;

$peak = __DIR__ . '/scgi-response-memory-flat.peak';
@unlink($peak);
/* the worker's peak RSS (VmHWM) over its life, after this response */
$code = <<<EOT
<?php
register_shutdown_function(function () {
    preg_match('/^VmHWM:\s+(\d+) kB/m', file_get_contents('/proc/self/status'), \$m);
    file_put_contents('$peak', \$m[1]);
});
\$chunk = str_repeat('0123456789abcdef', 4096);
\$n = (int) \$_SERVER['QUERY_STRING'];
for (\$i = 0; \$i < \$n; \$i++) {
    echo \$chunk;
}
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$peakAfter = function ($chunks) use ($tester, $src, $peak) {
    @unlink($peak);
    $sock = FPM\SCGI\client($tester)->connect();
    fwrite($sock, FPM\SCGI\Client::encode(FPM\SCGI\params($src, ['QUERY_STRING' => (string) $chunks])));
    $bytes = 0;
    while (!feof($sock)) {
        $bytes += strlen(fread($sock, 1 << 20));
    }
    fclose($sock);
    for ($i = 0; $i < 100 && !file_exists($peak); $i++) {
        usleep(10000);
    }
    usleep(20000);
    return [$bytes, (int) @file_get_contents($peak)];
};
list(, $before) = $peakAfter(16);     /* 1 MiB, warms the worker up */
list($bytes, $after) = $peakAfter(1024);  /* 64 MiB */
FPM\SCGI\check('whole response read', $bytes > 64 * 1048576, $bytes);
FPM\SCGI\check('peak RSS grew less than 8 MiB', $before > 0 && $after - $before < 8192, "$before kB -> $after kB");
@unlink($peak);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
whole response read: ok
peak RSS grew less than 8 MiB: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
@unlink(__DIR__ . '/scgi-response-memory-flat.peak');
?>
