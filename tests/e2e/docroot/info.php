<?php
/* Echo what the request looked like to PHP, as JSON. */
header('Content-Type: application/json');
$headers = function_exists('getallheaders') ? getallheaders() : null;
echo json_encode([
	'sapi'    => php_sapi_name(),
	'get'     => $_GET,
	'post'    => $_POST,
	'cookie'  => $_COOKIE,
	'server'  => $_SERVER,
	'headers' => $headers,
	'input_len' => strlen(file_get_contents('php://input')),
], JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES), "\n";
