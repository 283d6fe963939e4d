#!/usr/bin/env python3
"""Draws docs/key-rotation.svg: managed keys on the timeline of DESIGN §8 with the default timings
(RotationInterval 90d, PropagationTime 14d, RetentionTime 14d), and how JwtBearer's metadata refresh meets it.

    python3 eng/draw-key-timeline.py      # writes docs/key-rotation.svg (standard library only)
"""
import os

ROTATION, PROPAGATION, RETENTION = 90, 14, 14
DAYS = 210
LEFT, RIGHT, TOP = 120, 30, 62
WIDTH, ROW, BAR = 960, 46, 22
COLORS = {"announced": "#f2c14e", "active": "#3a86ff", "retired": "#9aa5b1"}


def x(day):
    return LEFT + (WIDTH - LEFT - RIGHT) * day / DAYS


def keys():
    """(name, created, activates, retires, removed) for three generations of keys, as ManagedKeyTimeline computes them:
    a key signs from created + PropagationTime (the very first one at once) until created + RotationInterval, when
    its successor, created PropagationTime earlier, activates; it is removed RetentionTime after it retires."""
    result = []
    created = 0
    for n in range(1, 4):
        activates = created if n == 1 else created + PROPAGATION
        retires = created + ROTATION
        result.append((f"key {n}", created, activates, retires, retires + RETENTION))
        created = created + ROTATION - PROPAGATION
    return result


def rect(x0, x1, y, color, label):
    w = max(x1 - x0, 0)
    text = f'<text x="{x0 + w / 2:.1f}" y="{y + BAR / 2 + 4:.1f}" text-anchor="middle" font-size="11" fill="#111">{label}</text>' if w > 60 else ""
    return f'<rect x="{x0:.1f}" y="{y}" width="{w:.1f}" height="{BAR}" rx="3" fill="{color}"/>' + text


def main():
    rows = keys()
    height = TOP + ROW * len(rows) + 270
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" font-family="sans-serif">',
           f'<rect width="{WIDTH}" height="{height}" fill="white"/>',
           f'<text x="{LEFT}" y="24" font-size="15" font-weight="bold">Managed keys: announced, then active, then retired</text>',
           f'<text x="{LEFT}" y="40" font-size="11" fill="#555">defaults: RotationInterval {ROTATION}d, PropagationTime {PROPAGATION}d, RetentionTime {RETENTION}d</text>']
    for day in range(0, DAYS + 1, 30):
        out.append(f'<line x1="{x(day):.1f}" y1="{TOP - 8}" x2="{x(day):.1f}" y2="{TOP + ROW * len(rows)}" stroke="#e3e7eb"/>')
        out.append(f'<text x="{x(day):.1f}" y="{TOP + ROW * len(rows) + 16}" font-size="11" text-anchor="middle" fill="#555">day {day}</text>')
    for i, (name, created, activates, retires, removed) in enumerate(rows):
        y = TOP + i * ROW
        out.append(f'<text x="{LEFT - 12}" y="{y + BAR / 2 + 4}" font-size="12" text-anchor="end">{name}</text>')
        end = min(removed, DAYS)
        if activates > created:
            out.append(rect(x(created), x(min(activates, DAYS)), y, COLORS["announced"], "announced: in JWKS, not signing"))
        if activates < DAYS:
            out.append(rect(x(activates), x(min(retires, DAYS)), y, COLORS["active"], "active: signs" + (" (first start: at once)" if i == 0 else "")))
        if retires < DAYS:
            out.append(rect(x(retires), x(end), y, COLORS["retired"], "retired"))
        if removed <= DAYS:
            out.append(f'<text x="{x(removed) + 4:.1f}" y="{y + BAR / 2 + 4}" font-size="10" fill="#555">removed</text>')
    # the legend
    ly = TOP + ROW * len(rows) + 36
    for j, (state, meaning) in enumerate([("announced", "published in the JWKS, not signing (PropagationTime)"),
                                          ("active", "published and signing; the oldest activated key signs"),
                                          ("retired", "published, not signing, until its last token expired (RetentionTime)")]):
        lx, yy = LEFT, ly + j * 20
        out.append(f'<rect x="{lx}" y="{yy}" width="14" height="14" rx="2" fill="{COLORS[state]}"/>')
        out.append(f'<text x="{lx + 20}" y="{yy + 11}" font-size="11"><tspan font-weight="bold">{state}</tspan>: {meaning}</text>')
    # how validators meet it: key 2 appears at day 76 and signs at day 90
    vy = ly + 84
    created2, activates2 = rows[1][1], rows[1][2]
    out.append(f'<text x="{LEFT}" y="{vy}" font-size="13" font-weight="bold">A downstream AddJwtBearer(o =&gt; o.Authority = …) around key 2\'s announcement</text>')
    out.append(f'<line x1="{x(created2):.1f}" y1="{vy + 14}" x2="{x(activates2):.1f}" y2="{vy + 14}" stroke="{COLORS["announced"]}" stroke-width="8"/>')
    out.append(f'<text x="{x(created2):.1f}" y="{vy + 36}" font-size="11">day {created2}: key 2 in the JWKS</text>')
    out.append(f'<text x="{x(activates2):.1f}" y="{vy + 52}" font-size="11">day {activates2}: key 2 signs</text>')
    for k, line in enumerate([
            "JwtBearer refreshes its metadata every 12 h (AutomaticRefreshInterval) and, on an unknown kid, at most every",
            "5 min (RefreshInterval); jose's remote JWKS caches 10 min. So every validator holds key 2 about 12 h after",
            f"day {created2}, long before key 2 signs on day {activates2}: no valid token is rejected. A key that signs the moment",
            "it is created (no announcement) is what makes validators reject new tokens for up to 5 min per rotation."]):
        out.append(f'<text x="{LEFT}" y="{vy + 76 + 16 * k}" font-size="11" fill="#333">{line}</text>')
    out.append('</svg>')
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs", "key-rotation.svg")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
