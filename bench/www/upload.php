<?php
// a multipart/form-data upload: PHP parses it into $_FILES and a temp file
$f = $_FILES['file'] ?? null;
if (!$f || $f['error'] !== UPLOAD_ERR_OK) {
	http_response_code(400);
	echo "no file\n";
	return;
}
echo $f['size'], " ", $_POST['name'] ?? '', "\n";
