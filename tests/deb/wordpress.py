#!/usr/bin/env python3
"""Debian's wordpress package on php-fpm-scgi: install it through its web
installer, log in, upload an image, write a post that shows it, and view
both, the way a browser and the block editor do (cookies, the REST API with
the nonce WordPress hands a logged-in user).

    wordpress.py http://127.0.0.1:PORT [LABEL]

LABEL starts each check's name ("deb 8.2:"; default "deb").

Prints one PASS/FAIL line per step and stops at the first failure (each
step needs the one before).  Links in WordPress's answers name the host
without the port (nginx's scgi_params send HTTP_HOST as $host): only their
paths are requested, at the given base URL.
"""
import http.cookiejar
import json
import re
import struct
import sys
import urllib.error
import urllib.parse
import urllib.request
import zlib

BASE = sys.argv[1].rstrip('/')
LABEL = sys.argv[2] if len(sys.argv) > 2 else 'deb'
PASSWORD = 'scgi-Test-pass-91'
TITLE = 'Served over SCGI'


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


jar = http.cookiejar.CookieJar()
opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), NoRedirect)


def request(path, data=None, headers=None, method=None):
    """(status, headers, body) of one request; the path of a full URL"""
    parts = urllib.parse.urlsplit(path)
    if parts.scheme:
        path = urllib.parse.urlunsplit(('', '', parts.path, parts.query, ''))
    if isinstance(data, dict):
        data = urllib.parse.urlencode(data).encode()
    req = urllib.request.Request(BASE + path, data=data, headers=headers or {}, method=method)
    try:
        with opener.open(req, timeout=60) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


def text(body):
    """what a page says, without its markup (for failure messages)"""
    page = body.decode('utf-8', 'replace') if isinstance(body, bytes) else body
    page = re.sub(r'(?s)<(script|style)\b.*?</\1>', ' ', page)
    return ' '.join(re.sub(r'<[^>]+>', ' ', page).split())


def step(name, ok, why=''):
    if ok:
        print(f'PASS: {LABEL} wordpress {name}')
        return
    print(f'FAIL: {LABEL} wordpress {name}: {why}'[:600])
    sys.exit(1)


def png(width, height):
    """a small real PNG, so WordPress's image editor (php-gd) can resize it"""
    rows = []
    for y in range(height):
        rows.append(b'\x00' + b''.join(bytes((x * 255 // width, y * 255 // height, 128)) for x in range(width)))
    raw = b''.join(rows)

    def chunk(kind, body):
        return struct.pack('>I', len(body)) + kind + body + struct.pack('>I', zlib.crc32(kind + body) & 0xffffffff)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, 2, 0, 0, 0))
            + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b''))


status, _, body = request('/wp-admin/install.php?step=2', {
    'weblog_title': 'php-fpm-scgi test', 'user_name': 'admin', 'admin_password': PASSWORD,
    'admin_password2': PASSWORD, 'pw_weak': '1', 'admin_email': 'admin@example.org',
    'blog_public': '0', 'language': ''})
step('installs through wp-admin/install.php', status == 200 and b'Success!' in body,
     f'HTTP {status}: {text(body)[:400]}')

jar.set_cookie(http.cookiejar.Cookie(0, 'wordpress_test_cookie', 'WP Cookie check', None, False,
                                     urllib.parse.urlsplit(BASE).hostname, False, False, '/', True,
                                     False, None, False, None, None, {}))
status, headers, body = request('/wp-login.php', {
    'log': 'admin', 'pwd': PASSWORD, 'wp-submit': 'Log In', 'testcookie': '1',
    'redirect_to': '/wp-admin/'})
logged_in = any(c.name.startswith('wordpress_logged_in_') for c in jar)
step('logs in (wp-login.php sets the session cookie)', status == 302 and logged_in,
     f'HTTP {status}, cookies {[c.name for c in jar]}: {body[:300]!r}')

status, _, body = request('/wp-admin/')
step('shows the dashboard to the logged-in user', status == 200 and b'Dashboard' in body,
     f'HTTP {status}: {body[:200]!r}')

status, _, nonce = request('/wp-admin/admin-ajax.php?action=rest-nonce')
nonce = nonce.decode().strip()
step('hands out a REST nonce', status == 200 and re.fullmatch(r'[0-9a-f]{10}', nonce) is not None,
     f'HTTP {status}: {nonce[:100]!r}')

image = png(320, 200)
boundary = 'scgi-test-boundary-7d1f'
form = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="scgi-test.png"\r\n'
        f'Content-Type: image/png\r\n\r\n').encode() + image + f'\r\n--{boundary}--\r\n'.encode()
status, _, body = request('/?rest_route=/wp/v2/media', form, {
    'Content-Type': f'multipart/form-data; boundary={boundary}', 'X-WP-Nonce': nonce}, 'POST')
try:
    media = json.loads(body)
except ValueError:
    media = {}
step('uploads an image as a multipart form (php-gd makes its sizes)',
     status == 201 and media.get('media_type') == 'image' and media.get('media_details', {}).get('sizes'),
     f'HTTP {status}: {text(body)[:400]}')

status, _, body = request(media['source_url'])
step('serves the uploaded image back byte for byte', status == 200 and body == image,
     f'HTTP {status}, {len(body)} bytes, expected {len(image)}')

content = f'<!-- wp:paragraph --><p>Hello from php-fpm-scgi.</p><!-- /wp:paragraph -->' \
          f'<!-- wp:image {{"id":{media["id"]}}} --><figure class="wp-block-image">' \
          f'<img src="{media["source_url"]}" class="wp-image-{media["id"]}"/></figure><!-- /wp:image -->'
status, _, body = request('/?rest_route=/wp/v2/posts', json.dumps({
    'title': TITLE, 'content': content, 'status': 'publish', 'featured_media': media['id']}).encode(),
    {'Content-Type': 'application/json', 'X-WP-Nonce': nonce}, 'POST')
try:
    post = json.loads(body)
except ValueError:
    post = {}
step('publishes a post with the image', status == 201 and post.get('status') == 'publish',
     f'HTTP {status}: {body[:300]!r}')

# a visitor: no cookies
jar.clear()
status, _, body = request(f'/?p={post["id"]}')
page = body.decode('utf-8', 'replace')
step('shows the post to a visitor, with the image',
     status == 200 and TITLE in page and urllib.parse.urlsplit(media['source_url']).path in page,
     f'HTTP {status}: {text(page)[:400]}')

status, _, body = request('/?s=SCGI')
step('finds the post by search', status == 200 and TITLE in body.decode('utf-8', 'replace'),
     f'HTTP {status}')
