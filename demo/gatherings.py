"""Scenes of people gathered: a meeting hall, a ceremony, a school yard, a clinic, an office."""

from PIL import Image, ImageDraw

from .pictures import (
    GOLD,
    HEIGHT,
    RED,
    SHIRTS,
    SKIN,
    UNIFORM,
    WIDTH,
    crowd,
    gradient,
    landscape,
    national_flag,
    person,
    seated_from_behind,
    shade,
    sky,
    soft,
    star,
    text_bars,
    tree,
    vary,
    window_grid,
)


def hall(rng, award=False, uniforms=False):
    image = gradient((WIDTH, HEIGHT), (236, 226, 206), (196, 180, 156))
    draw = ImageDraw.Draw(image)
    draw.rectangle((110, 40, 1090, 200), vary(rng, (176, 24, 32), 6))
    draw.rectangle((110, 40, 1090, 200), outline=GOLD, width=4)
    text_bars(draw, rng, (170, 62, 1030, 186), GOLD, rows=3)
    national_flag(draw, 30, 60, 70)
    draw.polygon([(0, 330), (WIDTH, 330), (WIDTH, 380), (0, 380)], (150, 100, 65))
    for x in range(0, WIDTH, 22):  # flowers along the stage front
        draw.ellipse(
            (x, 362 + rng.randint(-6, 4), x + 26, 388),
            vary(rng, rng.choice([(230, 200, 40), (220, 70, 60), (250, 250, 240)]), 10),
        )
    if award:
        # People standing in a line on stage, holding certificates and flowers.
        x = rng.randint(150, 220)
        while x < WIDTH - 150:
            person(
                draw, x, 352, 230, vary(rng, rng.choice([(40, 55, 90), (245, 245, 240), UNIFORM]))
            )
            draw.rectangle((x - 22, 245, x + 22, 275), (236, 210, 120), (170, 30, 30), 3)
            draw.ellipse((x + 14, 232, x + 40, 258), vary(rng, (220, 60, 80), 20))
            x += rng.randint(100, 125)
        rows, first_row = 3, 500
    else:
        draw.rectangle((240, 265, 900, 340), (250, 250, 250), (30, 70, 140), 3)
        for x in range(290, 880, 85):
            draw.ellipse((x - 16, 212, x + 16, 248), SKIN)
            draw.chord((x - 16, 210, x + 16, 240), 180, 360, (35, 30, 28))
            draw.pieslice((x - 34, 245, x + 34, 320), 180, 360, vary(rng, (40, 50, 80), 10))
            draw.rectangle((x - 14, 262, x + 14, 272), (240, 240, 240))  # name card
        draw.rectangle((960, 250, 1040, 360), (150, 95, 55))
        draw.polygon(star(1000, 290, 18), GOLD)
        rows, first_row = 5, 420
    palette = [UNIFORM, (96, 116, 72)] if uniforms else SHIRTS
    for row in range(rows):
        size = 28 + (row + (5 - rows)) * 10
        y = first_row + row * (HEIGHT - first_row) / rows
        x = rng.uniform(-size, size)
        while x < WIDTH + size:
            seated_from_behind(draw, x, y, size, vary(rng, rng.choice(palette), 10))
            x += size * rng.uniform(2.1, 2.5)
    soft(
        image,
        (255, 250, 225),
        lambda d, f: [d.ellipse((x - 90, -60, x + 90, 40), f) for x in (300, 600, 900)],
        60,
        0.6,
    )
    return image


def ceremony(rng):
    image = Image.new("RGB", (WIDTH, HEIGHT))
    sky(image, rng, 340)
    draw = ImageDraw.Draw(image)
    draw.rectangle((180, 60, 1020, 300), (176, 24, 32))
    draw.rectangle((180, 60, 1020, 300), outline=GOLD, width=5)
    text_bars(draw, rng, (240, 140, 960, 270), GOLD, rows=3)
    draw.polygon(star(600, 100, 30), GOLD)
    national_flag(draw, 60, 60, 100, pole_height=280)
    for x in (rng.randint(1060, 1120), rng.randint(1140, 1200)):
        tree(draw, rng, x, 360, 340)
    image.paste(gradient((WIDTH, HEIGHT - 300), (190, 185, 175), (150, 145, 135)), (0, 300))
    draw = ImageDraw.Draw(image)
    for row in range(4):
        t = row / 3
        base, height = 430 + 330 * t, 120 + 150 * t
        x = rng.uniform(40, 90)
        while x < WIDTH:
            person(draw, x, base, height, vary(rng, UNIFORM, 6), shade(UNIFORM, 0.85), "cap")
            r = height * 0.04
            draw.ellipse((x - r, base - height * 0.72 - r, x + r, base - height * 0.72 + r), RED)
            x += height * 0.55
    return image


def school(rng):
    horizon = 470
    image = Image.new("RGB", (WIDTH, HEIGHT))
    sky(image, rng, horizon)
    draw = ImageDraw.Draw(image)
    left, right, top = rng.randint(40, 120), rng.randint(1080, 1160), 170
    wall = vary(rng, (236, 200, 92), 8)
    draw.polygon(
        [(left - 20, top), (right + 20, top), (right - 30, top - 50), (left + 30, top - 50)],
        (168, 62, 42),
    )
    draw.rectangle((left, top, right, horizon), wall)
    for floor in range(3):
        y0 = top + floor * 100
        window_grid(
            draw, (left + 20, y0 + 15, right - 20, y0 + 80), 12, 1, (70, 125, 155), (245, 245, 240)
        )
        draw.rectangle((left, y0 + 88, right, y0 + 100), (245, 245, 240))
    middle = (left + right) // 2
    draw.rectangle((middle - 150, top - 40, middle + 150, top + 10), (30, 70, 150))
    text_bars(draw, rng, (middle - 135, top - 34, middle + 135, top + 4), (255, 255, 255), rows=2)
    image.paste(gradient((WIDTH, HEIGHT - horizon), (205, 200, 190), (165, 160, 150)), (0, horizon))
    draw = ImageDraw.Draw(image)
    for x in (rng.randint(-40, 60), rng.randint(1140, 1240)):
        tree(draw, rng, x, horizon + 60, 420)
    national_flag(draw, middle + 3, 260, 90, pole_height=300)
    draw.rectangle((middle - 20, 550, middle + 20, 565), (150, 150, 150))
    crowd(draw, rng, 4, horizon + 110, HEIGHT - 20, [(250, 250, 250)], spacing=2.2, size=(80, 160))
    return image


