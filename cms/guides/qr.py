"""QR codes rendered server-side as inline SVG (pure Python `qrcode`, no CDN, no JavaScript)."""
from functools import lru_cache

import qrcode
import qrcode.image.svg


@lru_cache(maxsize=512)
def qr_svg(data: str, box_size: int = 8) -> str:
    """An <svg> element (no XML declaration) encoding data, suitable for inlining in HTML."""
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=box_size, border=2)
    svg = image.to_string(encoding="unicode")
    if svg.startswith("<?xml"):
        svg = svg.split("?>", 1)[1].lstrip()
    return svg
