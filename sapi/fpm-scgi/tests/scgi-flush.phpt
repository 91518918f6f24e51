--TEST--
FPM-SCGI: flush() puts headers and output on the wire before the script ends
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

$go = __DIR__ . '/scgi-flush.go';
@unlink($go);
/* the script waits until the client has seen the flushed part */
$code = <<<EOT
<?php
header('X-Flushed: yes');
echo "first\\n";
flush();
for (\$i = 0; \$i < 300 && !file_exists('$go'); \$i++) {
    usleep(10000);
}
echo file_exists('$go') ? "second\\n" : "the client never saw the first part\\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$client = FPM\SCGI\client($tester);
$sock = $client->connect();
fwrite($sock, FPM\SCGI\Client::encode(FPM\SCGI\params($src)));
$seen = '';
$deadline = microtime(true) + 2;
while (strpos($seen, "first\n") === false && microtime(true) < $deadline) {
    $r = [$sock]; $w = $e = null;
    if (stream_select($r, $w, $e, 0, 100000)) {
        $chunk = fread($sock, 8192);
        if ($chunk === '' || $chunk === false) {
            break;
        }
        $seen .= $chunk;
    }
}
$early = new FPM\SCGI\Reply($seen);
FPM\SCGI\check('flushed part before the end', $early->body === "first\n" && $early->header('X-Flushed') === 'yes', $seen);
touch($go);
$rest = stream_get_contents($sock);
fclose($sock);
FPM\SCGI\check('rest after the end', $rest === "second\n", $rest);
@unlink($go);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
flushed part before the end: ok
rest after the end: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
@unlink(__DIR__ . '/scgi-flush.go');
?>
