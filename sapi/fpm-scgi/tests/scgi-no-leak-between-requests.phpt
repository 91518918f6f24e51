--TEST--
FPM-SCGI: a worker never shows one request's data to the next
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
$seen = [
    'pid' => getmypid(), 'server' => $_SERVER, 'env' => getenv(), 'get' => $_GET, 'post' => $_POST,
    'cookie' => $_COOKIE, 'files' => $_FILES, 'request' => $_REQUEST, 'input' => file_get_contents('php://input'),
    'headers' => getallheaders(), 'x_secret' => getenv('HTTP_X_SECRET'), 'path_info' => getenv('PATH_INFO'),
];
foreach ($_FILES as $f) {
    $seen['tmp'][] = $f['tmp_name'];
}
if (isset($_GET['check'])) {
    $seen['tmp_still_there'] = file_exists($_GET['check']);
}
echo serialize($seen);
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();

$boundary = 'B0undary';
$secretBody = "--$boundary\r\nContent-Disposition: form-data; name=\"field\"\r\n\r\nSECRET-FIELD\r\n"
    . "--$boundary\r\nContent-Disposition: form-data; name=\"upload\"; filename=\"SECRET-NAME.txt\"\r\n\r\n"
    . str_repeat('SECRET-FILE ', 2000) . "\r\n--$boundary--\r\n";
$secret = FPM\SCGI\params($src, [
    'HTTP_X_SECRET'  => 'SECRET-HEADER',
    'REQUEST_METHOD' => 'POST',
    'CONTENT_TYPE'   => "multipart/form-data; boundary=$boundary",
    'QUERY_STRING'   => 'token=SECRET-QUERY',
    'HTTP_COOKIE'    => 'session=SECRET-COOKIE',
    'HTTP_AUTHORIZATION' => 'Basic SECRET-AUTH',
    'PATH_INFO'      => '/SECRET-PATH',
    'HTTP_X_PADDING' => str_repeat('SECRET-PAD ', 3000),
]);
for ($i = 0; $i < 50; $i++) {
    $secret["HTTP_X_SECRET_$i"] = "SECRET-$i";
}
$first = unserialize(FPM\SCGI\request($tester, $secret, $secretBody)->body);
FPM\SCGI\check('first request sees its own data', ($first['server']['HTTP_X_SECRET'] ?? '') === 'SECRET-HEADER'
    && $first['post'] === ['field' => 'SECRET-FIELD'] && $first['cookie'] === ['session' => 'SECRET-COOKIE']
    && $first['x_secret'] === 'SECRET-HEADER' && count($first['tmp'] ?? []) === 1);

/* the next request: a PUT with a short body, a GET with none */
foreach (['PUT' => 'x', 'GET' => ''] as $method => $body) {
    $reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
        'REQUEST_METHOD' => $method,
        'QUERY_STRING'   => 'check=' . urlencode($first['tmp'][0]),
    ]), $body);
    $next = unserialize($reply->body);
    FPM\SCGI\check("$method: same worker", $next['pid'] === $first['pid']);
    FPM\SCGI\check("$method: nothing secret anywhere", strpos($reply->body, 'SECRET') === false,
        implode(' ', array_slice(preg_grep('/SECRET/', preg_split('/[";]/', $reply->body)), 0, 5)));
    FPM\SCGI\check("$method: own body only", $next['input'] === $body, json_encode($next['input']));
    FPM\SCGI\check("$method: upload gone", $next['files'] === [] && $next['tmp_still_there'] === false);
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
first request sees its own data: ok
PUT: same worker: ok
PUT: nothing secret anywhere: ok
PUT: own body only: ok
PUT: upload gone: ok
GET: same worker: ok
GET: nothing secret anywhere: ok
GET: own body only: ok
GET: upload gone: ok
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
