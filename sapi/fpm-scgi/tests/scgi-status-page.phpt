--TEST--
FPM-SCGI: status page (plain, html, xml, json, full) and ping over SCGI
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
pm.status_path = /status
ping.path = /ping
ping.response = pong over scgi
EOT;

$tester = new FPM\Tester($cfg, '<?php echo "hello";');
$tester->start();
$tester->expectLogStartNotices();
$tester->request()->expectBody('hello');
$tester->status([
    'pool'                 => 'unconfined',
    'process manager'      => 'static',
    'listen queue'         => 0,
    'max listen queue'     => 0,
    'idle processes'       => 0,
    'active processes'     => 1,
    'total processes'      => 1,
    'max children reached' => 0,
    'slow requests'        => 0,
]);
$tester->ping('{{ADDR}}', 'pong over scgi');

/* the status page counts SCGI connections: 3 more requests, then itself */
$src = $tester->makeSourceFile();
$status = function ($query) use ($tester) {
    return FPM\SCGI\request($tester, FPM\SCGI\params('/status', [
        'SCRIPT_FILENAME' => '/status', 'SCRIPT_NAME' => '/status', 'REQUEST_URI' => '/status?' . $query,
        'DOCUMENT_URI' => '/status', 'QUERY_STRING' => $query,
    ]));
};
$before = json_decode($status('json')->body, true);
for ($i = 0; $i < 3; $i++) {
    FPM\SCGI\request($tester, FPM\SCGI\params($src));
}
$after = json_decode($status('json')->body, true);
FPM\SCGI\check('accepted conn counts SCGI requests', $after['accepted conn'] - $before['accepted conn'] === 4,
    $before['accepted conn'] . ' -> ' . $after['accepted conn']);

$full = $status('json&full');
$data = json_decode($full->body, true);
$uris = array_column($data['processes'] ?? [], 'request uri');
sort($uris);
FPM\SCGI\check('json full: one entry for the worker', count($data['processes'] ?? []) === 1, $full->body);
FPM\SCGI\check('json full: this request is running', in_array('Running', array_column($data['processes'], 'state'), true)
    && in_array('/status?json&full', $uris, true), json_encode($uris));
$full = $status('xml&full');
FPM\SCGI\check('xml full', strpos($full->header('Content-type'), 'text/xml') === 0 && substr_count($full->body, '<process>') === 1
    && simplexml_load_string($full->body) !== false, $full->body);
$full = $status('html&full');
FPM\SCGI\check('html full', substr_count($full->body, '<th>pid</th>') === 1 && strpos($full->body, '<td>/status?html&amp;full</td>') !== false, $full->body);
$full = $status('full');
FPM\SCGI\check('plain full', preg_match_all('/^pid:\s+\d+$/m', $full->body) === 1, $full->body);
FPM\SCGI\check('no cache', $full->header('Cache-Control') !== null && $full->header('Expires') !== null, json_encode($full->headers));

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
accepted conn counts SCGI requests: ok
json full: one entry for the worker: ok
json full: this request is running: ok
xml full: ok
html full: ok
plain full: ok
no cache: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