def clinic(rng):
    horizon = 430
    image = landscape(rng, horizon - 60)
    draw = ImageDraw.Draw(image)
    draw.rectangle((560, 200, 1160, horizon), (240, 236, 226))
    draw.rectangle((560, 200, 1160, 240), (40, 130, 90))
    text_bars(draw, rng, (600, 206, 1120, 236), (255, 255, 255), rows=1)
    window_grid(draw, (580, 260, 1140, 400), 7, 2, (110, 160, 180), (250, 250, 250))
    draw.rectangle((835, 330, 885, 360), (255, 255, 255))
    draw.rectangle((853, 318, 867, 372), (40, 150, 90))
    draw.rectangle((841, 338, 879, 352), (40, 150, 90))
    image.paste(gradient((WIDTH, HEIGHT - horizon), (200, 196, 186), (160, 156, 146)), (0, horizon))
    draw = ImageDraw.Draw(image)
    # The tent where the health workers sit, and the queue in front of it.
    tent_left = rng.randint(60, 200)
    draw.polygon(
        [(tent_left, 420), (tent_left + 520, 420), (tent_left + 470, 360), (tent_left + 50, 360)],
        (40, 110, 190),
    )
    for x in (tent_left + 10, tent_left + 510):
        draw.rectangle((x - 4, 420, x + 4, 600), (200, 200, 205))
    for x in range(tent_left + 110, tent_left + 460, 110):
        person(draw, x, 540, 130, (250, 250, 250), (250, 250, 250), "cap")
    draw.rectangle((tent_left + 60, 500, tent_left + 460, 580), (250, 250, 250), (200, 200, 200))
    crowd(
        draw,
        rng,
        2,
        680,
        HEIGHT - 5,
        SHIRTS,
        hats=[None, None, "conical"],
        spacing=2.8,
        size=(170, 210),
    )
    return image


def office(rng):
    image = gradient((WIDTH, HEIGHT), (232, 236, 242), (205, 210, 220))
    draw = ImageDraw.Draw(image)
    floor = 470
    image.paste(gradient((WIDTH, HEIGHT - floor), (200, 190, 175), (150, 140, 125)), (0, floor))
    for x in range(-1200, 2400, 120):
        draw.line((600 + (x - 600) * 0.15, floor, x, HEIGHT), (175, 165, 150), 2)
    draw.rectangle((60, 40, 1140, 110), (176, 24, 32))
    text_bars(draw, rng, (100, 52, 1100, 100), GOLD, rows=2)
    # A wall screen showing the public-services portal, with a QR code for phones.
    draw.rectangle((700, 140, 1080, 360), (25, 30, 40))
    draw.rectangle((712, 152, 1068, 348), (230, 240, 250))
    draw.rectangle((712, 152, 1068, 180), (20, 90, 170))
    for i in range(4):
        draw.rounded_rectangle((725, 195 + i * 37, 900, 222 + i * 37), 6, (200, 220, 240))
    _qr_code(draw, rng, 915, 190, cell=7)
    national_flag(draw, 120, 150, 120)
    # The counter, its staff and their screens.
    for x in range(140, 1100, 240):
        seated_from_behind(draw, x, 380, 40, (255, 255, 255))
        draw.ellipse((x - 18, 352, x + 18, 392), SKIN)
        draw.chord((x - 18, 350, x + 18, 380), 180, 360, (35, 30, 28))
        draw.rectangle((x + 40, 350, x + 120, 410), (30, 30, 35))
        draw.rectangle((x + 46, 356, x + 114, 404), vary(rng, (120, 170, 230), 10))
    draw.rectangle((0, 420, WIDTH, 520), (165, 120, 80))
    draw.rectangle((0, 420, WIDTH, 432), (190, 150, 105))
    for _ in range(rng.randint(3, 5)):
        x = rng.randint(60, WIDTH - 60)
        person(
            draw, x, HEIGHT + 10, rng.randint(330, 420), vary(rng, rng.choice(SHIRTS)), back=True
        )
    return image


def _qr_code(draw, rng, left, top, cell, modules=21):
    """Random modules inside the three square finder patterns that make a QR code recognisable."""
    black, white = (20, 20, 20), (230, 240, 250)
    for row in range(modules):
        for col in range(modules):
            if rng.random() < 0.5:
                x, y = left + col * cell, top + row * cell
                draw.rectangle((x, y, x + cell - 1, y + cell - 1), black)
    for col, row in ((0, 0), (modules - 7, 0), (0, modules - 7)):
        x, y = left + col * cell, top + row * cell
        draw.rectangle((x - cell, y - cell, x + 8 * cell - 1, y + 8 * cell - 1), white)
        draw.rectangle((x, y, x + 7 * cell - 1, y + 7 * cell - 1), black)
        draw.rectangle((x + cell, y + cell, x + 6 * cell - 1, y + 6 * cell - 1), white)
        draw.rectangle((x + 2 * cell, y + 2 * cell, x + 5 * cell - 1, y + 5 * cell - 1), black)
