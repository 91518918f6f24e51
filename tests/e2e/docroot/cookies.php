<?php
setcookie('a', '1');
setcookie('b', '2');
setcookie('c', 'three');
echo "cookies\n";
