"""Scenes in the open: fields, roads, the river dike, a temple on a lake, a village lane."""

from PIL import Image, ImageDraw, ImageOps

from .pictures import (
    GOLD,
    HEIGHT,
    SHIRTS,
    UNIFORM,
    VEST,
    WIDTH,
    YOUTH_BLUE,
    crowd,
    gradient,
    karst_ridge,
    landscape,
    person,
    perspective_rows,
    shade,
    sky,
    soft,
    stalks,
    text_bars,
    tree,
    treeline,
    vary,
    water,
    window_grid,
)


def fields(rng, ripe=True):
    horizon = rng.randint(290, 350)
    image = landscape(rng, horizon)
    top = horizon + 48
    vanish = (rng.randint(350, 850), horizon - 80)
    crop = [(214, 176, 70), (194, 154, 54)] if ripe else [(96, 160, 60), (80, 140, 52)]
    perspective_rows(image, rng, top, vanish, crop)
    stalks(image, rng, top, (232, 192, 84) if ripe else (120, 185, 75))
    draw = ImageDraw.Draw(image)
    if ripe:
        # The harvested strip: pale stubble behind the combine harvester.
        edge = rng.randint(450, 750)
        stubble = Image.new("RGB", image.size)
        perspective_rows(stubble, rng, top, vanish, [(178, 158, 104), (164, 144, 92)])
        mask = Image.new("L", image.size, 0)
        ImageDraw.Draw(mask).polygon(
            [(0, top), (edge - 120, top), (edge - 260, HEIGHT), (0, HEIGHT)], 255
        )
        image.paste(stubble, (0, 0), mask)
        y = top + rng.randint(90, 150)
        _harvester(image, edge - 160, y, scale=rng.uniform(0.9, 1.2))
        for i in range(rng.randint(3, 6)):
            bx, by = rng.randint(40, edge - 300), rng.randint(top + 160, HEIGHT - 40)
            draw.rounded_rectangle((bx, by - 34, bx + 46, by), 10, (236, 232, 220), (190, 185, 170))
            draw.rounded_rectangle(
                (bx + 20 + i % 2 * 10, by - 64, bx + 66, by - 30),
                10,
                (236, 232, 220),
                (190, 185, 170),
            )
    for _ in range(rng.randint(2, 4)):
        x, base = rng.randint(80, WIDTH - 80), rng.randint(top + 200, HEIGHT - 20)
        person(
            draw,
            x,
            base,
            150 + (base - top) * 0.35,
            vary(rng, rng.choice([(60, 90, 140), (140, 100, 70), (235, 235, 225)])),
            (60, 60, 70),
            "conical",
        )
    return image


def _harvester(image, x, y, scale):
    soft(
        image,
        (60, 60, 40),
        lambda d, f: d.ellipse(
            (x - 100 * scale, y - 14 * scale, x + 110 * scale, y + 16 * scale), f
        ),
        16,
        0.5,
    )
    draw = ImageDraw.Draw(image)
    s = scale
    draw.rounded_rectangle((x - 75 * s, y - 24 * s, x + 70 * s, y), 10 * s, (45, 45, 45))
    draw.rectangle((x - 68 * s, y - 90 * s, x + 55 * s, y - 20 * s), (205, 48, 36))
    draw.rectangle((x - 68 * s, y - 52 * s, x + 55 * s, y - 44 * s), (240, 240, 235))
    draw.rectangle((x - 50 * s, y - 120 * s, x + 5 * s, y - 90 * s), (215, 64, 48))
    draw.rectangle((x + 12 * s, y - 135 * s, x + 58 * s, y - 90 * s), (55, 55, 60))
    draw.rectangle((x + 18 * s, y - 128 * s, x + 54 * s, y - 100 * s), (170, 205, 225))
    draw.line((x - 50 * s, y - 112 * s, x - 110 * s, y - 130 * s), (190, 190, 190), round(7 * s))
    draw.polygon(
        [
            (x + 55 * s, y - 45 * s),
            (x + 115 * s, y - 30 * s),
            (x + 115 * s, y - 4 * s),
            (x + 55 * s, y - 10 * s),
        ],
        (160, 160, 155),
    )
    draw.ellipse(
        (x + 70 * s, y - 52 * s, x + 112 * s, y - 22 * s), outline=(90, 90, 90), width=round(4 * s)
    )


