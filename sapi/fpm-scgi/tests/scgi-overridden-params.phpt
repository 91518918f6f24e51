--TEST--
FPM-SCGI: a CGI variable sent twice (an scgi_param overriding scgi_params) takes the last value, as in php-fpm
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
echo json_encode([
    'HTTPS'          => $_SERVER['HTTPS'] ?? null,
    'SERVER_NAME'    => $_SERVER['SERVER_NAME'],
    'SERVER_PORT'    => $_SERVER['SERVER_PORT'],
    'HTTP_HOST'      => $_SERVER['HTTP_HOST'],
    'REQUEST_METHOD' => $_SERVER['REQUEST_METHOD'],
    'script'         => basename(__FILE__) === basename($_SERVER['SCRIPT_FILENAME']) ? 'the last SCRIPT_FILENAME' : $_SERVER['SCRIPT_FILENAME'],
    'getenv HTTPS'   => getenv('HTTPS'),
]), "\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$params = FPM\SCGI\params($src, [
    'HTTP_HOST'       => 'example.org',
    'HTTPS'           => '',
    'SCRIPT_FILENAME' => dirname($src) . '/no-such-script.php',
]);

/* include scgi_params; then scgi_param HTTPS on; scgi_param SERVER_NAME $host;
 * scgi_param HTTP_HOST $http_host; ... (Host is no list: the last wins too) */
$reply = FPM\SCGI\raw($tester, FPM\SCGI\encode_pairs($params, [
    ['HTTPS', 'on'],
    ['HTTP_HOST', 'example.org:8443'],
    ['SERVER_NAME', 'www.example.org'],
    ['SERVER_PORT', '443'],
    ['SERVER_NAME', 'example.org'],
    ['REQUEST_METHOD', 'HEAD'],
    ['REQUEST_METHOD', 'GET'],
    ['SCRIPT_FILENAME', $src],
]));
echo $reply->status, ' ', $reply->body;

/* and back: no override in the next request */
$reply = FPM\SCGI\raw($tester, FPM\SCGI\encode_pairs(FPM\SCGI\params($src, ['HTTP_HOST' => 'localhost']), []));
echo $reply->status, ' ', $reply->body;

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
200 {"HTTPS":"on","SERVER_NAME":"example.org","SERVER_PORT":"443","HTTP_HOST":"example.org:8443","REQUEST_METHOD":"GET","script":"the last SCRIPT_FILENAME","getenv HTTPS":"on"}
200 {"HTTPS":null,"SERVER_NAME":"localhost","SERVER_PORT":"80","HTTP_HOST":"localhost","REQUEST_METHOD":"GET","script":"the last SCRIPT_FILENAME","getenv HTTPS":false}
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
