<?php
// MySQL through Debian's php8.2-mysql: mysqli and PDO, over MariaDB's socket.
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
$db = new mysqli('localhost', 'scgitest', 'scgitest', 'scgitest');
$db->query('CREATE TABLE IF NOT EXISTS t (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(64))');
$stmt = $db->prepare('INSERT INTO t (v) VALUES (?)');
$value = 'row-' . getmypid();
$stmt->bind_param('s', $value);
$stmt->execute();
$id = $db->insert_id;
$pdo = new PDO('mysql:host=localhost;dbname=scgitest', 'scgitest', 'scgitest', [PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION]);
$q = $pdo->prepare('SELECT v FROM t WHERE id = ?');
$q->execute([$id]);
echo $q->fetchColumn() === $value ? "mysqli+pdo ok\n" : "mismatch\n";
