<?php
/* One line per uploaded file: field name, size, sha256 of what PHP received. */
header('Content-Type: text/plain');
foreach ($_FILES as $field => $f) {
	if ($f['error'] !== UPLOAD_ERR_OK) {
		echo "$field error {$f['error']}\n";
		continue;
	}
	echo $field, ' ', $f['size'], ' ', hash_file('sha256', $f['tmp_name']), "\n";
}
echo "post ", json_encode($_POST), "\n";
