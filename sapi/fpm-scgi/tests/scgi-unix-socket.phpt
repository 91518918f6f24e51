--TEST--
FPM-SCGI: requests over a unix socket; a bad one is logged as from the unix socket
--SKIPIF--
<?php include "skipif.inc"; ?>
--FILE--
<?php

require_once "tester.inc";

$cfg = <<<EOT
[global]
error_log = {{FILE:LOG}}
[unconfined]
listen = {{ADDR:UDS}}
pm = static
pm.max_children = 1
EOT;

$tester = new FPM\Tester($cfg, '<?php echo "served over ", $_SERVER["REMOTE_ADDR"], " ", strlen(file_get_contents("php://input"));');
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$log = new FPM\SCGI\LogWatch(__FILE__);
$client = new FPM\SCGI\Client('unix://' . $tester->getAddr('uds'), -1);

$reply = new FPM\SCGI\Reply($client->request(FPM\SCGI\params($src, ['REMOTE_ADDR' => 'unix:', 'REQUEST_METHOD' => 'PUT']), str_repeat('u', 200000)));
echo $reply->body, "\n";
$bad = $client->wait_for_response_data($client->send_raw("7:garbage,"))['response'];
echo strtok($bad, "\r"), "\n";
foreach ($log->scgi_warnings(1000) as $line) {
    echo substr($line, strpos($line, 'SCGI request from')), "\n";
}
$reply = new FPM\SCGI\Reply($client->request(FPM\SCGI\params($src, ['REMOTE_ADDR' => 'unix:']), ''));
echo $reply->body, "\n";

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
served over unix: 200000
Status: 400 Bad Request
SCGI request from unix socket: header does not end with a NUL
served over unix: 0
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
