#!/usr/bin/env python3
"""Turns the BenchmarkDotNet CSV reports of benchmarks/TokenIssuer.Benchmarks into docs/benchmarks.svg.

    python3 benchmarks/chart.py             # writes docs/benchmarks.svg
    python3 benchmarks/chart.py --markdown  # also prints the tables of docs/benchmarks.md (with both ratios)

Python 3 standard library only. Reads BenchmarkDotNet.Artifacts/results/*-report.csv, so run it after
`dotnet run -c Release --project benchmarks/TokenIssuer.Benchmarks -- --filter '*'`.
"""

import csv
import html
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RESULTS = os.path.join(ROOT, "benchmarks", "TokenIssuer.Benchmarks", "BenchmarkDotNet.Artifacts", "results")
OUTPUT = os.path.join(ROOT, "docs", "benchmarks.svg")

SIGN_METHODS = ["Generated", "Dynamic", "Engine", "JsonWebTokenHandler", "JwtSecurityTokenHandler", "JoseJwt", "JwtNet", "LeastWork"]
ALGORITHMS = ["HS256", "ES256", "RS256", "PS256"]
TOKENISSUER = {"Generated", "Dynamic", "Engine"}

TIME_UNITS = {"ps": 1e-3, "ns": 1.0, "us": 1e3, "\u03bcs": 1e3, "\u00b5s": 1e3, "ms": 1e6, "s": 1e9}
SIZE_UNITS = {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def parse_quantity(text, units):
    """'1,306.9 ns' -> 1306.9 (in ns); '2.13 KB' -> 2181.12 (in B); '-' or 'NA' -> None."""
    text = (text or "").strip()
    match = re.fullmatch(r"(-?[\d,]*\.?\d+)\s*(\S+)?", text)
    if not match:
        return None
    value = float(match.group(1).replace(",", ""))
    unit = match.group(2)
    if unit is None:
        return value
    if unit not in units:
        raise ValueError(f"unknown unit {unit!r} in {text!r}")
    return value * units[unit]


def read_report(name):
    path = os.path.join(RESULTS, f"TokenIssuer.Benchmarks.{name}-report.csv")
    if not os.path.exists(path):
        return []
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["_mean"] = parse_quantity(row.get("Mean"), TIME_UNITS)
        row["_alloc"] = parse_quantity(row.get("Allocated"), SIZE_UNITS)
    return rows


def fmt_time(ns, scale=None):
    """Nanoseconds as ns, \u00b5s or ms; `scale` picks the unit of another value (a StdDev in its Mean's unit)."""
    if ns is None:
        return "n/a"
    scale = ns if scale is None else scale
    if scale >= 1e6:
        return f"{ns / 1e6:,.2f} ms"
    if scale >= 1e4:
        return f"{ns / 1e3:,.1f} \u00b5s"
    return f"{ns:,.0f} ns"


def fmt_bytes(b):
    if b is None:
        return "n/a"
    if b >= 1024 * 1024:
        return f"{b / 1024 / 1024:,.1f} MB"
    if b >= 10 * 1024:
        return f"{b / 1024:,.1f} KB"
    return f"{b:,.0f} B"


# ---------------------------------------------------------------- SVG


class Svg:
    def __init__(self, width):
        self.width = width
        self.parts = []
        self.height = 0

    def text(self, x, y, s, size=12, anchor="start", weight="normal", fill="#222"):
        self.parts.append(
            f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" fill="{fill}">{html.escape(s)}</text>')

    def rect(self, x, y, w, h, fill):
        self.parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0.5):.1f}" height="{h:.1f}" fill="{fill}" rx="2"/>')

    def line(self, x1, y1, x2, y2, stroke="#bbb", dash=None):
        d = f' stroke-dasharray="{dash}"' if dash else ""
        self.parts.append(f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{stroke}"{d}/>')

    def render(self):
        return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{self.width}" height="{self.height}" '
                f'viewBox="0 0 {self.width} {self.height}" font-family="Helvetica, Arial, sans-serif">\n'
                f'<rect width="100%" height="100%" fill="#fff"/>\n' + "\n".join(self.parts) + "\n</svg>\n")


COLOURS = {"tokenissuer": "#2b6cb0", "library": "#a0aec0", "baseline": "#2f855a"}
LABEL_W, BAR_W, BAR_H, GAP = 190, 400, 16, 5
TEXT_W = 500  # room right of the longest bar for its label