def road(rng, works=True):
    horizon = rng.randint(330, 380)
    image = landscape(rng, horizon - 40)
    image.paste(gradient((WIDTH, HEIGHT - horizon), (110, 160, 70), (70, 120, 50)), (0, horizon))
    draw = ImageDraw.Draw(image)
    vx = rng.randint(500, 700)
    near_left, near_right = rng.randint(60, 200), rng.randint(1000, 1140)
    asphalt = (70, 72, 78)
    draw.polygon(
        [(vx - 6, horizon), (vx + 6, horizon), (near_right, HEIGHT), (near_left, HEIGHT)], asphalt
    )
    middle = (near_left + near_right) / 2
    t = 0.02
    while t < 1:
        t2 = t + 0.03 + t * 0.08
        y1, y2 = horizon + (HEIGHT - horizon) * t, horizon + (HEIGHT - horizon) * min(t2, 1)
        x1, x2 = vx + (middle - vx) * t, vx + (middle - vx) * min(t2, 1)
        draw.line((x1, y1, x2, y2), (240, 240, 230), max(1, round(12 * t)))
        t = t2 + 0.04 + t * 0.1
    for side in (near_left - 120, near_right + 120):
        for k in range(9, 0, -2 if works else -1):
            t = (k / 9) ** 1.6
            x, base = vx + (side - vx) * t, horizon + (HEIGHT - horizon) * t
            tree(draw, rng, x, base, 30 + 420 * t)
    if works:
        gravel = (150, 135, 115)
        draw.polygon(
            [(vx - 6, horizon), (vx + 6, horizon), (near_right, HEIGHT), (middle + 40, HEIGHT)],
            gravel,
        )
        _roller(draw, rng, vx + (near_right - vx) * 0.55, horizon + (HEIGHT - horizon) * 0.55)
        for k in range(6):
            t = 0.35 + k * 0.11
            x, y = vx + (middle + 20 - vx) * t, horizon + (HEIGHT - horizon) * t
            size = 10 + 40 * t
            draw.polygon(
                [(x - size / 2, y), (x + size / 2, y), (x, y - size * 1.4)], (245, 110, 20)
            )
            draw.rectangle(
                (x - size / 5, y - size * 0.8, x + size / 5, y - size * 0.6), (255, 255, 255)
            )
        for _ in range(3):
            t = rng.uniform(0.45, 0.9)
            person(
                draw,
                vx + (near_right - 80 - vx) * t,
                horizon + (HEIGHT - horizon) * t,
                60 + 260 * t,
                VEST,
                (60, 70, 90),
                "cap",
            )
    return image


def _roller(draw, rng, x, y):
    body = vary(rng, (245, 195, 30), 8)
    draw.ellipse((x - 110, y - 60, x - 30, y + 10), (60, 60, 60))
    draw.rectangle((x - 90, y - 120, x + 60, y - 40), body)
    draw.rectangle((x - 20, y - 190, x + 50, y - 120), (60, 60, 60))
    draw.rectangle((x - 12, y - 180, x + 42, y - 130), (170, 200, 220))
    draw.ellipse((x + 10, y - 70, x + 100, y + 10), (40, 40, 40))
    draw.ellipse((x + 35, y - 45, x + 75, y - 15), body)


def river(rng):
    horizon = rng.randint(280, 330)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    sky(image, rng, horizon + 20, (120, 132, 150), (205, 210, 215), clouds=9)
    karst_ridge(image, rng, horizon, (150, 160, 172), peaks=5, height=(40, 120))
    treeline(image, rng, horizon + 10, (70, 95, 70), size=(10, 22))
    water(image, rng, horizon + 25, (150, 125, 92), bottom=520)
    draw = ImageDraw.Draw(image)
    bank = [(0, 500 + rng.randint(-20, 20)), (WIDTH, 470 + rng.randint(-20, 20))]
    draw.polygon([*bank, (WIDTH, HEIGHT), (0, HEIGHT)], (90, 140, 70))
    draw.polygon(
        [(0, 640), (WIDTH, 610), (WIDTH, 680), (0, 710)], (165, 160, 150)
    )  # the road on the dike
    stalks(image, rng, 520, (110, 165, 80), count=600)
    for row in range(3):
        for k in range(-1, 26):
            x = k * 48 + row * 22
            y = bank[0][1] + (bank[1][1] - bank[0][1]) * x / WIDTH - row * 20 + 8
            draw.rounded_rectangle(
                (x, y - 22, x + 50, y), 9, vary(rng, (214, 198, 160), 10), (160, 145, 115)
            )
    x = rng.randint(150, 900)
    draw.polygon([(x, 420), (x + 200, 420), (x + 180, 445), (x + 20, 445)], (70, 60, 55))
    for k in range(3):
        person(draw, x + 50 + k * 45, 425, 60, VEST, UNIFORM, "cap")
    for _ in range(rng.randint(4, 7)):
        px = rng.randint(40, WIDTH - 40)
        person(
            draw,
            px,
            rng.randint(640, 790),
            rng.randint(190, 260),
            rng.choice([UNIFORM, VEST]),
            UNIFORM,
            "cap",
        )
    return image


