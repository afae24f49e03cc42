"""Drawing primitives for the demo photos and the portal logo, with Pillow only.

No downloads and no font files: pictures are painted from shapes (sky, karst hills, fields,
people, buildings) so that the demo looks like a news site with photos, and each picture is
made from a seed, so a demo photo is the same on every load while two photos of one scene differ.
Pillow's built-in font has no Vietnamese diacritics, so banners show bars in place of words.
"""

import functools
import io
import itertools
import math

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

WIDTH, HEIGHT = 1200, 800
JPEG_QUALITY = 85
SKIN = (224, 180, 140)
HAIR = (38, 32, 30)
# Clothes seen in a district: shirts of every day, militia uniform, youth-union blue, safety vests.
SHIRTS = [
    (245, 245, 240),
    (40, 60, 110),
    (70, 90, 140),
    (120, 40, 40),
    (90, 110, 150),
    (230, 230, 220),
]
UNIFORM = (86, 104, 64)
YOUTH_BLUE = (30, 95, 175)
VEST = (245, 120, 30)
RED = (200, 35, 40)
GOLD = (250, 215, 90)


# --- colours -------------------------------------------------------------------------------


def mix(a, b, t):
    """The colour a fraction `t` of the way from `a` to `b`."""
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def shade(color, factor):
    return tuple(max(0, min(255, round(c * factor))) for c in color)


def vary(rng, color, amount=14):
    return tuple(max(0, min(255, c + rng.randint(-amount, amount))) for c in color)


# --- canvas --------------------------------------------------------------------------------


def gradient(size, top, bottom):
    """A vertical gradient image, built per channel from Pillow's 256-step ramp (fast)."""
    ramp = Image.linear_gradient("L").resize(size)
    channels = [
        ramp.point(lambda v, a=a, b=b: round(a + (b - a) * v / 255))
        for a, b in zip(top, bottom, strict=True)
    ]
    return Image.merge("RGB", channels)


def soft(image, color, paint, radius, opacity=1.0):
    """Paint shapes with blurred edges (clouds, glow, shadows, reflections).

    `paint(draw, fill)` draws on a mask; the blur runs on a quarter-size copy, which is
    sixteen times cheaper and looks the same at this softness.
    """
    mask = Image.new("L", image.size, 0)
    paint(ImageDraw.Draw(mask), round(255 * opacity))
    small = mask.reduce(4).filter(ImageFilter.GaussianBlur(max(radius / 4, 0.5)))
    image.paste(color, (0, 0, *image.size), small.resize(image.size, Image.Resampling.BILINEAR))


