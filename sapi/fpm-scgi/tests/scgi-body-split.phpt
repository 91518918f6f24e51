--TEST--
FPM-SCGI: body bytes that come with the header are kept, the rest is read later
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

$code = <<<'EOT'
<?php
if (isset($_POST['field'])) {
    echo 'post ', strlen($_POST['field']), ' ', md5($_POST['field']);
} else {
    $in = file_get_contents('php://input');
    echo 'input ', strlen($in), ' ', md5($in);
}
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

/* Send $request in pieces cut at $cuts, pausing between them. */
function send_in_pieces($tester, $request, array $cuts)
{
    $client = FPM\SCGI\client($tester, 5000);
    $sock = $client->connect();
    $from = 0;
    foreach (array_merge($cuts, [strlen($request)]) as $to) {
        fwrite($sock, substr($request, $from, $to - $from));
        fflush($sock);
        $from = $to;
        usleep(150000);
    }
    $response = stream_get_contents($sock);
    fclose($sock);
    return new FPM\SCGI\Reply($response);
}

$body = str_repeat('0123456789abcdef', 4096);   /* 64 KiB */
$params = FPM\SCGI\params($src, ['REQUEST_METHOD' => 'POST', 'CONTENT_TYPE' => 'application/octet-stream']);
$request = FPM\SCGI\Client::encode($params, $body);
$headerEnd = strpos($request, ',') + 1;
$want = 'input ' . strlen($body) . ' ' . md5($body);

$cases = [
    'header and part of the body, then the rest' => [$headerEnd + 1000],
    'header and one body byte, then the rest'    => [$headerEnd + 1],
    'header alone, then the body'                => [$headerEnd],
    'header cut in the length prefix'            => [1, $headerEnd + 10],
    'header cut in the pairs, body in pieces'    => [40, $headerEnd + 5, $headerEnd + 30000],
];
foreach ($cases as $name => $cuts) {
    $reply = send_in_pieces($tester, $request, $cuts);
    FPM\SCGI\check($name, $reply->body === $want, $reply->raw);
}

/* the same for a form that PHP reads before the script runs */
$field = str_repeat('q', 50000);
$params['CONTENT_TYPE'] = 'application/x-www-form-urlencoded';
$request = FPM\SCGI\Client::encode($params, 'field=' . $field);
$headerEnd = strpos($request, ',') + 1;
$reply = send_in_pieces($tester, $request, [$headerEnd + 100]);
FPM\SCGI\check('form split', $reply->body === 'post 50000 ' . md5($field), $reply->raw);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
header and part of the body, then the rest: ok
header and one body byte, then the rest: ok
header alone, then the body: ok
header cut in the length prefix: ok
header cut in the pairs, body in pieces: ok
form split: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
