--TEST--
FPM-SCGI: Apache mod_proxy_scgi's "proxy:scgi://host:port/path" SCRIPT_FILENAME is stripped
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
echo 'SCRIPT_FILENAME ', $_SERVER['SCRIPT_FILENAME'] === __FILE__ ? 'this file' : $_SERVER['SCRIPT_FILENAME'], "\n";
echo 'PATH_INFO ', var_export($_SERVER['PATH_INFO'] ?? null, true), "\n";
echo 'SCRIPT_NAME ', $_SERVER['SCRIPT_NAME'], "\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$name = '/' . basename($src);

$cases = [
    'proxy:scgi://localhost:9000' . $src                 => $name,
    'proxy:scgi://localhost:9000' . $src . '?foo=bar'    => $name,
    'PROXY:SCGI://[::1]:4000' . $src                     => $name,
    'proxy:scgi://localhost' . $src . '/extra/path'      => $name . '/extra/path',
    'proxy:balancer://cluster' . $src                    => $name,
    /* php-fpm's own prefix is not ours: it stays a (missing) path */
    'proxy:fcgi://localhost:9000' . $src                 => $name,
];
foreach ($cases as $scriptFilename => $scriptName) {
    $reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
        'SCRIPT_FILENAME' => $scriptFilename,
        'SCRIPT_NAME'     => $scriptName,
    ]));
    echo '== ', str_replace($src, '/SRC', $scriptFilename), "\n", $reply->status, "\n", $reply->body;
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
== proxy:scgi://localhost:9000/SRC
200
SCRIPT_FILENAME this file
PATH_INFO NULL
SCRIPT_NAME /scgi-apache-proxy-prefix.src.php
== proxy:scgi://localhost:9000/SRC?foo=bar
200
SCRIPT_FILENAME this file
PATH_INFO NULL
SCRIPT_NAME /scgi-apache-proxy-prefix.src.php
== PROXY:SCGI://[::1]:4000/SRC
200
SCRIPT_FILENAME this file
PATH_INFO NULL
SCRIPT_NAME /scgi-apache-proxy-prefix.src.php
== proxy:scgi://localhost/SRC/extra/path
200
SCRIPT_FILENAME this file
PATH_INFO '/extra/path'
SCRIPT_NAME /scgi-apache-proxy-prefix.src.php
== proxy:balancer://cluster/SRC
200
SCRIPT_FILENAME this file
PATH_INFO NULL
SCRIPT_NAME /scgi-apache-proxy-prefix.src.php
== proxy:fcgi://localhost:9000/SRC
404
File not found.
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