def sky(image, rng, horizon, top=(70, 130, 200), bottom=(200, 222, 240), clouds=5):
    image.paste(gradient((image.width, horizon), top, bottom), (0, 0))

    def paint_clouds(draw, fill):
        for _ in range(clouds):
            cx, cy = rng.randint(-100, image.width + 100), rng.randint(30, max(horizon // 2, 60))
            width = rng.randint(140, 320)
            for _ in range(7):
                dx, dy = rng.randint(-width // 2, width // 2), rng.randint(-25, 15)
                r = rng.randint(30, 70)
                draw.ellipse((cx + dx - r * 1.6, cy + dy - r, cx + dx + r * 1.6, cy + dy + r), fill)

    soft(image, (255, 255, 255), paint_clouds, radius=28, opacity=0.8)


def sun(image, x, y, radius=40, color=(255, 244, 200)):
    soft(
        image,
        color,
        lambda d, f: d.ellipse((x - 4 * radius, y - 4 * radius, x + 4 * radius, y + 4 * radius), f),
        120,
        0.5,
    )
    ImageDraw.Draw(image).ellipse((x - radius, y - radius, x + radius, y + radius), color)


# Grain and vignette are the same for every picture of a size: made once, they halve the time
# a picture takes.
@functools.cache
def _grain(size):
    return Image.effect_noise(size, 48).convert("RGB")


@functools.cache
def _vignette(size):
    falloff = Image.radial_gradient("L").resize(size).point(lambda v: 255 - round(v * 0.22))
    return Image.merge("RGB", [falloff] * 3)


def finish(image):
    """Film grain, a soft lens and a vignette, so that shapes read as a photograph."""
    image = Image.blend(image, _grain(image.size), 0.05).filter(ImageFilter.GaussianBlur(0.7))
    return ImageChops.multiply(image, _vignette(image.size))


def jpeg_bytes(image):
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True)
    return buffer.getvalue()


# --- landscape -----------------------------------------------------------------------------


def karst_ridge(image, rng, base, color, peaks=6, height=(80, 220), width=(40, 110)):
    """Limestone hills as in Kim Bảng: steep sides and rounded tops (1 / (1 + x⁴) peaks)."""
    bumps = [
        (rng.uniform(-50, image.width + 50), rng.uniform(*height), rng.uniform(*width))
        for _ in range(peaks)
    ]
    points = [(0, image.height)]
    for x in range(0, image.width + 8, 8):
        top = max(h / (1 + ((x - cx) / w) ** 4) for cx, h, w in bumps)
        points.append((x, base - top - rng.uniform(0, 3)))
    points.append((image.width, image.height))
    ImageDraw.Draw(image).polygon(points, color)


def treeline(image, rng, base, color, size=(14, 30)):
    draw = ImageDraw.Draw(image)
    x = -20
    while x < image.width + 20:
        r = rng.randint(*size)
        draw.ellipse((x - r, base - r * 1.6, x + r, base + r), vary(rng, color, 10))
        x += rng.randint(r // 2, r + 4)
    draw.rectangle((0, base, image.width, base + size[1]), color)


def tree(draw, rng, x, base, height, green=(60, 110, 50)):
    trunk = max(height // 14, 3)
    draw.rectangle((x - trunk, base - height * 0.55, x + trunk, base), (90, 65, 45))
    cy, r = base - height * 0.68, height * 0.3
    for i in range(9):
        dx, dy = rng.uniform(-r * 0.8, r * 0.8), rng.uniform(-r * 0.7, r * 0.5)
        rr = r * rng.uniform(0.5, 0.8)
        tone = shade(green, 0.75 + 0.35 * (i / 8) - (0.15 if dx > 0 else 0))
        draw.ellipse((x + dx - rr, cy + dy - rr, x + dx + rr, cy + dy + rr), vary(rng, tone, 8))


def perspective_rows(image, rng, top, vanish, colors, rows=36, spread=3.0):
    """Field rows converging to a vanishing point, from y=`top` to the bottom edge."""
    draw = ImageDraw.Draw(image)
    vx, vy = vanish
    w, h = image.size

    def x_at(bottom_x, y):
        return vx + (bottom_x - vx) * (y - vy) / (h - vy)

    edges = [-w * spread + i * (w * (2 * spread + 1)) / rows for i in range(rows + 1)]
    for i, (a, b) in enumerate(itertools.pairwise(edges)):
        color = vary(rng, colors[i % len(colors)], 6)
        draw.polygon([(x_at(a, top), top), (x_at(b, top), top), (b, h), (a, h)], color)


def stalks(image, rng, top, color, count=1600):
    """Short strokes that grow towards the viewer: the texture of rice or grass."""
    draw = ImageDraw.Draw(image)
    for _ in range(count):
        depth = rng.random() ** 0.6
        y = top + depth * (image.height - top)
        x = rng.uniform(0, image.width)
        length = 2 + depth * 22
        draw.line(
            (x, y, x + rng.uniform(-3, 3) * depth, y - length),
            vary(rng, color, 25),
            max(1, round(depth * 3)),
        )


def water(image, rng, top, color, bottom=None):
    bottom = bottom or image.height
    image.paste(
        gradient((image.width, bottom - top), shade(color, 1.15), shade(color, 0.8)), (0, top)
    )
    draw = ImageDraw.Draw(image)
    for _ in range(260):
        depth = rng.random()
        y = top + depth * (bottom - top)
        x = rng.uniform(-50, image.width)
        draw.line(
            (x, y, x + 10 + depth * 60, y),
            shade(color, rng.uniform(1.15, 1.35)),
            1 + round(depth * 2),
        )


# --- people and things ---------------------------------------------------------------------


def person(draw, x, base, height, shirt, trousers=(50, 55, 70), hat=None, back=False):
    """A standing figure seen at a distance; `hat` is "conical", "cap" or None.

    `back`: seen from behind (people facing a counter or a stage), so no face shows.
    """
    head = height * 0.075
    neck = base - height + 2 * head
    hips = base - height * 0.47
    half = height * 0.13
    arm = max(2, round(half * 0.42))
    for side in (-1, 1):
        draw.line(
            (x + side * half * 0.8, neck + head, x + side * half * 1.2, hips + head),
            shade(shirt, 0.85),
            arm,
        )
    draw.rounded_rectangle((x - half, neck, x + half, hips), radius=half * 0.6, fill=shirt)
    draw.rectangle((x - half * 0.85, hips - 2, x - 1, base), trousers)
    draw.rectangle((x + 1, hips - 2, x + half * 0.85, base), trousers)
    draw.ellipse((x - head, neck - 2 * head - 1, x + head, neck - 1), HAIR if back else SKIN)
    draw.chord((x - head, neck - 2 * head - 1, x + head, neck - 1), 180, 360, HAIR)
    if hat == "conical":
        draw.polygon(
            [
                (x - head * 2.4, neck - head * 1.2),
                (x + head * 2.4, neck - head * 1.2),
                (x, neck - head * 3.4),
            ],
            (228, 210, 160),
        )
    elif hat == "cap":
        draw.chord(
            (x - head * 1.1, neck - 2.3 * head, x + head * 1.1, neck - 0.4 * head), 180, 360, shirt
        )


def seated_from_behind(draw, x, y, size, shirt, hair=HAIR):
    """A listener in a hall, seen from the row behind: shoulders and the back of the head."""
    draw.pieslice((x - size, y - size * 0.2, x + size, y + size * 1.6), 180, 360, shirt)
    draw.rectangle((x - size, y + size * 0.6, x + size, y + size * 1.2), shirt)
    draw.ellipse((x - size * 0.42, y - size * 0.75, x + size * 0.42, y + size * 0.15), hair)


def star(cx, cy, radius, points=5):
    corners = []
    for i in range(points * 2):
        r = radius if i % 2 == 0 else radius * 0.382
        angle = -math.pi / 2 + i * math.pi / points
        corners.append((cx + r * math.cos(angle), cy + r * math.sin(angle)))
    return corners


def national_flag(draw, x, y, width, pole_height=0):
    """The red flag with the yellow star, on a pole when `pole_height` is given."""
    height = width * 2 / 3
    if pole_height:
        draw.rectangle((x - 3, y, x, y + pole_height), (200, 200, 200))
    draw.rectangle((x, y, x + width, y + height), (218, 37, 29))
    draw.polygon(star(x + width / 2, y + height / 2, height * 0.3), (255, 230, 0))


def text_bars(draw, rng, box, color, rows=2):
    """Lines of 'words' on a banner or a sign: the built-in font cannot write Vietnamese."""
    left, top, right, bottom = box
    row_height = (bottom - top) / rows
    for row in range(rows):
        y = top + row * row_height + row_height * 0.25
        line_width = (right - left) * rng.uniform(0.6, 0.95)
        x = left + ((right - left) - line_width) / 2
        end = x + line_width
        while x < end - 10:
            word = min(rng.uniform(25, 90), end - x)
            draw.rectangle((x, y, x + word, y + row_height * 0.45), color)
            x += word + row_height * 0.3


def window_grid(draw, box, columns, rows, color, frame):
    left, top, right, bottom = box
    cell_w, cell_h = (right - left) / columns, (bottom - top) / rows
    for c in range(columns):
        for r in range(rows):
            x, y = left + c * cell_w, top + r * cell_h
            draw.rectangle(
                (x + cell_w * 0.2, y + cell_h * 0.2, x + cell_w * 0.8, y + cell_h * 0.8),
                color,
                frame,
                2,
            )


# --- logo ----------------------------------------------------------------------------------


def logo_png(initials, size=512):
    """A round emblem: red and gold rings, a deep blue field, karst hills and the initials."""
    scale = 2  # drawn at twice the size and reduced, for smooth edges
    s = size * scale
    image = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, s - 1, s - 1), (190, 30, 45))
    draw.ellipse((s * 0.05, s * 0.05, s * 0.95, s * 0.95), (240, 200, 80))
    draw.ellipse((s * 0.08, s * 0.08, s * 0.92, s * 0.92), (16, 52, 110))
    hills = [(s * 0.12, s * 0.78)]
    for i in range(41):
        x = s * (0.12 + 0.76 * i / 40)
        peak = max(
            h / (1 + ((x - cx) / (s * 0.07)) ** 4)
            for cx, h in ((s * 0.32, s * 0.2), (s * 0.52, s * 0.27), (s * 0.7, s * 0.17))
        )
        hills.append((x, s * 0.78 - peak))
    hills.append((s * 0.88, s * 0.78))
    draw.polygon(hills, (60, 130, 190))
    for i in range(3):
        y = s * (0.8 + i * 0.035)
        draw.arc(
            (s * 0.2, y - s * 0.04, s * 0.8, y + s * 0.04),
            20,
            160,
            (240, 200, 80),
            round(s * 0.012),
        )
    font = ImageFont.load_default(size=round(s * 0.3))
    draw.text(
        (s / 2, s * 0.36),
        initials,
        font=font,
        fill="white",
        anchor="mm",
        stroke_width=round(s * 0.008),
        stroke_fill="white",
    )
    draw.polygon(star(s / 2, s * 0.15, s * 0.05), (240, 200, 80))
    buffer = io.BytesIO()
    image.resize((size, size), Image.Resampling.LANCZOS).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


# --- compositions shared by several scenes ------------------------------------------------


def landscape(rng, horizon, far=(150, 168, 190), near=(100, 130, 125)):
    image = Image.new("RGB", (WIDTH, HEIGHT))
    sky(image, rng, horizon + 60)
    if rng.random() < 0.6:
        sun(image, rng.randint(120, WIDTH - 120), rng.randint(60, 150), 30)
    karst_ridge(image, rng, horizon + 10, far, peaks=7, height=(70, 190))
    karst_ridge(image, rng, horizon + 30, near, peaks=4, height=(30, 110), width=(50, 130))
    treeline(image, rng, horizon + 40, (58, 92, 52))
    return image


def crowd(draw, rng, rows, top, bottom, shirts, hats=None, spacing=2.6, size=(55, 150)):
    """Standing people in rows, far rows first so near ones overlap them."""
    for row in range(rows):
        t = row / max(rows - 1, 1)
        base, height = top + (bottom - top) * t, size[0] + (size[1] - size[0]) * t
        x = rng.uniform(-height, 0)
        while x < WIDTH + height:
            hat = rng.choice(hats) if hats else None
            person(
                draw,
                x,
                base,
                height * rng.uniform(0.93, 1.05),
                vary(rng, rng.choice(shirts), 8),
                hat=hat,
            )
            x += height * rng.uniform(spacing * 0.25, spacing * 0.4)
