"""The monthly trend chart as a server-rendered SVG (no JavaScript), plain Python.

Left axis: average working days (line, with the 20-day legal limit and the 7-day target drawn in).
Right axis: on-time rate in percent (dashed line)."""
import math
from html import escape

from publishing import figures

WIDTH, HEIGHT = 760, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 56, 28, 56


def trend_svg(points, *, limit=20, target=7, title="月度发布时效趋势") -> str:
    """points: [(month 'YYYY-MM', avg working days or None, on-time rate 0..1 or None)]."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    top_days = max([limit + 5] + [p[1] + 2 for p in points if p[1] is not None])
    n = max(len(points), 1)
    step = plot_w / n

    def x(i):
        return LEFT + step * (i + 0.5)

    def y_days(v):
        return TOP + plot_h * (1 - v / top_days)

    def y_rate(r):
        return TOP + plot_h * (1 - r)

    desc = "；".join(
        f"{m}：平均{figures.number(a)}个工作日，按时率{figures.percent(r)}" for m, a, r in points
    ) or "所选期间没有数据"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
        f'aria-labelledby="trend-title trend-desc" class="trend-chart" font-family="sans-serif" font-size="12">',
        f'<title id="trend-title">{escape(title)}</title><desc id="trend-desc">{escape(desc)}</desc>',
        f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="#fff" stroke="#999"/>',
    ]
    for v in range(0, int(top_days) + 1, 5):
        yy = y_days(v)
        out.append(f'<line x1="{LEFT}" y1="{yy:.1f}" x2="{LEFT + plot_w}" y2="{yy:.1f}" stroke="#eee"/>')
        out.append(f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end">{v}</text>')
    for pct in (0, 25, 50, 75, 100):
        out.append(f'<text x="{LEFT + plot_w + 6}" y="{y_rate(pct / 100) + 4:.1f}">{pct}%</text>')
    for value, colour, label in ((limit, "#b00020", f"法定时限 {limit} 个工作日"), (target, "#1b6e20", f"目标 {target} 个工作日")):
        yy = y_days(value)
        out.append(f'<line x1="{LEFT}" y1="{yy:.1f}" x2="{LEFT + plot_w}" y2="{yy:.1f}" stroke="{colour}" stroke-width="2" stroke-dasharray="8 4"/>')
        out.append(f'<text x="{LEFT + 4}" y="{yy - 4:.1f}" fill="{colour}">{escape(label)}</text>')
    every = max(1, math.ceil(62 / step))  # month labels are about 60 px wide
    for i, (month, _, _) in enumerate(points):
        if i % every == 0:
            out.append(f'<text x="{x(i):.1f}" y="{TOP + plot_h + 16}" text-anchor="middle">{escape(month)}</text>')
    avg_pts = [(x(i), y_days(a)) for i, (_, a, _) in enumerate(points) if a is not None]
    rate_pts = [(x(i), y_rate(r)) for i, (_, _, r) in enumerate(points) if r is not None]
    if avg_pts:
        out.append('<polyline fill="none" stroke="#0b5cad" stroke-width="2.5" points="' + " ".join(f"{a:.1f},{b:.1f}" for a, b in avg_pts) + '"/>')
        out.extend(f'<circle cx="{a:.1f}" cy="{b:.1f}" r="3" fill="#0b5cad"/>' for a, b in avg_pts)
    if rate_pts:
        out.append('<polyline fill="none" stroke="#a15c00" stroke-width="2" stroke-dasharray="4 3" points="' + " ".join(f"{a:.1f},{b:.1f}" for a, b in rate_pts) + '"/>')
    ly = HEIGHT - 14
    out.append(f'<line x1="{LEFT}" y1="{ly - 4}" x2="{LEFT + 24}" y2="{ly - 4}" stroke="#0b5cad" stroke-width="2.5"/><text x="{LEFT + 30}" y="{ly}">平均用时（工作日，左轴）</text>')
    out.append(f'<line x1="{LEFT + 220}" y1="{ly - 4}" x2="{LEFT + 244}" y2="{ly - 4}" stroke="#a15c00" stroke-width="2" stroke-dasharray="4 3"/><text x="{LEFT + 250}" y="{ly}">按时率（右轴）</text>')
    out.append("</svg>")
    return "".join(out)
