<?php
// the harness asks every variant which SAPI answers and whether opcache is on
$on = function_exists('opcache_get_status') && is_array(@opcache_get_status(false))
	&& opcache_get_status(false)['opcache_enabled'];
echo json_encode(['sapi' => php_sapi_name(), 'opcache' => (bool)$on]), "\n";
