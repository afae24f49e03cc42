"""A podcast's artwork: podcast apps want a square picture of 1400 to 3000 pixels (Apple's
podcast requirements), which neither the site's share image (1200×630) nor its logo is. It is
made from the logo on the portal's colour, once per logo, and kept in the media storage."""

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from news.renditions import decode, jpeg

SIZE = 1400
BACKGROUND = (10, 47, 92)  # the portal's primary colour (static/css/site.css, --primary)


def podcast_artwork(site):
    """The storage name of the artwork for `site`'s logo, made if missing. Named after the
    logo's file, as the small logo is (SiteSettings): a new logo is stored under a new name."""
    stem = site.logo.name.rsplit("/", 1)[-1].rsplit(".", 1)[0] if site.logo else "plain"
    name = f"site/podcast-{stem}-{SIZE}.jpg"
    if default_storage.exists(name):
        return name
    canvas = Image.new("RGB", (SIZE, SIZE), BACKGROUND)
    if site.logo:
        logo = decode(site.logo).pixels.convert("RGBA")
        # Two thirds of the square, a small logo enlarged: directories show artwork small.
        logo = ImageOps.contain(logo, (SIZE * 2 // 3, SIZE * 2 // 3), Image.Resampling.LANCZOS)
        canvas.paste(logo, ((SIZE - logo.width) // 2, (SIZE - logo.height) // 2), logo)
    return default_storage.save(name, ContentFile(jpeg(canvas)))
