#!/usr/bin/env python3
"""Makes the sample portal's "phone photos" (content/media/*.jpg).

There are no real photos in the repository: each is the product's SVG
illustration rasterised large (rsvg-convert), softened like a lens, lit
unevenly and given sensor noise and grain, so that it compresses like a
photo, and saved as a JPEG the size a phone writes, with camera EXIF (no
GPS). Run from the repository root: python3 scripts/sample-photos.py
Needs rsvg-convert (librsvg2-bin) and Pillow.
"""
import io
import random
import subprocess

from PIL import Image, ImageChops, ImageEnhance, ImageFilter

# (illustration, photo, width, seed, tint)
PHOTOS = [
    ("hoa-hoi", "hoa-hoi-phoi", 2400, 1, (1.05, 0.98, 0.92)),
    ("na", "na-chi-lang-vuon", 2400, 2, (0.98, 1.03, 0.95)),
    ("na", "na-chi-lang-thu-hoach", 2048, 5, (1.04, 1.0, 0.9)),
    ("quyt", "quyt-bac-son", 2400, 3, (1.03, 1.0, 0.93)),
    ("hong", "hong-bao-lam", 2048, 4, (1.05, 0.97, 0.94)),
]


def photo(svg, width, seed, tint):
    png = subprocess.run(
        ["rsvg-convert", "-w", str(width), f"content/media/{svg}.svg"],
        check=True,
        capture_output=True,
    ).stdout
    img = Image.open(io.BytesIO(png)).convert("RGB")
    rnd = random.Random(seed)
    # A crop and a turn, as no two shots frame the same.
    w, h = img.size
    angle = rnd.uniform(-4, 4)
    img = img.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=img.getpixel((5, 5)))
    cx, cy = rnd.uniform(0, 0.06) * w, rnd.uniform(0, 0.06) * h
    img = img.crop((cx, cy, cx + w * 0.92, cy + h * 0.92)).resize((w, h), Image.LANCZOS)
    # Lens softness.
    img = img.filter(ImageFilter.GaussianBlur(2.2))
    # Uneven light: a radial falloff and a warm or cool cast.
    falloff = Image.radial_gradient("L").resize((w, h), Image.BICUBIC)
    dark = ImageEnhance.Brightness(img).enhance(0.72)
    img = Image.composite(dark, img, falloff.point(lambda v: int(v * 0.8)))
    r, g, b = img.split()
    r = r.point(lambda v: min(255, int(v * tint[0])))
    g = g.point(lambda v: min(255, int(v * tint[1])))
    b = b.point(lambda v: min(255, int(v * tint[2])))
    img = Image.merge("RGB", (r, g, b))
    # Texture: blotchy low-frequency noise (skin of fruit, leaves, soil) …
    blotch = Image.effect_noise((w // 24, h // 24), 40).resize((w, h), Image.BICUBIC)
    img = Image.blend(img, Image.merge("RGB", (blotch, blotch, blotch)), 0.10)
    # … and fine sensor grain.
    grain = Image.effect_noise((w, h), 8).filter(ImageFilter.GaussianBlur(0.6))
    img = ImageChops.add(img, Image.merge("RGB", (grain, grain, grain)), scale=1.0, offset=-128)
    return img


def main():
    for svg, name, width, seed, tint in PHOTOS:
        img = photo(svg, width, seed, tint)
        exif = Image.Exif()
        exif[0x010F] = "Sample"  # Make
        exif[0x0110] = "Phone camera (generated)"  # Model
        exif[0x0131] = "nongsan scripts/sample-photos.py"  # Software
        img.save(f"content/media/{name}.jpg", "JPEG", quality=80, exif=exif.tobytes())
        print(name, img.size)


main()
