--TEST--
FPM-SCGI: /script.php/some/path with only DOCUMENT_ROOT + DOCUMENT_URI gives PATH_INFO
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
foreach (['SCRIPT_NAME', 'PATH_INFO', 'PATH_TRANSLATED', 'PHP_SELF', 'REQUEST_URI'] as $v) {
    echo $v, ' ', var_export($_SERVER[$v] ?? null, true), "\n";
}
echo 'SCRIPT_FILENAME ', $_SERVER['SCRIPT_FILENAME'] === __FILE__ ? 'this file' : $_SERVER['SCRIPT_FILENAME'], "\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$name = '/' . basename($src);
$dir = dirname($src);

foreach (['/some/path', '/a', '/trailing/'] as $pathInfo) {
    $uri = $name . $pathInfo;
    $reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
        'SCRIPT_FILENAME' => null,
        'SCRIPT_NAME'     => null,
        'DOCUMENT_URI'    => $uri,
        'REQUEST_URI'     => $uri . '?x=1',
        'QUERY_STRING'    => 'x=1',
        'DOCUMENT_ROOT'   => $dir,
    ]));
    echo "== $uri\n", str_replace($dir, 'DOCROOT', $reply->body);
}
/* a path below a script that does not exist is not found */
$reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
    'SCRIPT_FILENAME' => null, 'SCRIPT_NAME' => null,
    'DOCUMENT_URI' => '/missing.php/some/path', 'DOCUMENT_ROOT' => $dir,
]));
echo "== /missing.php/some/path\n", $reply->status, ' ', $reply->body;

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
== /scgi-path-info.src.php/some/path
SCRIPT_NAME '/scgi-path-info.src.php'
PATH_INFO '/some/path'
PATH_TRANSLATED 'DOCROOT/some/path'
PHP_SELF '/scgi-path-info.src.php/some/path'
REQUEST_URI '/scgi-path-info.src.php/some/path?x=1'
SCRIPT_FILENAME this file
== /scgi-path-info.src.php/a
SCRIPT_NAME '/scgi-path-info.src.php'
PATH_INFO '/a'
PATH_TRANSLATED 'DOCROOT/a'
PHP_SELF '/scgi-path-info.src.php/a'
REQUEST_URI '/scgi-path-info.src.php/a?x=1'
SCRIPT_FILENAME this file
== /scgi-path-info.src.php/trailing/
SCRIPT_NAME '/scgi-path-info.src.php'
PATH_INFO '/trailing/'
PATH_TRANSLATED 'DOCROOT/trailing/'
PHP_SELF '/scgi-path-info.src.php/trailing/'
REQUEST_URI '/scgi-path-info.src.php/trailing/?x=1'
SCRIPT_FILENAME this file
== /missing.php/some/path
404 File not found.
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
