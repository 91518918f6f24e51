<?php
/* What the script sees of the request, as JSON, for tests/differential:
 * $_SERVER, $_GET, $_POST, $_COOKIE, $_FILES (without tmp_name, with the
 * sha256 of what PHP stored), php://input and getallheaders().
 * Strings that are not UTF-8 (a %FF in a query) are given as "b64:...", so
 * json_encode never fails and no byte is lost.
 *
 * The response can be shaped by the query, for the response-side checks:
 *   _status=N      http_response_code(N)
 *   _header[]=L    header(L, false)
 *   _pad=N         N bytes of padding after the JSON
 *   _raw=T         echo T instead of the JSON */

function probe_clean($v)
{
	if (is_array($v)) {
		$out = [];
		foreach ($v as $k => $x) {
			$out[is_string($k) ? probe_clean($k) : $k] = probe_clean($x);
		}
		return $out;
	}
	if (is_string($v) && !preg_match('//u', $v)) {
		return 'b64:' . base64_encode($v);
	}
	return $v;
}

/* $_FILES with the stored file's sha256 in place of its temp name */
function probe_files($f)
{
	if (isset($f['tmp_name'])) {
		$tmp = $f['tmp_name'];
		unset($f['tmp_name']);
		$f['sha256'] = is_array($tmp) ? probe_hash_all($tmp) : ($tmp === '' ? '' : hash_file('sha256', $tmp));
		return $f;
	}
	return array_map('probe_files', $f);
}

function probe_hash_all($tmp)
{
	return array_map(function ($t) {
		return is_array($t) ? probe_hash_all($t) : ($t === '' ? '' : hash_file('sha256', $t));
	}, $tmp);
}

$input = file_get_contents('php://input');

if (isset($_GET['_status'])) {
	http_response_code((int) $_GET['_status']);
}
foreach ((array) ($_GET['_header'] ?? []) as $line) {
	header($line, false);
}
if (isset($_GET['_raw'])) {
	echo $_GET['_raw'];
	exit;
}

header('Content-Type: application/json');
echo json_encode(probe_clean([
	'server'  => $_SERVER,
	'get'     => $_GET,
	'post'    => $_POST,
	'cookie'  => $_COOKIE,
	'files'   => array_map('probe_files', $_FILES),
	'input'   => ['length' => strlen($input), 'sha256' => hash('sha256', $input),
			'head' => substr($input, 0, 4096)],
	'headers' => getallheaders(),
]), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE), "\n";
if (isset($_GET['_pad'])) {
	echo str_repeat("0123456789abcdef", (int) $_GET['_pad'] >> 4);
}
