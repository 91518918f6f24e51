--TEST--
FPM-SCGI: security.limit_extensions refuses other scripts with 403 "Access denied."
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
security.limit_extensions = .php .phtml
EOT;

$code = '<?php echo "ran ", basename(__FILE__);';

$tester = new FPM\Tester($cfg, $code);
$tester->start();
$tester->expectLogStartNotices();
$src = $tester->makeSourceFile();
$base = substr($src, 0, -strlen('.src.php'));
$others = [];
foreach (['.txt', '.phtml', '.php.txt', '.PHP5'] as $ext) {
    $others[$ext] = $base . '.limit' . $ext;
    copy($src, $others[$ext]);
}

foreach ($others + ['.php' => $src] as $ext => $file) {
    foreach (['SCRIPT_FILENAME' => FPM\SCGI\params($file),
              'DOCUMENT_URI'    => FPM\SCGI\params($file, ['SCRIPT_FILENAME' => null, 'SCRIPT_NAME' => null])] as $how => $params) {
        $reply = FPM\SCGI\request($tester, $params);
        echo str_pad($ext, 9), str_pad($how, 16), $reply->status, ' ', rtrim($reply->body), "\n";
    }
}
foreach ($others as $file) {
    unlink($file);
}

$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
.txt     SCRIPT_FILENAME 403 Access denied.
.txt     DOCUMENT_URI    403 Access denied.
.phtml   SCRIPT_FILENAME 200 ran scgi-limit-extensions.limit.phtml
.phtml   DOCUMENT_URI    200 ran scgi-limit-extensions.limit.phtml
.php.txt SCRIPT_FILENAME 403 Access denied.
.php.txt DOCUMENT_URI    403 Access denied.
.PHP5    SCRIPT_FILENAME 403 Access denied.
.PHP5    DOCUMENT_URI    403 Access denied.
.php     SCRIPT_FILENAME 200 ran scgi-limit-extensions.src.php
.php     DOCUMENT_URI    200 ran scgi-limit-extensions.src.php
Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
foreach (glob(__DIR__ . '/scgi-limit-extensions.limit.*') as $f) {
    unlink($f);
}
?>
