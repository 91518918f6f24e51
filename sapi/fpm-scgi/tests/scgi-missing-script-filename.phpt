--TEST--
FPM-SCGI: no SCRIPT_FILENAME (nginx's stock scgi_params): resolved from DOCUMENT_ROOT, else 404
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
echo $_SERVER['SCRIPT_FILENAME'] === __FILE__ ? 'SCRIPT_FILENAME is this file' : 'SCRIPT_FILENAME ' . $_SERVER['SCRIPT_FILENAME'], "\n";
echo 'SCRIPT_NAME ', $_SERVER['SCRIPT_NAME'], "\n";
echo 'PHP_SELF ', $_SERVER['PHP_SELF'], "\n";
echo 'PATH_INFO ', var_export($_SERVER['PATH_INFO'] ?? null, true), "\n";
EOT;

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$name = '/' . basename($src);
$dir = dirname($src);

/* exactly what nginx's scgi_params sends */
$nginx = function ($uri, $root) use ($src) {
    return FPM\SCGI\params($src, [
        'SCRIPT_FILENAME' => null,
        'SCRIPT_NAME'     => null,
        'DOCUMENT_URI'    => $uri,
        'REQUEST_URI'     => $uri,
        'DOCUMENT_ROOT'   => $root,
    ]);
};
$cases = [
    'DOCUMENT_ROOT + DOCUMENT_URI'   => $nginx($name, $dir),
    'DOCUMENT_ROOT ending in /'      => $nginx($name, $dir . '/'),
    'SCRIPT_NAME, no DOCUMENT_URI'   => FPM\SCGI\params($src, ['SCRIPT_FILENAME' => null, 'DOCUMENT_URI' => null]),
    'no such script'                 => $nginx('/no-such-script.php', $dir),
    'no DOCUMENT_URI nor SCRIPT_NAME' => FPM\SCGI\params($src, ['SCRIPT_FILENAME' => null, 'SCRIPT_NAME' => null, 'DOCUMENT_URI' => null]),
    'relative DOCUMENT_URI'          => $nginx(basename($src), $dir),
];
foreach ($cases as $case => $params) {
    $reply = FPM\SCGI\request($tester, $params);
    echo "== $case: ", $reply->status, ' ', $reply->header('Status') ?? '-', "\n", $reply->body;
}
/* and the worker still serves the Tester's ordinary requests, which send
 * SCRIPT_NAME as the script's path (PHP 7.4's Tester) or its URI (8's) */
$sent = PHP_VERSION_ID >= 80000 ? $name : $src;
$tester->request()->expectBody([
    'SCRIPT_FILENAME is this file',
    'SCRIPT_NAME ' . $sent,
    'PHP_SELF ' . $sent,
    'PATH_INFO NULL',
]);

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECTF--
== DOCUMENT_ROOT + DOCUMENT_URI: 200 -
SCRIPT_FILENAME is this file
SCRIPT_NAME /scgi-missing-script-filename.src.php
PHP_SELF /scgi-missing-script-filename.src.php
PATH_INFO NULL
== DOCUMENT_ROOT ending in /: 200 -
SCRIPT_FILENAME is this file
SCRIPT_NAME /scgi-missing-script-filename.src.php
PHP_SELF /scgi-missing-script-filename.src.php
PATH_INFO NULL
== SCRIPT_NAME, no DOCUMENT_URI: 200 -
SCRIPT_FILENAME is this file
SCRIPT_NAME /scgi-missing-script-filename.src.php
PHP_SELF /scgi-missing-script-filename.src.php
PATH_INFO NULL
== no such script: 404 404 Not Found
File not found.
== no DOCUMENT_URI nor SCRIPT_NAME: 404 404 Not Found
File not found.
== relative DOCUMENT_URI: 404 404 Not Found
File not found.
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
