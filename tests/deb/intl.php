<?php
// php8.2-intl: ICU's number formatting
echo (new NumberFormatter('de_DE', NumberFormatter::DECIMAL))->format(1234567.891), "\n";
