#!/usr/bin/env python3
"""Write the seed corpus of fuzz_scgi_conn into tests/fuzz/corpus-conn/.

Each file is the bytes a client sends on one connection: header and body.
Run it again after changing the list; the files are committed.
"""
import os, sys

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus-conn")


def scgi(pairs, body=b"", cl=None):
    cl = str(len(body)) if cl is None else cl
    allp = [("CONTENT_LENGTH", cl), ("SCGI", "1")] + pairs
    payload = b"".join(n.encode() + b"\0" + v.encode() + b"\0" for n, v in allp)
    return str(len(payload)).encode() + b":" + payload + b"," + body


nginx = [("REQUEST_METHOD", "GET"), ("REQUEST_URI", "/index.php?a=1"), ("QUERY_STRING", "a=1"),
         ("CONTENT_TYPE", ""), ("DOCUMENT_URI", "/index.php"), ("DOCUMENT_ROOT", "/var/www/html"),
         ("SERVER_PROTOCOL", "HTTP/1.1"), ("REQUEST_SCHEME", "http"), ("REMOTE_ADDR", "127.0.0.1"),
         ("REMOTE_PORT", "51234"), ("SERVER_PORT", "80"), ("SERVER_NAME", "localhost"),
         ("HTTP_HOST", "localhost"), ("HTTP_USER_AGENT", "curl/7.88.1"), ("HTTP_ACCEPT", "*/*")]
form = [("REQUEST_METHOD", "POST"), ("SCRIPT_FILENAME", "/var/www/html/post.php"),
        ("SCRIPT_NAME", "/post.php"), ("CONTENT_TYPE", "application/x-www-form-urlencoded")]

seeds = {
    "get_nginx_stock_params": scgi(nginx),
    "get_script_filename": scgi([("REQUEST_METHOD", "GET"), ("SCRIPT_FILENAME", "/var/www/html/i.php"),
                                 ("SCRIPT_NAME", "/i.php")]),
    "get_pathinfo_uri": scgi([("REQUEST_METHOD", "GET"), ("DOCUMENT_ROOT", "/tmp"),
                              ("DOCUMENT_URI", "/index.php/some/path")]),
    "get_no_root": scgi([("REQUEST_METHOD", "GET"), ("SCRIPT_NAME", "relative.php")]),
    "post_full_body": scgi(form, b"a=1&b=" + b"x" * 300),
    "post_body_short": scgi(form, b"a=1&b=xx", cl="5000"),
    "post_body_longer_than_cl": scgi(form, b"a=1") + b"GET / HTTP/1.0\r\n\r\n",
    "post_empty_body": scgi(form, b""),
    # bodies beyond the first 16 KiB read: the rest comes from the socket
    "post_big_body": scgi(form, b"q" * 40000),
    "post_big_body_extra": scgi(form, b"r" * 30000) + b"s" * 5000,
    "post_big_body_short": scgi(form, b"t" * 30000, cl="60000"),
    "php_value": scgi([("REQUEST_METHOD", "GET"), ("PHP_VALUE", "error_reporting=0\nmemory_limit=1G"),
                       ("PHP_ADMIN_VALUE", "open_basedir=/"), ("SCRIPT_FILENAME", "/x.php")]),
    "many_pairs": scgi([("H%03d" % i, "v%d" % i) for i in range(40)]),
    "big_header": scgi(nginx + [("HTTP_COOKIE", "c=" + "y" * 20000)], b"body"),
    "header_truncated": scgi(nginx)[:50],
    "header_only_length": b"1000:",
    "bad_duplicate_cl": b"40:CONTENT_LENGTH\x001\x00SCGI\x001\x00CONTENT_LENGTH\x002\x00,ab",
    "bad_duplicate_scgi": b"32:CONTENT_LENGTH\x000\x00SCGI\x001\x00SCGI\x001\x00,",
    # repeated names: HTTP_* joined (Cookie with "; "), others the last one
    "repeated_headers": scgi(nginx + [("HTTP_X_FORWARDED_FOR", "10.0.0.1"), ("HTTP_COOKIE", "a=1"),
                                      ("HTTP_X_FORWARDED_FOR", "10.0.0.2"), ("HTTP_COOKIE", "b=2"),
                                      ("HTTP_X_FORWARDED_FOR", "10.0.0.3")]),
    "overridden_params": scgi(nginx + [("HTTPS", "on"), ("SERVER_NAME", "example.com"), ("HTTP_HOST", "a:8080"),
                                       ("SCRIPT_FILENAME", "/a.php"), ("SCRIPT_FILENAME", "/b.php")]),
    "repeated_php_value": scgi([("REQUEST_METHOD", "GET"), ("PHP_VALUE", "a=1"), ("PHP_VALUE", "b=2"),
                                ("HTTP_A", ""), ("HTTP_A", "")]),
    "repeated_big_cookie": scgi(nginx + [("HTTP_COOKIE", "c=" + "y" * 9000)] * 3, b"body"),
    "bad_no_scgi": b"18:CONTENT_LENGTH\x000\x00,",
    "bad_http": b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
    "empty_values": scgi([("A", ""), ("B", ""), ("HTTP_X", "")]),
}

os.makedirs(out, exist_ok=True)
for name, data in seeds.items():
    assert len(data) <= 64 * 1024, name
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)
print("%d seeds in %s" % (len(seeds), out), file=sys.stderr)
