<?php
// 100 MiB streamed in 64 KiB pieces: the worker must not keep it
$chunk = str_repeat("x", 65536);
for ($i = 0; $i < 1600; $i++) {
	echo $chunk;
}
