<?php
// What the deb suite asks of a worker: which SAPI, engine, ini, extensions,
// and whether OPcache serves this very script from its cache.
header('Content-Type: application/json');
$status = function_exists('opcache_get_status') ? opcache_get_status(false) : false;
echo json_encode([
	'sapi' => php_sapi_name(),
	'version' => PHP_VERSION,
	'opcache_enabled' => is_array($status) && $status['opcache_enabled'],
	'opcache_cached_self' => function_exists('opcache_is_script_cached') && opcache_is_script_cached(__FILE__),
	'extensions' => array_map('strtolower', get_loaded_extensions()),
	'ini' => php_ini_loaded_file(),
	'scanned' => php_ini_scanned_files(),
	'path_info' => $_SERVER['PATH_INFO'] ?? null,
	'script_name' => $_SERVER['SCRIPT_NAME'] ?? null,
]);
