<?php
header('Location: /info.php?from=redirect', true, 302);
echo "moved\n";
