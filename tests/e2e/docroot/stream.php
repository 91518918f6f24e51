<?php
/* "first", flush(), 2 s pause, "second": the first part must reach the client at once. */
while (ob_get_level()) {
	ob_end_flush();
}
header('Content-Type: text/plain');
echo "first\n";
flush();
sleep(2);
echo "second\n";
