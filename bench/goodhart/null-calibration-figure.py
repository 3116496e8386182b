#!/usr/bin/env python3
"""Draws src/ClinicalGAM.Core/Diagnostics/Goodhart/null-calibration.svg from the log of GoodhartNullCalibrationTests:

    dotnet test tests/ClinicalGAM.Core.Tests -c Release --filter "FullyQualifiedName~GoodhartNullCalibration" \
        --logger "console;verbosity=detailed" > null.log
    python3 bench/goodhart/null-calibration-figure.py null.log src/ClinicalGAM.Core/Diagnostics/Goodhart/null-calibration.svg

Left: each null cohort's placebo median z^2 (0.455 under a calibrated test). Right: cohorts with a false threshold flag.
Plain SVG (no plotting library on the build machine)."""
import re, sys

log = open(sys.argv[1]).read()
runs = {}
for m in re.finditer(r"copies (\d), calibrated (True|False): (\d+) of (\d+) null cohorts.*?\n\s*per cohort \(seed: placebos, median z\^2, flags\): ([^\n]*)", log):
    copies, calibrated, flagged, total, rest = m.groups()
    z2 = [float(v) for v in re.findall(r"\d+: \d+, ([\d.]+), \d+", rest)]
    runs[(int(copies), calibrated == "True")] = (int(flagged), int(total), z2)

W, H, pad = 720, 300, 50
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>']
# Left panel: strip of median z^2 per cohort.
x0, x1, y0, y1 = pad, 360, 40, H - 50
top = 4.0
def ys(v): return y1 - (min(v, top) / top) * (y1 - y0)
svg.append(f'<text x="{x0}" y="20" font-weight="bold">Placebo median z² per null cohort</text>')
svg.append(f'<line x1="{x0}" y1="{y1}" x2="{x1}" y2="{y1}" stroke="black"/><line x1="{x0}" y1="{y0}" x2="{x0}" y2="{y1}" stroke="black"/>')
for t in [0, 1, 2, 3, 4]:
    svg.append(f'<text x="{x0 - 8}" y="{ys(t) + 4}" text-anchor="end">{t}</text>')
svg.append(f'<line x1="{x0}" y1="{ys(0.455)}" x2="{x1}" y2="{ys(0.455)}" stroke="#2a7" stroke-dasharray="4 3"/>')
svg.append(f'<text x="{x1}" y="{ys(0.455) + 14}" text-anchor="end" fill="#2a7">0.455: a calibrated null</text>')
for i, (key, label) in enumerate([((1, True), "independent"), ((3, True), "3x pseudo-replicated")]):
    if key not in runs: continue
    cx = x0 + 80 + i * 150
    for j, v in enumerate(runs[key][2]):
        svg.append(f'<circle cx="{cx + (j % 10 - 4.5) * 6}" cy="{ys(v):.1f}" r="3" fill="{"#357" if i == 0 else "#c53"}" fill-opacity="0.7"/>')
    svg.append(f'<text x="{cx}" y="{y1 + 18}" text-anchor="middle">{label}</text>')
# Right panel: false-flag rate.
x0, x1 = 420, W - 20
svg.append(f'<text x="{x0}" y="20" font-weight="bold">Null cohorts with a false threshold flag</text>')
svg.append(f'<line x1="{x0}" y1="{y1}" x2="{x1}" y2="{y1}" stroke="black"/>')
bars = [((1, True), "independent,\ncalibrated"), ((3, False), "3x pseudo-rep.,\nnot calibrated"), ((3, True), "3x pseudo-rep.,\ncalibrated")]
for i, (key, label) in enumerate(bars):
    if key not in runs: continue
    flagged, total, _ = runs[key]
    bx = x0 + 20 + i * 95
    h = (flagged / total) * (y1 - y0)
    svg.append(f'<rect x="{bx}" y="{y1 - h:.1f}" width="60" height="{h:.1f}" fill="{"#357" if key[0] == 1 else "#c53" if not key[1] else "#e96"}"/>')
    svg.append(f'<text x="{bx + 30}" y="{y1 - h - 5:.1f}" text-anchor="middle">{flagged}/{total}</text>')
    for k, line in enumerate(label.split("\n")):
        svg.append(f'<text x="{bx + 30}" y="{y1 + 16 + 13 * k}" text-anchor="middle" font-size="11">{line}</text>')
svg.append('</svg>')
open(sys.argv[2], "w").write("\n".join(svg))
