"""Photos for the demo newsroom, drawn with Pillow (nothing is downloaded)."""

import io
import random

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw


def _jpeg(image, name):
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return ContentFile(buffer.getvalue(), name=name)


def conference_hall(name="quang-canh-hoi-nghi.jpg", size=(1600, 1000)):
    """A hall seen from the back: red stage banner, head table, rows of delegates."""
    w, h = size
    rnd = random.Random(30062022)
    img = Image.new("RGB", size, (236, 228, 214))
    d = ImageDraw.Draw(img)
    d.rectangle([0, 0, w, int(h * 0.45)], fill=(214, 205, 190))
    d.rectangle([int(w * 0.12), int(h * 0.06), int(w * 0.88), int(h * 0.26)], fill=(178, 24, 30))
    for i in range(6):  # a line of yellow "lettering" on the banner
        x = int(w * 0.2) + i * int(w * 0.1)
        d.rectangle([x, int(h * 0.13), x + int(w * 0.07), int(h * 0.17)], fill=(250, 210, 60))
    d.rectangle([int(w * 0.18), int(h * 0.33), int(w * 0.82), int(h * 0.42)], fill=(40, 90, 60))
    for i in range(7):  # people at the head table
        x = int(w * 0.22) + i * int(w * 0.085)
        d.ellipse([x, int(h * 0.27), x + 40, int(h * 0.27) + 40], fill=(70, 50, 40))
        d.rectangle([x - 8, int(h * 0.31), x + 48, int(h * 0.36)], fill=(240, 240, 245))
    for row in range(6):  # delegates, backs to the camera
        y = int(h * 0.5) + row * int(h * 0.08)
        for col in range(14):
            x = int(w * 0.04) + col * int(w * 0.068) + rnd.randint(-6, 6)
            r = 26 + row * 3
            d.ellipse([x, y, x + r, y + r], fill=(35 + rnd.randint(0, 30), 28, 24))
            d.rectangle([x - 10, y + r - 4, x + r + 10, y + r + 30], fill=rnd.choice(
                [(245, 245, 248), (230, 236, 245), (60, 80, 120)]))
    return _jpeg(img, name)


def speaker(name="phat-bieu-chi-dao.jpg", size=(1400, 1000)):
    """A speaker at a lectern in front of a red backdrop."""
    w, h = size
    img = Image.new("RGB", size, (170, 30, 36))
    d = ImageDraw.Draw(img)
    d.ellipse([int(w * 0.44), int(h * 0.18), int(w * 0.56), int(h * 0.36)], fill=(205, 160, 120))
    d.rectangle([int(w * 0.38), int(h * 0.36), int(w * 0.62), int(h * 0.75)], fill=(245, 245, 250))
    d.polygon([(w * 0.47, h * 0.36), (w * 0.53, h * 0.36), (w * 0.5, h * 0.5)], fill=(40, 40, 90))
    d.rectangle([int(w * 0.3), int(h * 0.58), int(w * 0.7), int(h)], fill=(120, 78, 40))
    d.line([int(w * 0.5), int(h * 0.58), int(w * 0.5), int(h * 0.45)], fill=(30, 30, 30), width=8)
    d.ellipse([int(w * 0.485), int(h * 0.42), int(w * 0.515), int(h * 0.46)], fill=(30, 30, 30))
    return _jpeg(img, name)


def scene(seed, name, size=(1200, 675)):
    """A simple landscape (fields, river, sky) coloured by `seed`, for covers."""
    w, h = size
    rnd = random.Random(seed)
    sky = (rnd.randint(120, 190), rnd.randint(170, 215), rnd.randint(215, 250))
    img = Image.new("RGB", size, sky)
    d = ImageDraw.Draw(img)
    horizon = int(h * rnd.uniform(0.4, 0.55))
    d.ellipse([int(w * 0.75), 40, int(w * 0.75) + 90, 130], fill=(255, 225, 120))
    d.rectangle([0, horizon, w, h], fill=(60 + rnd.randint(0, 40), 140 + rnd.randint(0, 40), 60))
    d.polygon([(0, h), (w * 0.35, horizon), (w * 0.5, horizon), (w * 0.3, h)], fill=(90, 140, 190))
    for i in range(rnd.randint(4, 9)):
        x = rnd.randint(0, w - 120)
        y = horizon - rnd.randint(60, 160)
        d.rectangle([x, y, x + rnd.randint(60, 140), horizon], fill=(rnd.randint(180, 250), 240, 235))
        d.polygon([(x - 10, y), (x + 80, y - 50), (x + 170, y)], fill=(170, 60, 40))
    return _jpeg(img, name)
