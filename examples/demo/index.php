<?php
/* php-fpm-scgi demo: what the worker sees, a form, an upload, the pool. */
$h = function ($s) { return htmlspecialchars((string) $s, ENT_QUOTES, 'UTF-8'); };
$posted = $_SERVER['REQUEST_METHOD'] === 'POST';
?><!doctype html>
<html><head><meta charset="utf-8"><title>php-fpm-scgi demo</title>
<style>
body { font: 15px/1.4 system-ui, sans-serif; margin: 2em auto; max-width: 52em; color: #222 }
h1 { font-size: 1.6em } h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ddd }
table { border-collapse: collapse } td, th { padding: .2em .8em; border-bottom: 1px solid #eee; text-align: left; vertical-align: top }
code, td:first-child { font-family: ui-monospace, monospace; font-size: .92em }
.ok { color: #070; font-weight: bold }
</style></head><body>
<h1>php-fpm-scgi is serving this page</h1>
<p>nginx <code>scgi_pass</code> &rarr; php-fpm-scgi master &rarr; worker pid <?= getmypid() ?>.</p>
<table>
<tr><td>php_sapi_name()</td><td class="ok"><?= $h(php_sapi_name()) ?></td></tr>
<tr><td>PHP_VERSION</td><td><?= $h(PHP_VERSION) ?></td></tr>
<tr><td>opcache</td><td><?= function_exists('opcache_get_status') && @opcache_get_status(false) ? 'enabled' : 'off' ?></td></tr>
<tr><td>GATEWAY / SERVER_SOFTWARE</td><td><?= $h(($_SERVER['GATEWAY_INTERFACE'] ?? '-') . ' / ' . ($_SERVER['SERVER_SOFTWARE'] ?? '-')) ?></td></tr>
<tr><td>SCRIPT_FILENAME</td><td><?= $h($_SERVER['SCRIPT_FILENAME'] ?? '') ?></td></tr>
<tr><td>SCRIPT_NAME / PATH_INFO</td><td><?= $h(($_SERVER['SCRIPT_NAME'] ?? '') . ' / ' . ($_SERVER['PATH_INFO'] ?? '(none)')) ?></td></tr>
<tr><td>REQUEST_URI</td><td><?= $h($_SERVER['REQUEST_URI'] ?? '') ?></td></tr>
<tr><td>Extensions</td><td><?= $h(implode(', ', get_loaded_extensions())) ?></td></tr>
</table>

<h2>A form POST</h2>
<form method="post" action="index.php">
<input name="greeting" value="<?= $h($_POST['greeting'] ?? 'hello over SCGI') ?>" size="40">
<button>Send</button>
</form>
<?php if ($posted && isset($_POST['greeting'])): ?>
<p>The worker received <code>$_POST['greeting']</code> = <span class="ok"><?= $h($_POST['greeting']) ?></span>
(CONTENT_LENGTH <?= (int) ($_SERVER['CONTENT_LENGTH'] ?? 0) ?>).</p>
<?php endif ?>

<h2>An upload</h2>
<form method="post" action="index.php" enctype="multipart/form-data">
<input type="file" name="upload"> <button>Upload</button>
</form>
<?php if (isset($_FILES['upload']) && $_FILES['upload']['error'] === UPLOAD_ERR_OK): ?>
<p>Received <code><?= $h($_FILES['upload']['name']) ?></code>:
<?= (int) $_FILES['upload']['size'] ?> bytes, sha256
<code><?= hash_file('sha256', $_FILES['upload']['tmp_name']) ?></code>.</p>
<?php elseif (isset($_FILES['upload'])): ?>
<p>Upload error <?= (int) $_FILES['upload']['error'] ?>.</p>
<?php endif ?>

<h2>The pool</h2>
<?php $status = fpm_get_status(); if ($status): ?>
<table>
<?php foreach (['pool', 'process-manager', 'start-since', 'accepted-conn', 'listen-queue', 'idle-processes', 'active-processes', 'total-processes', 'max-children-reached', 'slow-requests'] as $k): ?>
<tr><td><?= $h($k) ?></td><td><?= $h($status[$k] ?? '') ?></td></tr>
<?php endforeach ?>
</table>
<p>Per-process view: <a href="/status?html&amp;full">/status?html&amp;full</a>, also
<a href="/status?json">json</a>, <a href="/status?xml">xml</a>; <a href="/ping">/ping</a>;
<a href="/index.php/some/path?x=1">a PATH_INFO URL</a>.</p>
<?php endif ?>
</body></html>
