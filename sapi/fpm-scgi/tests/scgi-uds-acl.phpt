--TEST--
FPM over SCGI: unix socket with POSIX ACLs (listen.acl_users, listen.acl_groups), as root
--SKIPIF--
<?php
include "skipif.inc";
FPM\Tester::skipIfAnyFileDoesNotExist(['/usr/bin/getfacl']);
if (getmyuid() !== 0) die('skip the pool runs as nobody, which needs root (sapi/fpm/tests has the non-root case)');
$config = <<<EOT
[global]
error_log = /dev/null
[unconfined]
listen = {{ADDR}}
user = nobody
listen.acl_users = nobody
pm = static
pm.max_children = 1
EOT;
FPM\Tester::skipIfConfigFails($config);
?>
--FILE--
<?php

require_once "tester.inc";

$cfg = <<<EOT
[global]
error_log = {{FILE:LOG}}
[unconfined]
listen = {{ADDR:UDS}}
user = nobody
group = nogroup
listen.acl_users = nobody,daemon
listen.acl_groups = nogroup
listen.mode = 0600
ping.path = /ping
ping.response = pong
pm = static
pm.max_children = 1
EOT;

$tester = new FPM\Tester($cfg);
$tester->start();
$tester->expectLogStartNotices();
/* the SCGI ping answers through the ACL'd socket */
$tester->ping('{{ADDR:UDS}}');
passthru("/usr/bin/getfacl -cp " . $tester->getListen('{{ADDR:UDS}}'));
$tester->terminate();
$tester->expectLogTerminatingNotices();
$tester->close();

?>
Done
--EXPECT--
user::rw-
user:daemon:rw-
user:nobody:rw-
group::---
group:nogroup:rw-
mask::rw-
other::---

Done
--CLEAN--
<?php
require_once "tester.inc";
FPM\Tester::clean();
?>
