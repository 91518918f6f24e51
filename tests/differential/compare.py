"""Comparing what the two paths gave, under the allowed differences.

A response becomes a flat view {key: text}: "status", "interim",
"response-header:<name>", and either "body" or, for the probe's JSON,
"server:<VAR>", "headers:<Name>" (getallheaders()), "get", "post",
"cookie", "files", "input" and "body-after-json".  Two views are equal
when every key has the same text on both sides, except where a line of
allowed-differences says otherwise for that web server and key."""
import fnmatch
import hashlib
import json
import re
import urllib.parse

RULES = ("ignore", "fcgi-only", "scgi-only", "port", "zero-length", "fcgi-empty", "joined", "over-16k",
         "decoded", "probe-body", "chunked-411", "decoded-404")
FOLLOWS = "follows="


def load_allowed(path):
    """[(server pattern, key pattern, rule, reason)] from the file; raises
    ValueError on a line it does not understand."""
    allowed = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split(None, 3)
            if len(parts) < 4 or (parts[2] not in RULES and not parts[2].startswith(FOLLOWS)):
                raise ValueError("%s:%d: want 'SERVER KEY RULE REASON', RULE one of %s" % (path, n, ", ".join(RULES)))
            allowed.append(tuple(parts))
    return allowed


def rules_for(allowed, server, key):
    """The rules of the lines whose SERVER and KEY (comma lists of shell
    patterns) match."""
    return [r for s, k, r, _why in allowed
            if any(fnmatch.fnmatchcase(server, p) for p in s.split(","))
            and any(fnmatch.fnmatchcase(key, p) for p in k.split(","))]


def text(v):
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, sort_keys=False)


def view(resp):
    """The flat view of one response."""
    out = {"status": str(resp["status"])}
    if resp["interim"]:
        out["interim"] = " ".join(map(str, resp["interim"]))
    for name, value in resp["headers"]:
        key = "response-header:" + name
        out[key] = out[key] + "\n" + value if key in out else value
    body = resp["body"]
    probe = None
    if body.startswith(b"{"):
        try:
            end = body.index(b"\n}\n") + 3
            probe = json.loads(body[:end].decode("utf-8"))
        except ValueError:
            probe = None
    if isinstance(probe, dict) and "server" in probe:
        out["probe-body"] = "yes"
        for k, v in probe["server"].items():
            out["server:" + k] = text(v)
        for k, v in (probe["headers"] or {}).items():
            out["headers:" + k] = text(v)
        for k in ("get", "post", "cookie", "files", "input"):
            out[k] = text(probe[k])
        rest = body[end:]
        if rest:
            out["body-after-json"] = "%d bytes, sha256 %s" % (len(rest), hashlib.sha256(rest).hexdigest())
    elif body:
        out["body"] = ("%d bytes, sha256 %s: %r" % (len(body), hashlib.sha256(body).hexdigest(), body[:160])
                       if len(body) > 160 else repr(body))
    return out


def normalise_ports(v, names):
    """V with each of NAMES (real, placeholder) replaced where it stands as
    a token of its own (a port inside a hex string or a number is not one)."""
    for real, placeholder in names:
        v = re.sub(r"(?<![0-9A-Za-z])%s(?![0-9A-Za-z])" % re.escape(real), placeholder, v)
    return v


def allowed_by(rule, a, b, ctx):
    """Whether RULE lets FastCGI's A and SCGI's B differ."""
    if rule == "ignore":
        return True
    if rule == "fcgi-only":
        return b is None
    if rule == "scgi-only":
        return a is None
    if rule == "zero-length":
        return b == "0" and a in (None, "")
    if rule == "fcgi-empty":
        return a in (None, "")
    if rule == "decoded":
        return a is not None and b is not None and urllib.parse.unquote(a) == b
    if rule == "joined":
        return a is not None and b is not None and (b.endswith(", " + a) or b.endswith("; " + a))
    if rule == "over-16k":
        return a is None and b is not None and len(b) >= 16 * 1024 - 64
    if rule == "probe-body":
        return ctx["probe"]
    if rule.startswith(FOLLOWS):
        return rule[len(FOLLOWS):] in ctx["allowed_keys"]
    return False


def differences(server, fcgi, scgi, allowed, ports, req):
    """[(key, fcgi text or None, scgi text or None)] that the allowed list
    does not cover.  ports: {"fcgi": [(real, placeholder)], "scgi": [...]},
    the things that name each path's own port or socket; req: the request
    (corpus.py)."""
    status_rules = rules_for(allowed, server, "status")
    # whole responses: the SCGI module refused a chunked body, or php-fpm
    # did not find a script whose path came percent-encoded
    if "chunked-411" in status_rules and "chunks" in req and scgi.get("status") == "411":
        return []
    if "decoded-404" in status_rules and re.search(rb"%|[\x80-\xff]", req["target"]) \
            and fcgi.get("status") == "404" and fcgi.get("body") == repr(b"File not found.\n") \
            and scgi.get("status") == "200":
        return []
    found, ctx = [], {"probe": "probe-body" in fcgi and "probe-body" in scgi, "allowed_keys": set()}
    later = []
    for key in sorted(set(fcgi) | set(scgi)):
        a, b = fcgi.get(key), scgi.get(key)
        rules = rules_for(allowed, server, key)
        if "port" in rules:
            a = None if a is None else normalise_ports(a, ports["fcgi"])
            b = None if b is None else normalise_ports(b, ports["scgi"])
        if a == b:
            continue
        # a "follows=KEY" rule is decided once every other key is
        if any(r.startswith(FOLLOWS) for r in rules):
            later.append((key, a, b, rules))
        elif any(allowed_by(r, a, b, ctx) for r in rules):
            ctx["allowed_keys"].add(key)
        else:
            found.append((key, a, b))
    for key, a, b, rules in later:
        if not any(allowed_by(r, a, b, ctx) for r in rules):
            found.append((key, a, b))
    return sorted(found)


def show(v):
    if v is None:
        return "(absent)"
    return repr(v if len(v) <= 300 else v[:300] + "...")
