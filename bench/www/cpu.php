<?php
// CPU-bound: about a millisecond of interpreter work
function fib($n) { return $n < 2 ? $n : fib($n - 1) + fib($n - 2); }
$s = 0;
for ($i = 0; $i < 20000; $i++) {
	$s = ($s + $i * $i) % 1000003;
}
$words = [];
for ($i = 0; $i < 500; $i++) {
	$words[] = md5((string)$i);
}
sort($words);
echo fib(20), " ", $s, " ", $words[0], "\n";