def temple(rng):
    horizon = rng.randint(400, 460)
    image = landscape(rng, horizon - 90, far=(140, 160, 180), near=(85, 120, 105))
    draw = ImageDraw.Draw(image)
    left = rng.randint(120, 600)
    right = left + rng.randint(360, 480)
    draw.rectangle((left - 30, horizon - 30, right + 30, horizon), (175, 170, 160))
    draw.rectangle((left, horizon - 130, right, horizon - 30), (235, 220, 190))
    for x in range(left + 20, right, 60):
        draw.rectangle((x, horizon - 130, x + 14, horizon - 30), (150, 40, 30))
    for tier, (lift, inset) in enumerate(((130, 0), (205, 70))):
        bottom, top = horizon - lift, horizon - lift - 60 + tier * 10
        draw.polygon(
            [
                (left - 70 + inset, bottom - 28),
                (left - 30 + inset, bottom),
                (right + 30 - inset, bottom),
                (right + 70 - inset, bottom - 28),
                (right - 20 - inset, top),
                (left + 20 + inset, top),
            ],
            (96, 70, 58),
        )
        if tier == 0:
            draw.rectangle((left + 80, bottom - 75, right - 80, bottom - 5), (235, 220, 190))
    for k in range(8):  # festival flags of five colours on poles along the shore
        x = (left - 360 + k * 55) if k < 4 else (right + 80 + (k - 4) * 55)
        draw.rectangle((x, horizon - 210, x + 4, horizon), (120, 90, 60))
        for band, color in enumerate(
            [(220, 40, 40), (250, 210, 40), (40, 110, 200), (250, 250, 250), (40, 150, 70)]
        ):
            draw.rectangle(
                (x + 4, horizon - 205 + band * 14, x + 54, horizon - 191 + band * 14), color
            )
    crowd(
        draw, rng, 1, horizon + 8, horizon + 8, [*SHIRTS, (200, 60, 90)], spacing=2.2, size=(40, 40)
    )
    # The lake: the scene above the shore, mirrored, darkened and rippled.
    reflection = ImageOps.flip(image.crop((0, 2 * horizon - HEIGHT, WIDTH, horizon)))
    reflection = Image.blend(reflection, Image.new("RGB", reflection.size, (40, 70, 90)), 0.35)
    image.paste(reflection, (0, horizon + 8))
    draw = ImageDraw.Draw(image)
    for _ in range(220):
        y = rng.uniform(horizon + 10, HEIGHT)
        x = rng.uniform(-40, WIDTH)
        draw.line(
            (x, y, x + rng.uniform(20, 90), y), (210, 220, 225), 1 + round((y - horizon) / 150)
        )
    for _ in range(rng.randint(1, 3)):
        bx, by = rng.randint(60, 1000), rng.randint(horizon + 120, HEIGHT - 60)
        draw.polygon(
            [(bx, by), (bx + 160, by), (bx + 140, by + 24), (bx + 20, by + 24)], (90, 60, 40)
        )
        person(draw, bx + 50, by, 70, (200, 40, 60), (60, 60, 60), "conical")
        person(draw, bx + 110, by, 66, (245, 245, 240), (60, 60, 60))
    return image


def village(rng):
    horizon = rng.randint(420, 470)
    image = Image.new("RGB", (WIDTH, HEIGHT))
    sky(image, rng, horizon)
    draw = ImageDraw.Draw(image)
    for k in range(-1, 7):
        x, width = k * 190 + rng.randint(-20, 20), rng.randint(150, 180)
        height = rng.choice([150, 200, 260])
        wall = vary(
            rng,
            rng.choice([(240, 225, 190), (235, 235, 230), (220, 200, 170), (200, 220, 230)]),
            10,
        )
        draw.rectangle((x, horizon - height, x + width, horizon), wall)
        draw.polygon(
            [
                (x - 15, horizon - height),
                (x + width + 15, horizon - height),
                (x + width / 2, horizon - height - 55),
            ],
            vary(rng, (165, 65, 45), 10),
        )
        window_grid(
            draw,
            (x + 15, horizon - height + 20, x + width - 15, horizon - 70),
            3,
            max(1, height // 100),
            (90, 120, 140),
            shade(wall, 0.8),
        )
        draw.rectangle(
            (x + width / 2 - 25, horizon - 70, x + width / 2 + 25, horizon), (120, 80, 50)
        )
    draw.rectangle((380, horizon - 340, 820, horizon - 290), (176, 24, 32))
    text_bars(draw, rng, (400, horizon - 334, 800, horizon - 296), GOLD, rows=1)
    image.paste(gradient((WIDTH, HEIGHT - horizon), (185, 182, 175), (140, 138, 130)), (0, horizon))
    draw = ImageDraw.Draw(image)
    for x in (rng.randint(0, 80), rng.randint(1100, 1200)):
        tree(draw, rng, x, horizon + 40, 380)
    crowd(
        draw,
        rng,
        2,
        horizon + 140,
        HEIGHT - 10,
        [YOUTH_BLUE, (250, 250, 250), YOUTH_BLUE],
        hats=[None, "cap"],
        spacing=2.4,
        size=(150, 230),
    )
    return image
