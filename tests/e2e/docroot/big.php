<?php
/* 10 MiB of sha256("b0") . sha256("b1") . ... (32 bytes each), in 64 KiB writes. */
header('Content-Type: application/octet-stream');
$n = isset($_GET['mib']) ? (int) $_GET['mib'] : 10;
$blocks = $n * 1024 * 1024 / 32;
$out = '';
for ($i = 0; $i < $blocks; $i++) {
	$out .= hash('sha256', "b$i", true);
	if (strlen($out) >= 65536) {
		echo $out;
		$out = '';
	}
}
echo $out;
