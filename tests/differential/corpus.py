"""The requests: what browsers, API clients, proxies and crawlers send.

Each entry: (name, request, tags).  request is what transport.py sends:
method, target (bytes, as on the wire), headers [(name, value)], body,
chunks (a chunked body cut into these sizes), content_length (False: no
Content-Length), expect_continue, version, host (None: no Host line;
"{port}" is the server's port).  Every request goes through nginx, both
Apache variants and lighttpd; the tags add the nginx variants:
  h2        also through nginx-h2 (curl --http2-prior-knowledge)
  override  also through nginx-override (HTTPS, SERVER_NAME, HTTP_HOST
            set after the params include)
and every chunked request also goes through nginx-unbuffered
(*_request_buffering off).  Only those: nginx 1.22 sends SCGI's
CONTENT_LENGTH as the part of a Content-Length body it has read so far
when scgi_request_buffering is off (fixed upstream in 2026, nginx/nginx
pull request 1118), so such a body cannot reach any SCGI server whole;
a chunked body nginx buffers whatever the directive says."""
import hashlib
import json

UA = "Mozilla/5.0 (X11; Linux x86_64; rv:115.0) Gecko/20100101 Firefox/115.0"
BROWSER = [("User-Agent", UA),
           ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"),
           ("Accept-Language", "en-US,en;q=0.5"), ("Accept-Encoding", "gzip, deflate, br"),
           ("Upgrade-Insecure-Requests", "1")]


def blob(n, seed):
    """N reproducible bytes of every value."""
    out, i = b"", 0
    while len(out) < n:
        out += hashlib.sha256(b"%s-%d" % (seed.encode(), i)).digest()
        i += 1
    return out[:n]


def multipart(parts, boundary="----WebKitFormBoundary7MA4YWxkTrZu0gW"):
    """parts: (name, value) or (name, filename, content type, bytes)."""
    out = b""
    for p in parts:
        out += b"--" + boundary.encode() + b"\r\n"
        if len(p) == 2:
            out += b'Content-Disposition: form-data; name="%s"\r\n\r\n%s\r\n' % (p[0].encode(), p[1].encode())
        else:
            out += (b'Content-Disposition: form-data; name="%s"; filename="%s"\r\nContent-Type: %s\r\n\r\n'
                    % (p[0].encode(), p[1].encode(), p[2].encode())) + p[3] + b"\r\n"
    return out + b"--" + boundary.encode() + b"--\r\n", "multipart/form-data; boundary=" + boundary


UPLOAD, UPLOAD_TYPE = multipart([
    ("title", "Holiday photos"),
    ("photo", "IMG_0001.jpg", "image/jpeg", blob(150000, "jpeg")),
    ("doc", "r\u00e9sum\u00e9 2026.pdf", "application/pdf", blob(40000, "pdf")),
    ("empty", "", "application/octet-stream", b""),
    ("note", "line one\r\nline two"),
])
UPLOAD_ARRAY, UPLOAD_ARRAY_TYPE = multipart([
    ("files[]", "a.txt", "text/plain", b"first file\n"),
    ("files[]", "b.bin", "application/octet-stream", blob(70000, "bin")),
    ("files[]", "c.csv", "text/csv", b"id,name\n1,\xc3\xa4\n"),
    ("meta[owner]", "ada"),
])
JSON_BODY = json.dumps({"user": {"name": "Ada", "langs": ["C", "PHP"]}, "active": True, "n": 3.5,
                        "text": "\u00e4\u00f6\u00fc \u20ac"}).encode()
JSON_BIG = json.dumps({"rows": [{"id": i, "v": blob(24, "r%d" % i).hex()} for i in range(24000)]}).encode()
FORM = b"user=ada&pass=s%C3%A9cret%21&remember=on&tags%5B%5D=a&tags%5B%5D=b&redirect=%2Fhome%3Fx%3D1"
XML = (b'<?xml version="1.0" encoding="utf-8"?>\n<D:propfind xmlns:D="DAV:"><D:prop><D:getetag/>'
       b"<D:getlastmodified/></D:prop></D:propfind>\n")

COOKIE_16K = "session=" + blob(8192, "c16").hex()[:16376]          # a 16 KiB Cookie value
NEAR_LIMIT = "X-Big: " + "v" * (32 * 1024 - 9 - len("X-Big: "))     # 32k buffer minus CRLF


def get(target, headers=(), **kw):
    return dict(method="GET", target=target, headers=list(headers), **kw)


