<?php
/* A fatal error before any output: PHP answers 500 (only with display_errors off). */
ini_set('display_errors', '0');
this_function_does_not_exist();
