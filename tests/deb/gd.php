<?php
// php8.2-gd: draw and send a PNG
$im = imagecreatetruecolor(16, 8);
imagefilledrectangle($im, 0, 0, 15, 7, imagecolorallocate($im, 200, 30, 30));
header('Content-Type: image/png');
imagepng($im);
