"""Reading a rendered PDF back: page images and text with pypdfium2, and where each embedded figure sits."""

import numpy as np
import pypdfium2
import pypdfium2.raw as pdfium_c

SCALE = 3.0  # 216 dpi: a 1 pt line is three pixels wide, so its core keeps the exact colour


def pages(pdf: bytes) -> list[dict]:
    """Per page: its text (no-break spaces as plain spaces), RGB image, and the pixel boxes of its images."""
    document = pypdfium2.PdfDocument(pdf)
    out = []
    for page in document:
        height = page.get_height()
        boxes = []
        for obj in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,)):
            left, bottom, right, top = obj.get_bounds()
            boxes.append(tuple(int(round(v * SCALE)) for v in (left, height - top, right, height - bottom)))
        text = page.get_textpage().get_text_range().replace("\u00a0", " ").replace("\r\n", "\n")
        image = np.asarray(page.render(scale=SCALE).to_pil().convert("RGB"))
        out.append({"text": text, "image": image, "boxes": boxes})
    return out


def near(region: np.ndarray, hex_colour: str, tolerance: int = 10) -> np.ndarray:
    """Mask of pixels within `tolerance` (per channel) of the colour."""
    rgb = np.array([int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)])
    return (np.abs(region.astype(int) - rgb) <= tolerance).all(axis=-1)


def crop(image: np.ndarray, box: tuple[int, int, int, int]) -> np.ndarray:
    x0, y0, x1, y1 = box
    return image[y0:y1, x0:x1]
