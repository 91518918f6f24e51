--TEST--
FPM-SCGI: connection_aborted() / ignore_user_abort() when the client goes away
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

$result = __DIR__ . '/scgi-connection-aborted.result';
@unlink($result);
$code = <<<EOT
<?php
ignore_user_abort(\$_SERVER['QUERY_STRING'] === 'ignore');
register_shutdown_function(function () {
    file_put_contents('$result', 'shutdown with status ' . connection_status() . "\\n", FILE_APPEND);
});
for (\$i = 0; \$i < 100; \$i++) {
    echo str_repeat('.', 4096), "\\n";
    flush();
    if (connection_aborted()) {
        file_put_contents('$result', "noticed the abort\\n", FILE_APPEND);
        break;
    }
    usleep(30000);
}
file_put_contents('$result', 'loop ended ' . (\$i < 100 ? 'early' : 'normally') . "\\n", FILE_APPEND);
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

foreach (['ignore', 'default'] as $mode) {
    @unlink($result);
    $sock = FPM\SCGI\client($tester)->connect();
    fwrite($sock, FPM\SCGI\Client::encode(FPM\SCGI\params($src, ['QUERY_STRING' => $mode])));
    fread($sock, 1000);   /* the script has started */
    fclose($sock);
    for ($i = 0; $i < 100 && strpos((string) @file_get_contents($result), 'shutdown') === false; $i++) {
        usleep(50000);
    }
    echo "== $mode\n", @file_get_contents($result);
}
@unlink($result);
/* and the worker serves the next one */
echo FPM\SCGI\request($tester, FPM\SCGI\params($src, ['QUERY_STRING' => 'x']))->status, "\n";
@unlink($result);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
== ignore
noticed the abort
loop ended early
shutdown with status 1
== default
shutdown with status 1
200
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
@unlink(__DIR__ . '/scgi-connection-aborted.result');
?>