def colour(method):
    if method == "LeastWork":
        return COLOURS["baseline"]
    return COLOURS["tokenissuer"] if method in TOKENISSUER else COLOURS["library"]


def bars(svg, y, title, items, note=None):
    """items: (label, value, text, method) with value on a linear scale from 0 to the panel's largest."""
    svg.text(10, y + 14, title, size=14, weight="bold")
    if note:
        svg.text(10, y + 30, note, size=11, fill="#555")
    y += 40 if note else 24
    top = max((v for _, v, _, _ in items if v), default=1)
    for label, value, text, method in items:
        svg.text(LABEL_W - 8, y + BAR_H - 4, label, size=12, anchor="end")
        if value:
            w = BAR_W * value / top
            svg.rect(LABEL_W, y, w, BAR_H, colour(method))
            svg.text(LABEL_W + w + 6, y + BAR_H - 4, text, size=11)
        else:
            svg.text(LABEL_W + 6, y + BAR_H - 4, text, size=11, fill="#888")
        y += BAR_H + GAP
    return y + 14


def sign_panels(svg, y, rows):
    by = {(r["Method"], r["Algorithm"]): r for r in rows}
    for algorithm in ALGORITHMS:
        if (("LeastWork", algorithm)) not in by:
            continue
        least = by[("LeastWork", algorithm)]["_mean"]
        jwth = by.get(("JsonWebTokenHandler", algorithm), {}).get("_mean")
        items = []
        for method in SIGN_METHODS:
            row = by.get((method, algorithm))
            if row is None:
                items.append((method, None, "not supported", method))
                continue
            mean = row["_mean"]
            text = f"{fmt_time(mean)} \u00b7 {mean / least:.2f}\u00d7 LeastWork"
            if jwth and method != "JsonWebTokenHandler":
                text += f" \u00b7 speed {jwth / mean:.2f}\u00d7 JsonWebTokenHandler"
            items.append((method, mean, f"{text} \u00b7 {fmt_bytes(row['_alloc'])}", method))
        y = bars(svg, y, f"{algorithm}: time per token (lower is better)", items)
    return y


def throughput_panel(svg, y, rows):
    if not rows:
        return y
    items = []
    for algorithm in ["HS256", "ES256"]:
        for method in ["Generated", "LeastWork"]:
            one = next((r for r in rows if r["Algorithm"] == algorithm and r["Method"] == method and r["Threads"] == "1"), None)
            for threads in ["1", "2"]:
                row = next((r for r in rows if r["Algorithm"] == algorithm and r["Method"] == method and r["Threads"] == threads), None)
                if row is None or not row["_mean"]:
                    continue
                per_second = 1e9 / row["_mean"]
                text = f"{per_second:,.0f} tokens/s ({fmt_time(row['_mean'])} per token)"
                if threads == "2" and one and one["_mean"]:
                    text += f", {one['_mean'] / row['_mean']:.2f}\u00d7 one thread"
                items.append((f"{algorithm} {method}, {threads} thr.", per_second, text, method))
    # Two scales would mislead less than one: HS256 and ES256 differ ~20x. Draw them as two panels.
    hs = [i for i in items if i[0].startswith("HS256")]
    es = [i for i in items if i[0].startswith("ES256")]
    y = bars(svg, y, "Throughput, HS256 (higher is better)", hs, "one shared IJwtIssuer; LeastWork: nothing shared, the machine's ceiling")
    y = bars(svg, y, "Throughput, ES256 (higher is better)", es)
    return y


def other_panel(svg, y, startup, generator):
    items = []
    for r in startup:
        items.append((startup_label(r), r["_mean"], f"{fmt_time(r['_mean'])}, {fmt_bytes(r['_alloc'])}", "Generated"))
    if items:
        y = bars(svg, y, "Start-up: 100 and 400 profiles, 10 HMAC keys", items)
    items = []
    for r in generator:
        items.append((r["Method"], r["_mean"], f"{fmt_time(r['_mean'])}, {fmt_bytes(r['_alloc'])}", "Generated"))
    if items:
        y = bars(svg, y, "Source generator: 200 profiles", items)
    return y


def startup_label(row):
    """'BuildAndResolveIssuer, 400 profiles' (reports from before the ProfileCount parameter had 100)."""
    return f"{row['Method']}, {row.get('ProfileCount') or 100} profiles"


