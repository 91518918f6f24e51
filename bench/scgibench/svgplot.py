"""Line charts as SVG, with nothing but the standard library.

line_chart() draws one line per series over categorical x positions
(concurrency 1, 8, 32, 128 are equally spaced), with a min..max bar at each
point for the spread over rounds.  xy_chart() draws one line per series
through numeric points, x on a log scale (latency), each point labelled
(the concurrency it was measured at).
"""

import math

from xml.sax.saxutils import escape

COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
          "#8c564b", "#e377c2", "#7f7f7f", "#17becf", "#bcbd22"]


def _nice_max(v):
    if v <= 0:
        return 1.0
    mag = 10 ** len(str(int(v))) / 10
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * mag >= v:
            return m * mag
    return v


def _fmt(v):
    if v >= 1e6:
        return "%gM" % (v / 1e6)
    if v >= 1e3:
        return "%gk" % (v / 1e3)
    return "%g" % v


def line_chart(title, xlabel, ylabel, xs, series, width=720, height=420, logy=False):
    """series: list of (name, [(y, ymin, ymax) or None for each x])"""
    left, right, top, bottom = 70, 200, 40, 50
    pw, ph = width - left - right, height - top - bottom
    ymax = 0
    for _, pts in series:
        for p in pts:
            if p:
                ymax = max(ymax, p[2] if p[2] is not None else p[0])
    if logy:
        lo, hi, ticks = _log_ticks(min((p[0] for _, pts in series for p in pts if p and p[0] > 0), default=1), ymax)
    else:
        ymax = _nice_max(ymax * 1.05)
        ticks = [ymax * k / 5 for k in range(6)]

    def X(i):
        return left + (pw * (i + 0.5) / len(xs))

    def Y(v):
        if logy:
            v = max(v, lo)
            return top + ph - ph * (math.log10(v / lo) / math.log10(hi / lo))
        return top + ph - ph * (v / ymax)

    out = _head(width, height, left, title)
    _y_grid(out, ticks, Y, left, pw)
    for i, x in enumerate(xs):
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (X(i), top + ph + 18, escape(str(x))))
    _frame(out, left, top, pw, ph, height, xlabel, ylabel)
    for si, (name, pts) in enumerate(series):
        c = COLORS[si % len(COLORS)]
        path = []
        for i, p in enumerate(pts):
            if not p:
                continue
            path.append("%s%.1f,%.1f" % ("M" if not path else "L", X(i), Y(p[0])))
            if p[1] is not None and p[2] is not None:
                out.append('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="1"/>'
                           % (X(i), Y(p[1]), X(i), Y(p[2]), c))
            out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (X(i), Y(p[0]), c))
        _line_and_legend(out, path, c, si, name, left, top, pw)
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _head(width, height, left, title):
    return ['<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
            'font-family="sans-serif" font-size="12">' % (width, height),
            '<rect width="100%" height="100%" fill="white"/>',
            '<text x="%d" y="22" font-size="15" font-weight="bold">%s</text>' % (left, escape(title))]


def _y_grid(out, ticks, Y, left, pw):
    for v in ticks:
        y = Y(v)
        out.append('<line x1="%d" y1="%.1f" x2="%d" y2="%.1f" stroke="#ddd"/>' % (left, y, left + pw, y))
        out.append('<text x="%d" y="%.1f" text-anchor="end">%s</text>' % (left - 6, y + 4, _fmt(v)))


def _frame(out, left, top, pw, ph, height, xlabel, ylabel):
    out.append('<rect x="%d" y="%d" width="%d" height="%d" fill="none" stroke="#333"/>' % (left, top, pw, ph))
    out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (left + pw / 2, height - 10, escape(xlabel)))
    out.append('<text x="16" y="%.1f" text-anchor="middle" transform="rotate(-90 16 %.1f)">%s</text>'
               % (top + ph / 2, top + ph / 2, escape(ylabel)))


def _line_and_legend(out, path, c, si, name, left, top, pw):
    if path:
        out.append('<path d="%s" fill="none" stroke="%s" stroke-width="2"/>' % (" ".join(path), c))
    ly = top + 10 + si * 18
    out.append('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="%s" stroke-width="2"/>'
               % (left + pw + 12, ly, left + pw + 32, ly, c))
    out.append('<text x="%d" y="%d">%s</text>' % (left + pw + 38, ly + 4, escape(name)))


def _log_ticks(lo_value, hi_value):
    lo = 10 ** math.floor(math.log10(max(lo_value, 1e-9)))
    hi = 10 ** math.ceil(math.log10(max(hi_value, lo * 10)))
    ticks = []
    t = lo
    while t <= hi * 1.0001:
        ticks.append(t)
        t *= 10
    return lo, hi, ticks


def xy_chart(title, xlabel, ylabel, series, width=720, height=420):
    """series: list of (name, [(x, y, label)]); x > 0 on a log scale, y from 0"""
    left, right, top, bottom = 70, 200, 40, 50
    pw, ph = width - left - right, height - top - bottom
    pts = [p for _, s in series for p in s]
    lo, hi, xticks = _log_ticks(min((p[0] for p in pts if p[0] > 0), default=1), max((p[0] for p in pts), default=10))
    ymax = _nice_max(max((p[1] for p in pts), default=1) * 1.05)

    def X(v):
        return left + pw * (math.log10(max(v, lo) / lo) / math.log10(hi / lo))

    def Y(v):
        return top + ph - ph * (v / ymax)

    out = _head(width, height, left, title)
    _y_grid(out, [ymax * k / 5 for k in range(6)], Y, left, pw)
    for v in xticks:
        out.append('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>' % (X(v), top, X(v), top + ph))
        out.append('<text x="%.1f" y="%d" text-anchor="middle">%s</text>' % (X(v), top + ph + 18, _fmt(v)))
    _frame(out, left, top, pw, ph, height, xlabel, ylabel)
    for si, (name, s) in enumerate(series):
        c = COLORS[si % len(COLORS)]
        path = []
        for x, y, label in s:
            path.append("%s%.1f,%.1f" % ("M" if not path else "L", X(x), Y(y)))
            out.append('<circle cx="%.1f" cy="%.1f" r="3" fill="%s"/>' % (X(x), Y(y), c))
            out.append('<text x="%.1f" y="%.1f" font-size="9" fill="%s">%s</text>' % (X(x) + 4, Y(y) - 4, c,
                                                                                      escape(str(label))))
        _line_and_legend(out, path, c, si, name, left, top, pw)
    out.append("</svg>")
    return "\n".join(out) + "\n"