def body(method, target, data, ctype, headers=(), **kw):
    h = list(headers)
    if ctype:
        h.append(("Content-Type", ctype))
    return dict(method=method, target=target, headers=h, body=data, **kw)


CORPUS = [
    # ------------------------------------------------------------- targets
    ("get-plain", get(b"/probe.php", BROWSER), "h2 override"),
    ("get-query", get(b"/probe.php?page=2&sort=name&dir=asc"), "h2"),
    ("get-index-dir", get(b"/", BROWSER), ""),
    ("get-index-query", get(b"/?p=42"), ""),
    ("pathinfo-index", get(b"/index.php/a/b?x=1"), "h2 override"),
    ("pathinfo-trailing-slash", get(b"/index.php/"), ""),
    ("pathinfo-deep", get(b"/index.php/api/v1/users/42/posts.json?fields=id,title"), ""),
    ("pathinfo-encoded-space", get(b"/probe.php/a%20b/c"), ""),
    ("pathinfo-encoded-slash", get(b"/probe.php/a%2Fb/c"), ""),
    ("pathinfo-utf8", get(b"/index.php/%C3%BCber/caf%C3%A9"), ""),
    ("pathinfo-dot-php", get(b"/index.php/download/file.php"), ""),
    ("path-encoded-dir", get(b"/sp%20ace/probe.php?x=1"), ""),
    ("path-utf8-encoded", get(b"/%C3%BCn%C3%AF/probe.php"), "h2"),
    ("path-utf8-raw", get("/\u00fcn\u00ef/probe.php".encode()), ""),
    ("path-dot-segments", get(b"/sub/../probe.php"), ""),
    ("path-double-slash", get(b"//probe.php"), ""),
    ("path-encoded-script", get(b"/prob%65.php"), ""),
    ("path-semicolon", get(b"/probe.php;jsessionid=0123"), ""),
    ("missing-script", get(b"/missing.php"), "h2"),
    ("missing-script-pathinfo", get(b"/missing.php/x/y"), ""),
    # -------------------------------------------------------- query strings
    ("query-plus", get(b"/probe.php?q=hello+world&r=a%2Bb&s=+"), "h2"),
    ("query-nul", get(b"/probe.php?x=a%00b&y=%00"), ""),
    ("query-arrays", get(b"/probe.php?a[]=1&a[]=2&m[k]=v&m[k2][]=x&a%5B%5D=3"), "h2"),
    ("query-empty-values", get(b"/probe.php?a=&b&=c&&d=&e"), ""),
    ("query-utf8", get(b"/probe.php?name=%C3%BC%E2%82%AC&raw=" + "\u00e4".encode()), ""),
    ("query-invalid-utf8", get(b"/probe.php?x=%FF%FE&y=%C3"), ""),
    ("query-percent", get(b"/probe.php?p=100%25&q=%26%3D%3F&r=%"), ""),
    ("query-long", get(b"/probe.php?data=" + blob(3000, "q").hex().encode()), ""),
    ("query-dots-spaces", get(b"/probe.php?a.b=1&c%20d=2&e[f.g]=3"), ""),
    ("query-utm", get(b"/probe.php?utm_source=newsletter&utm_medium=email&utm_campaign=spring%202026&fbclid=IwAR0x"),
     ""),
    # ------------------------------------------------------------ headers
    ("header-repeated-2", get(b"/probe.php", [("X-Forwarded-For", "10.0.0.1"), ("X-Forwarded-For", "10.0.0.2")]),
     "h2"),
    ("header-repeated-3", get(b"/probe.php", [("Accept", "text/html"), ("Accept", "application/json;q=0.9"),
                                             ("Accept", "*/*;q=0.1")]), ""),
    ("header-repeated-cache-control", get(b"/probe.php", [("Cache-Control", "no-cache"),
                                                         ("Cache-Control", "max-age=0")]), ""),
    ("header-repeated-via", get(b"/probe.php", [("Via", "1.1 cdn-edge"), ("Via", "1.1 lb-01"),
                                               ("Forwarded", "for=10.0.0.1;proto=https"),
                                               ("Forwarded", "for=10.0.0.2")]), ""),
    ("cookie-one-line", get(b"/probe.php", [("Cookie", "sid=abc123; theme=dark; lang=de")]), "h2"),
    ("cookie-split-2", get(b"/probe.php", [("Cookie", "sid=abc123"), ("Cookie", "theme=dark")]), "h2"),
    ("cookie-split-3", get(b"/probe.php", [("Cookie", "a=1"), ("Cookie", "b=2; c=3"), ("Cookie", "a=4")]), "h2"),
    ("cookie-odd", get(b"/probe.php", [("Cookie", "a b=1; c.d=2; e[f]=3; g=%3D%3B; h=\"q\"; =x; i")]), ""),
    ("cookie-16k", get(b"/probe.php", [("Cookie", COOKIE_16K)]), "h2"),
    ("header-near-buffer", get(b"/probe.php", [NEAR_LIMIT.split(": ", 1)]), ""),
    ("header-many", get(b"/probe.php", [("X-Custom-%03d" % i, "value-%d" % i) for i in range(100)]), ""),
    ("header-utf8-value", get(b"/probe.php", [("X-Name", "J\u00fcrgen \u20ac".encode()),
                                             ("X-Latin1", b"caf\xe9")]), ""),
    ("header-underscore", get(b"/probe.php", [("X_Forwarded_Host", "evil"), ("X-Real-IP", "10.1.2.3")]), ""),
    ("header-empty-value", get(b"/probe.php", [("X-Empty", ""), ("Referer", "")]), ""),
    ("header-proxy-httpoxy", get(b"/probe.php", [("Proxy", "http://evil.example:8080")]), ""),
    ("header-auth-basic", get(b"/probe.php", [("Authorization", "Basic YWRhOnMzY3JldA==")]), "h2"),
    ("header-auth-bearer", get(b"/probe.php", [("Authorization", "Bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")]), ""),
    ("header-content-type-on-get", get(b"/probe.php", [("Content-Type", "application/json")]), ""),
    ("header-case", get(b"/probe.php", [("x-lower-case", "1"), ("X-UPPER-CASE", "2"), ("x-MiXeD", "3")]), ""),
    ("header-forwarded-proto", get(b"/probe.php", [("X-Forwarded-Proto", "https"), ("X-Forwarded-Port", "443"),
                                                  ("X-Forwarded-Host", "shop.example")]), "override"),
    ("host-uppercase-port", get(b"/probe.php", host="LOCALHOST:{port}"), ""),
    ("host-other-name", get(b"/probe.php", host="www.example.org"), "override"),
    ("absolute-form", get(b"http://www.example.com/probe.php?abs=1", host="other.example"), ""),
    ("http10-no-host", get(b"/probe.php?v=10", version="HTTP/1.0", host=None), ""),
    ("http10-host", get(b"/probe.php", [("Connection", "keep-alive")], version="HTTP/1.0"), ""),
    ("conditional", get(b"/probe.php", [("If-None-Match", '"abc"'), ("If-Modified-Since",
                                                                      "Wed, 21 Oct 2015 07:28:00 GMT")]), ""),
    ("ajax", get(b"/probe.php?_=1700000000", [("X-Requested-With", "XMLHttpRequest"),
                                              ("Accept", "application/json, text/javascript, */*; q=0.01")]), ""),
    # ------------------------------------------------------------- methods
    ("head", dict(method="HEAD", target=b"/probe.php?h=1", headers=BROWSER), "h2"),
    ("options", dict(method="OPTIONS", target=b"/probe.php", headers=[
        ("Origin", "https://app.example"), ("Access-Control-Request-Method", "PUT"),
        ("Access-Control-Request-Headers", "content-type,x-token")]), "h2"),
    ("put-json", body("PUT", b"/index.php/api/items/7", JSON_BODY, "application/json"), "h2"),
    ("patch-json", body("PATCH", b"/index.php/api/items/7", b'{"op":"replace","path":"/n","value":4}',
                        "application/merge-patch+json"), "h2"),
    ("delete", dict(method="DELETE", target=b"/index.php/api/items/7"), "h2"),
    ("delete-body", body("DELETE", b"/probe.php", b'{"ids":[1,2]}', "application/json"), ""),
    ("propfind", body("PROPFIND", b"/index.php/dav/", XML, "application/xml; charset=utf-8",
                      [("Depth", "1")]), ""),
    ("put-binary", body("PUT", b"/probe.php?name=blob.bin", blob(300000, "put"), "application/octet-stream"),
     "h2"),
    # ---------------------------------------------------------------- POST
    ("post-form", body("POST", b"/probe.php?action=login", FORM, "application/x-www-form-urlencoded"), "h2"),
    ("post-form-charset", body("POST", b"/probe.php", b"q=%E2%82%AC&empty=&a[x]=1&a[y][]=2",
                               "application/x-www-form-urlencoded; charset=UTF-8"), ""),
    ("post-form-nul", body("POST", b"/probe.php", b"a=x%00y&b%00c=1", "application/x-www-form-urlencoded"), ""),
    ("post-multipart", body("POST", b"/probe.php", UPLOAD, UPLOAD_TYPE), "h2"),
    ("post-multipart-array", body("POST", b"/probe.php", UPLOAD_ARRAY, UPLOAD_ARRAY_TYPE), ""),
    ("post-json", body("POST", b"/index.php/api/login", JSON_BODY, "application/json",
                       [("Accept", "application/json")]), "h2 override"),
    ("post-json-1mib-plus", body("POST", b"/probe.php", JSON_BIG, "application/json"), ""),
    ("post-xml", body("POST", b"/probe.php", XML, "text/xml"), ""),
    ("post-no-content-type", body("POST", b"/probe.php", b"raw payload", None), ""),
    ("post-empty-length-0", body("POST", b"/probe.php", b"", "application/x-www-form-urlencoded"), "h2"),
    ("post-empty-no-length", body("POST", b"/probe.php", b"", None, content_length=False), ""),
    ("post-chunked-form", body("POST", b"/probe.php", FORM, "application/x-www-form-urlencoded",
                               chunks=[10, 20, len(FORM) - 30]), ""),
    ("post-chunked-json", body("POST", b"/probe.php", JSON_BODY, "application/json",
                               chunks=[1, 50, len(JSON_BODY) - 51]), ""),
    ("post-chunked-multipart", body("POST", b"/probe.php", UPLOAD_ARRAY, UPLOAD_ARRAY_TYPE,
                                    chunks=[8192] * (len(UPLOAD_ARRAY) // 8192) + [len(UPLOAD_ARRAY) % 8192]),
     ""),
    ("post-chunked-big", body("PUT", b"/probe.php", blob(2 * 1024 * 1024, "chunked"), "application/octet-stream",
                              chunks=[65536] * 32), ""),
    ("post-expect-continue", body("POST", b"/probe.php", JSON_BODY, "application/json",
                                  [("Expect", "100-continue")], expect_continue=True), ""),
    ("post-expect-continue-multipart", body("POST", b"/probe.php", UPLOAD, UPLOAD_TYPE,
                                            [("Expect", "100-continue")], expect_continue=True), ""),
    ("post-http10", body("POST", b"/probe.php", FORM, "application/x-www-form-urlencoded",
                         version="HTTP/1.0"), ""),
    # ---------------------------------------------------- response shapes
    ("resp-redirect", get(b"/probe.php?_status=302&_header[]=Location:%20/login%3Fnext%3D%252F&_raw="), "h2"),
    ("resp-redirect-absolute", get(b"/probe.php?_header[]=Location:%20http://127.0.0.1/elsewhere&_raw=moved"), ""),
    ("resp-cookies", get(b"/probe.php?_header[]=Set-Cookie:%20a%3D1%3B%20Path%3D/&_header[]=Set-Cookie:%20b%3D2%3B%20HttpOnly"
                         b"&_header[]=Set-Cookie:%20c%3Dthree%3B%20SameSite%3DLax"), "h2"),
    ("resp-404", get(b"/probe.php?_status=404&_raw=not%20here"), ""),
    ("resp-204", get(b"/probe.php?_status=204&_raw="), ""),
    ("resp-304", get(b"/probe.php?_status=304&_header[]=ETag:%20%22abc%22&_raw="), ""),
    ("resp-418-custom", get(b"/probe.php?_header[]=Status:%20418%20I%27m%20a%20teapot&_raw=tea"), ""),
    ("resp-503-retry", get(b"/probe.php?_status=503&_header[]=Retry-After:%20120&_raw=down"), ""),
    ("resp-content-type", get(b"/probe.php?_header[]=Content-Type:%20text/csv;%20charset=utf-8&_raw=a,b%0A1,2%0A"), ""),
    ("resp-headers-misc", get(b"/probe.php?_header[]=X-Frame-Options:%20DENY&_header[]=Cache-Control:%20no-store"
                              b"&_header[]=Vary:%20Accept&_header[]=Vary:%20Cookie&_raw=ok"), ""),
    ("resp-1mib", get(b"/probe.php?_pad=1048576"), "h2"),
    ("resp-head-redirect", dict(method="HEAD", target=b"/probe.php?_status=301&_header[]=Location:%20/x&_raw="), ""),
]