def write_svg(sign, throughput, startup, generator):
    svg = Svg(LABEL_W + BAR_W + TEXT_W)
    svg.text(10, 22, "TokenIssuer benchmarks (BenchmarkDotNet, short job, 2 cores)", size=16, weight="bold")
    x = 10
    for key, label in [("tokenissuer", "TokenIssuer"), ("library", "other libraries"), ("baseline", "LeastWork (baseline)")]:
        svg.rect(x, 32, 12, 12, COLOURS[key])
        svg.text(x + 16, 43, label, size=11)
        x += 150
    y = 56
    y = sign_panels(svg, y, sign)
    y = throughput_panel(svg, y, throughput)
    y = other_panel(svg, y, startup, generator)
    svg.height = int(y + 10)
    os.makedirs(os.path.dirname(OUTPUT), exist_ok=True)
    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write(svg.render())
    print(f"wrote {os.path.relpath(OUTPUT, ROOT)}")


# ---------------------------------------------------------------- Markdown


def markdown(sign, throughput, startup, generator):
    out = []
    by = {(r["Method"], r["Algorithm"]): r for r in sign}
    out.append("| Algorithm | Method | Mean | StdDev | Time vs LeastWork | Speed vs JsonWebTokenHandler | Allocated |")
    out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for algorithm in ALGORITHMS:
        least = by.get(("LeastWork", algorithm))
        jwth = by.get(("JsonWebTokenHandler", algorithm))
        for method in SIGN_METHODS:
            row = by.get((method, algorithm))
            if row is None:
                out.append(f"| {algorithm} | {method} | not supported | | | | |")
                continue
            vs_least = f"{row['_mean'] / least['_mean']:.2f}\u00d7" if least else ""
            vs_jwth = f"{jwth['_mean'] / row['_mean']:.2f}\u00d7" if jwth else ""
            stddev = parse_quantity(row.get("StdDev"), TIME_UNITS)
            out.append(f"| {algorithm} | {method} | {fmt_time(row['_mean'])} | {fmt_time(stddev, row['_mean'])} | {vs_least} | {vs_jwth} | {fmt_bytes(row['_alloc'])} |")
    out.append("")
    if throughput:
        out.append("| Algorithm | Method | Threads | Mean per token | Tokens/s | 2 threads / 1 thread | Allocated per token |")
        out.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
        for algorithm in ["HS256", "ES256"]:
            for method in ["Generated", "LeastWork"]:
                one = next((r for r in throughput if r["Algorithm"] == algorithm and r["Method"] == method and r["Threads"] == "1"), None)
                for threads in ["1", "2"]:
                    row = next((r for r in throughput if r["Algorithm"] == algorithm and r["Method"] == method and r["Threads"] == threads), None)
                    if row is None:
                        continue
                    scale = f"{one['_mean'] / row['_mean']:.2f}\u00d7" if threads == "2" and one else ""
                    out.append(f"| {algorithm} | {method} | {threads} | {fmt_time(row['_mean'])} | {1e9 / row['_mean']:,.0f} | {scale} | {fmt_bytes(row['_alloc'])} |")
        out.append("")
    for title, rows in [("Start-up", startup), ("Generator", generator)]:
        if not rows:
            continue
        out.append(f"| {title} | Mean | StdDev | Allocated |")
        out.append("| --- | ---: | ---: | ---: |")
        for r in rows:
            label = startup_label(r) if rows is startup else r["Method"]
            out.append(f"| {label} | {fmt_time(r['_mean'])} | {fmt_time(parse_quantity(r.get('StdDev'), TIME_UNITS), r['_mean'])} | {fmt_bytes(r['_alloc'])} |")
        out.append("")
    print("\n".join(out))


def main():
    sign = read_report("SignBenchmarks")
    throughput = read_report("ThroughputBenchmarks")
    startup = read_report("StartupBenchmarks")
    generator = read_report("GeneratorBenchmarks")
    if not (sign or throughput or startup or generator):
        sys.exit(f"no BenchmarkDotNet CSV reports in {RESULTS}: run the benchmarks first")
    write_svg(sign, throughput, startup, generator)
    if "--markdown" in sys.argv:
        markdown(sign, throughput, startup, generator)


if __name__ == "__main__":
    main()
