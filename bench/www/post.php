<?php
// the raw request body, read whole through php://input
$body = file_get_contents('php://input');
echo strlen($body), "\n";
