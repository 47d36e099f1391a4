#!/usr/bin/env python3
"""Draws the two PestProtocol app icons: a shield holding a heart.

    python3 manifest/icons/draw-icons.py            # writes manifest/color.png and manifest/outline.png
    python3 manifest/icons/draw-icons.py OUT_DIR    # writes them into OUT_DIR

Only the Python standard library is used (zlib + struct), so the output is the same byte for byte
on every machine. Shapes are polygons; each pixel gets its coverage from the signed distance
between its centre and the polygon edge, which gives smooth, deterministic anti-aliasing.

color.png   192x192, full colour: a calm teal tile, a white shield, a coral heart.
outline.png 32x32, white on transparent: the shield's rim and a solid heart (alpha only).
"""

import math
import os
import struct
import sys
import zlib

TEAL_TOP = (0x23, 0x7A, 0x84)
TEAL_BOTTOM = (0x1A, 0x62, 0x6B)
SHIELD_WHITE = (0xFF, 0xFF, 0xFF)
SHIELD_SHADE = (0xE3, 0xF1, 0xF2)
HEART_CORAL = (0xF0, 0x6E, 0x5A)


# ---------------------------------------------------------------- shapes as polygons

def shield_polygon(cx, top, width, height, steps=96):
    """A heraldic shield: gently curved top, straight shoulders, a pointed bottom."""
    half = width / 2.0
    shoulder = 0.42  # fraction of the height where the sides start to curve inwards
    right_side = []
    for i in range(steps + 1):
        t = i / steps  # 0 at the top corner, 1 at the point
        v = t
        if v <= shoulder:
            w = 1.0
        else:
            s = (v - shoulder) / (1.0 - shoulder)
            w = 1.0 - s ** 1.7
        right_side.append((cx + half * w, top + height * v + corner_drop(w, height)))
    top_edge = []
    for i in range(1, steps):
        u = -1.0 + 2.0 * i / steps  # from left corner to right corner, without the corners
        top_edge.append((cx + half * u, top + corner_drop(abs(u), height)))
    left_side = [(2 * cx - x, y) for (x, y) in reversed(right_side)]
    # Clockwise on screen: top edge left to right, down the right side, up the left side.
    return top_edge + right_side + left_side


def corner_drop(u, height):
    """The top edge dips a little towards the corners, like a shield's shoulders."""
    if u > 1.0:
        u = 1.0
    return 0.05 * height * u * u


def heart_polygon(cx, cy, size, steps=160):
    """The classic parametric heart, scaled so its width is `size`, centred on (cx, cy)."""
    points = []
    for i in range(steps):
        t = 2.0 * math.pi * i / steps
        x = 16.0 * math.sin(t) ** 3
        y = 13.0 * math.cos(t) - 5.0 * math.cos(2 * t) - 2.0 * math.cos(3 * t) - math.cos(4 * t)
        points.append((x, -y))  # screen y grows downwards
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    scale = size / (max(xs) - min(xs))
    mid_y = (max(ys) + min(ys)) / 2.0
    return [(cx + x * scale, cy + (y - mid_y) * scale) for (x, y) in points]


def signed_distances(size, polygon, reach):
    """Signed distance from each pixel centre to the polygon's edge: negative inside, positive
    outside. Exact within `reach` pixels of the edge; farther away only the sign matters, so
    those pixels get -inf (inside) or +inf (outside)."""
    # Inside or outside: the even-odd rule along each row of pixel centres.
    grid = []
    for y in range(size):
        py = y + 0.5
        crossings = []
        x1, y1 = polygon[-1]
        for x2, y2 in polygon:
            if (y1 > py) != (y2 > py):
                crossings.append(x1 + (py - y1) * (x2 - x1) / (y2 - y1))
            x1, y1 = x2, y2
        row = []
        for x in range(size):
            px = x + 0.5
            inside = sum(1 for c in crossings if px < c) % 2 == 1
            row.append(-math.inf if inside else math.inf)
        grid.append(row)

    # Near the edge: the exact distance to the nearest segment.
    nearest = [[math.inf] * size for _ in range(size)]
    x1, y1 = polygon[-1]
    for x2, y2 in polygon:
        dx, dy = x2 - x1, y2 - y1
        length2 = dx * dx + dy * dy
        left = max(0, math.floor(min(x1, x2) - reach))
        right = min(size - 1, math.ceil(max(x1, x2) + reach))
        top = max(0, math.floor(min(y1, y2) - reach))
        bottom = min(size - 1, math.ceil(max(y1, y2) + reach))
        for y in range(top, bottom + 1):
            py = y + 0.5
            for x in range(left, right + 1):
                px = x + 0.5
                t = ((px - x1) * dx + (py - y1) * dy) / length2 if length2 > 0 else 0.0
                t = 0.0 if t < 0 else (1.0 if t > 1 else t)
                ex, ey = x1 + t * dx - px, y1 + t * dy - py
                d2 = ex * ex + ey * ey
                if d2 < nearest[y][x]:
                    nearest[y][x] = d2
        x1, y1 = x2, y2

    for y in range(size):
        for x in range(size):
            d = math.sqrt(nearest[y][x])
            if d <= reach:
                grid[y][x] = -d if grid[y][x] < 0 else d
    return grid


