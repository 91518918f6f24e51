<?php
// a 100 KiB response
echo str_repeat("0123456789abcdef", 6400);
