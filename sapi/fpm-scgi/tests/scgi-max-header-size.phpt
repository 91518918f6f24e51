--TEST--
FPM-SCGI: scgi.max_header_size refuses a larger header at once, and no smaller one
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
scgi.max_header_size = 2048
scgi.header_timeout = 5s
EOT;

$code = '<?php echo getmypid(), " ", strlen($_SERVER["HTTP_X_PAD"] ?? ""), " ", $_SERVER["REQUEST_METHOD"];';

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$log = new FPM\SCGI\LogWatch(__FILE__);

/* a request whose netstring payload is exactly $size bytes */
function sized_request($src, $size, $body = '')
{
    $params = FPM\SCGI\params($src, ['HTTP_X_PAD' => '']);
    $bytes = FPM\SCGI\Client::encode($params, $body);
    $payload = (int) $bytes;   /* the netstring length prefix */
    $params['HTTP_X_PAD'] = str_repeat('p', $size - $payload);
    return FPM\SCGI\Client::encode($params, $body);
}

$first = FPM\SCGI\request($tester, FPM\SCGI\params($src));
$pid = strtok($first->body, ' ');
foreach ([2048, 2049, 4000] as $size) {
    $bytes = sized_request($src, $size);
    $reply = FPM\SCGI\raw($tester, $bytes);
    $pad = strlen(explode("\0", substr($bytes, strpos($bytes, "HTTP_X_PAD\0")))[1]);
    $reasons = array_map(function ($l) {
        return substr($l, strrpos($l, ': ') + 2);
    }, $log->scgi_warnings($reply->status === 200 ? 0 : 1000));
    echo rtrim("$size: " . strtok($bytes, ':') . ' ' . $reply->status . ' '
        . str_replace(["$pid $pad ", $pid], ['PID whole-pad ', 'PID'], trim($reply->body)) . ' ' . implode(' ', $reasons)), "\n";
}

/* the length prefix alone is enough: no waiting for 1 MiB that will not be read */
$client = FPM\SCGI\client($tester, 3000);
$sock = $client->connect();
$start = microtime(true);
fwrite($sock, "1048576:CONTENT_LENGTH\0");
$response = stream_get_contents($sock);
fclose($sock);
FPM\SCGI\check('refused on the length prefix', strpos($response, "Status: 400") === 0 && microtime(true) - $start < 2,
    sprintf('%.2fs %s', microtime(true) - $start, $response));
echo implode('', array_map(function ($l) { return substr($l, strrpos($l, ': ') + 2); }, $log->scgi_warnings(1000))), "\n";

$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src));
FPM\SCGI\check('same worker goes on', $reply->body === "$pid 0 GET", $reply->body);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
2048: 2048 200 PID whole-pad GET
2049: 2049 400 Bad Request header is larger than the limit
4000: 4000 400 Bad Request header is larger than the limit
refused on the length prefix: ok
header is larger than the limit
same worker goes on: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
