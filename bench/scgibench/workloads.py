"""The workloads: the PHP scripts (bench/www), the request bodies and the
generated class files of the scratch tree, and what a correct answer is."""

import os
import shutil
import time

BENCH_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


WORKLOADS = {
    # name: (script, body file, content type, expected body prefix)
    "hello": ("hello.php", None, None),
    "r100k": ("r100k.php", None, None),
    "r1m": ("r1m.php", None, None),
    "post1m": ("post.php", "body-1m.bin", "application/octet-stream"),
    "upload": ("upload.php", "upload.bin", None),  # content type set below
    "cpu": ("cpu.php", None, None),
    "framework": ("framework.php", None, None),
}
UPLOAD_BOUNDARY = "----benchboundary7MA4YWxkTrZu0gW"
UPLOAD_CTYPE = "multipart/form-data; boundary=" + UPLOAD_BOUNDARY
EXPECT = {
    "hello": lambda b: b == b"Hello, world\n",
    "r100k": lambda b: len(b) == 102400,
    "r1m": lambda b: len(b) == 1048576,
    "post1m": lambda b: b.strip() == b"1048576",
    "upload": lambda b: b.strip() == b"262144 bench",
    "cpu": lambda b: b.startswith(b"6765 "),
    "framework": lambda b: b.count(b"<tr>") == 100,
}


def ctype_of(w):
    return UPLOAD_CTYPE if w == "upload" else WORKLOADS[w][2]


def make_tree(work):
    www = os.path.join(work, "www")
    os.makedirs(os.path.join(www, "fw", "App"))
    for f in os.listdir(os.path.join(BENCH_DIR, "www")):
        shutil.copy(os.path.join(BENCH_DIR, "www", f), www)
    # ~100 small classes, each in its own file, a few depending on a base
    # class and an interface, as a framework's would
    fw = os.path.join(www, "fw", "App")
    with open(os.path.join(fw, "ServiceInterface.php"), "w") as f:
        f.write("<?php\nnamespace App;\n\ninterface ServiceInterface\n{\n"
                "\tpublic function handle(string $route, int $i): array;\n}\n")
    with open(os.path.join(fw, "BaseService.php"), "w") as f:
        f.write("<?php\nnamespace App;\n\nabstract class BaseService implements ServiceInterface\n{\n"
                "\tprotected $id;\n\tprotected $options = ['cache' => true, 'ttl' => 60];\n\n"
                "\tpublic function __construct(int $id)\n\t{\n\t\t$this->id = $id;\n\t}\n\n"
                "\tprotected function name(): string\n\t{\n"
                "\t\treturn static::class . '#' . $this->id;\n\t}\n}\n")
    for i in range(100):
        with open(os.path.join(fw, "Service%03d.php" % i), "w") as f:
            f.write("<?php\nnamespace App;\n\nfinal class Service%03d extends BaseService\n{\n"
                    "\tconst WEIGHT = %d;\n\n"
                    "\tpublic function handle(string $route, int $i): array\n\t{\n"
                    "\t\t$v = ($i * self::WEIGHT + strlen($route)) %% 97;\n"
                    "\t\tif ($this->options['cache']) {\n\t\t\t$v += $this->options['ttl'];\n\t\t}\n"
                    "\t\treturn ['name' => $this->name(), 'value' => $v];\n\t}\n}\n" % (i, i + 1))
    with open(os.path.join(work, "body-1m.bin"), "wb") as f:
        f.write(os.urandom(1048576))
    payload = os.urandom(262144)
    with open(os.path.join(work, "upload.bin"), "wb") as f:
        f.write(("--%s\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nbench\r\n"
                 "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"data.bin\"\r\n"
                 "Content-Type: application/octet-stream\r\n\r\n" % (UPLOAD_BOUNDARY, UPLOAD_BOUNDARY)).encode())
        f.write(payload)
        f.write(("\r\n--%s--\r\n" % UPLOAD_BOUNDARY).encode())
    # opcache does not cache a script modified less than
    # opcache.file_update_protection (2 s) ago: with fresh mtimes the first
    # requests of whichever variant runs first would be compiled anew each
    # time, which skews that variant's figures (callgrind's lo/hi split
    # above all).  Deployed code is older than that.
    old = time.time() - 3600
    for root, dirs, files in os.walk(www):
        os.chmod(root, 0o755)
        for f in files:
            os.chmod(os.path.join(root, f), 0o644)
            os.utime(os.path.join(root, f), (old, old))
    for f in ("body-1m.bin", "upload.bin"):
        os.chmod(os.path.join(work, f), 0o644)
    return www
