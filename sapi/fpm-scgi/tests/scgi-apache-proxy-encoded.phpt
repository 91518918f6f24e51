--TEST--
FPM-SCGI: mod_proxy_scgi's percent-encoded SCRIPT_FILENAME: the script's part is decoded (but %00 and %2F)
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
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$name = '/' . basename($src);
$dir = dirname($src);

/* Apache's scgi_canon() encodes what a path may not hold as it is, e.g. a
 * space or UTF-8 in a directory name; here every letter of the file name is
 * encoded, in both cases of hex digits, so that only decoding finds it */
$encoded = '';
foreach (str_split(basename($src)) as $i => $c) {
    $encoded .= ctype_alpha($c) ? sprintf($i % 2 ? '%%%02X' : '%%%02x', ord($c)) : $c;
}

$cases = [
    'proxy:scgi://localhost' . $dir . '/' . $encoded                  => [$name, 'encoded'],
    /* ProxyPass(Match): the path goes on after the script; what follows
     * the file is PATH_INFO and stays encoded, as php-fpm leaves it */
    'proxy:scgi://127.0.0.1:9001' . $dir . '/' . $encoded . '/a%20b'  => [$name . '/a b', 'encoded, with path info'],
    'proxy:scgi://localhost' . $src . '/1%202/%C3%A9'                 => [$name . '/1 2/é', 'plain, with encoded path info'],
    'proxy:scgi://localhost' . $dir . '/' . basename($src) . '%'      => [$name, 'a lone %'],
    'proxy:scgi://localhost' . $dir . '/' . basename($src) . '%2'     => [$name, 'a short %2'],
    'proxy:scgi://localhost' . $dir . '%2F' . basename($src)          => [$name, '%2F stays encoded'],
    'proxy:scgi://localhost' . $src . '%00.txt'                       => [$name, '%00 stays encoded'],
    /* not Apache's prefix: left as it is */
    $dir . '/' . $encoded                                             => [$name, 'no prefix'],
];
foreach ($cases as $scriptFilename => list($scriptName, $what)) {
    $reply = FPM\SCGI\request($tester, FPM\SCGI\params($src, [
        'SCRIPT_FILENAME' => $scriptFilename,
        'SCRIPT_NAME'     => $scriptName,
    ]));
    echo '== ', $what, "\n", $reply->status, "\n", $reply->body;
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
== encoded
200
SCRIPT_FILENAME this file
PATH_INFO NULL
== encoded, with path info
200
SCRIPT_FILENAME this file
PATH_INFO '/a%20b'
== plain, with encoded path info
200
SCRIPT_FILENAME this file
PATH_INFO '/1%202/%C3%A9'
== a lone %
404
File not found.
== a short %2
404
File not found.
== %2F stays encoded
404
File not found.
== %00 stays encoded
404
File not found.
== no prefix
404
File not found.
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
