"""Incident photos, cleaned before they are stored: opened and verified with Pillow, turned upright by their EXIF
orientation, scaled down to at most MAX_SIDE pixels and re-encoded as a JPEG that carries no metadata at all (no
EXIF with GPS position or camera serial, no XMP, no ICC profile, no comments). Plain Python, no Django."""

import io

from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 2048
MAX_PIXELS = 60_000_000  # refuse decompression bombs well before Pillow's own limit
QUALITY = 85


class PhotoError(ValueError):
    """The upload is not a usable image. `code` names why (for translated messages)."""

    MESSAGES = {
        "not_image": "the file is not an image Pillow can read",
        "too_large": "the image has too many pixels",
    }

    def __init__(self, code: str):
        self.code = code
        super().__init__(self.MESSAGES[code])


def clean_photo(data: bytes, *, max_side: int = MAX_SIDE) -> bytes:
    """JPEG bytes of the upright, scaled-down image in `data`, without any metadata; PhotoError otherwise."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            probe.verify()  # checks the file's structure; the image must be opened again afterwards
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise PhotoError("too_large")
        image.load()
    except PhotoError:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise PhotoError("not_image") from None
    image = ImageOps.exif_transpose(image)
    if image.mode not in ("RGB", "L"):
        background = Image.new("RGB", image.size, (255, 255, 255))
        rgba = image.convert("RGBA")
        background.paste(rgba, mask=rgba.getchannel("A"))
        image = background
    image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    # A fresh image holds only the pixels: nothing of the original's info dict (EXIF, XMP, ICC, comments) follows.
    clean = Image.new(image.mode, image.size)
    clean.paste(image)
    out = io.BytesIO()
    clean.save(out, format="JPEG", quality=QUALITY, optimize=True)
    return out.getvalue()