def coverage(distance):
    """How much of a one-pixel-wide pixel lies inside, from its centre's signed distance."""
    c = 0.5 - distance
    return 0.0 if c <= 0 else (1.0 if c >= 1 else c)


def shape_coverage(size, polygon):
    """A size x size grid of coverage values for one polygon."""
    return [[coverage(d) for d in row] for row in signed_distances(size, polygon, reach=1.0)]


def ring_coverage(size, polygon, stroke):
    """Coverage of a band of width `stroke` running just inside the polygon's edge."""
    distances = signed_distances(size, polygon, reach=stroke + 1.0)
    return [[max(0.0, coverage(d) - coverage(d + stroke)) for d in row] for row in distances]


# ---------------------------------------------------------------- PNG writing (RGBA, 8 bit)

def png_bytes(size, pixels):
    """Encodes rows of (r, g, b, a) tuples as a non-interlaced 8-bit RGBA PNG."""
    raw = bytearray()
    for row in pixels:
        raw.append(0)  # filter type 0 (None) for every scanline
        for r, g, b, a in row:
            raw += bytes((r, g, b, a))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9))
            + chunk(b"IEND", b""))


def mix(under, over, amount):
    return tuple(round(u + (o - u) * amount) for u, o in zip(under, over))


# ---------------------------------------------------------------- the two icons

def draw_color(size=192):
    shield = shield_polygon(cx=size / 2, top=size * 0.17, width=size * 0.60, height=size * 0.70)
    inner = shield_polygon(cx=size / 2, top=size * 0.215, width=size * 0.50, height=size * 0.60)
    heart = heart_polygon(cx=size / 2, cy=size * 0.445, size=size * 0.30)
    shield_cov = shape_coverage(size, shield)
    inner_cov = shape_coverage(size, inner)
    heart_cov = shape_coverage(size, heart)

    pixels = []
    for y in range(size):
        row = []
        background = mix(TEAL_TOP, TEAL_BOTTOM, y / (size - 1))
        for x in range(size):
            colour = background
            colour = mix(colour, SHIELD_WHITE, shield_cov[y][x])
            colour = mix(colour, SHIELD_SHADE, inner_cov[y][x])
            colour = mix(colour, HEART_CORAL, heart_cov[y][x])
            row.append(colour + (255,))
        pixels.append(row)
    return png_bytes(size, pixels)


def draw_outline(size=32):
    shield = shield_polygon(cx=size / 2, top=2.0, width=24.0, height=28.0)
    heart = heart_polygon(cx=size / 2, cy=13.2, size=11.0)
    rim = ring_coverage(size, shield, stroke=2.0)
    heart_cov = shape_coverage(size, heart)

    pixels = []
    for y in range(size):
        row = []
        for x in range(size):
            alpha = round(255 * min(1.0, rim[y][x] + heart_cov[y][x]))
            row.append((255, 255, 255, alpha))  # white everywhere; only alpha draws the shape
        pixels.append(row)
    return png_bytes(size, pixels)


def main(argv):
    out_dir = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    os.makedirs(out_dir, exist_ok=True)
    for name, data in (("color.png", draw_color()), ("outline.png", draw_outline())):
        path = os.path.join(out_dir, name)
        with open(path, "wb") as f:
            f.write(data)
        print(f"wrote {os.path.normpath(path)} ({len(data)} bytes)")


if __name__ == "__main__":
    main(sys.argv)
