"""The share card of an event (its ``og:image``): a 1200×630 PNG with the speaker, the date, the
outlet and the quote, drawn on the server with Pillow.

Arabic needs complex text layout — letters joined in their contextual forms, right to left — which
Pillow does through libraqm (``PIL.features.check("raqm")``; the PyPI wheels bundle it, FriBiDi
comes from the system's ``libfribidi0``). Without raqm the card is still a valid, plain PNG
(the site's name and the date, no Arabic shaping) rather than an error or scrambled letters.
Rendered cards are kept per event and content (``lru_cache``): an event's card only changes
when its text does.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, features

WIDTH, HEIGHT = 1200, 630
MARGIN = 64
FONT_DIRS = (Path("/usr/share/fonts/truetype/noto"), Path("/usr/share/fonts/opentype/noto"))
REGULAR = "NotoNaskhArabic-Regular.ttf"
BOLD = "NotoNaskhArabic-Bold.ttf"
LATIN = "NotoSans-Regular.ttf"  # the Arabic fonts have no Latin letters (outlets, English names)
LATIN_BOLD = "NotoSans-Bold.ttf"
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9 .,'&()\-]*[A-Za-z0-9.)]|[A-Za-z]")
INK = (27, 31, 36)
MUTED = (79, 91, 102)
BAND = (16, 42, 67)
ACCENT = (11, 83, 148)
MAX_QUOTE_LINES = 5


@dataclass(frozen=True)
class CardText:
    """What a card shows, already in words (the route builds it from the event)."""

    title: str  # the speaker's name, or the kind of event
    role: str  # may be empty
    when: str  # the date in words, and the outlet
    quote: str
    site: str = "الخط الزمني لمنظمة معاهدة الأمن الجماعي"
    site_en: str = "CSTO timeline"


def shaping_available() -> bool:
    """libraqm is there, and so is an Arabic font: the card can show shaped Arabic."""
    return bool(features.check("raqm")) and _font_path(REGULAR) is not None


def _font_path(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return folder / name
    return None


@lru_cache(maxsize=16)
def _font(name: str, size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _font_path(name)
    if path is None:
        return ImageFont.load_default(size)
    layout = ImageFont.Layout.RAQM if features.check("raqm") else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=layout)


def _runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into runs of Latin script and of the rest, in logical order."""
    out: list[tuple[str, bool]] = []
    position = 0
    for match in _LATIN_RUN.finditer(text):
        if match.start() > position:
            out.append((text[position : match.start()], False))
        out.append((match.group(), True))
        position = match.end()
    if position < len(text):
        out.append((text[position:], False))
    return out


def _rtl(font) -> dict:
    """Right-to-left shaping options, for a font laid out by raqm (a basic layout has none)."""
    if getattr(font, "layout_engine", None) == ImageFont.Layout.RAQM:
        return {"direction": "rtl", "language": "ar"}
    return {}


def _draw_rtl(draw, right: int, y: int, text: str, size: int, fill, bold: bool = False) -> None:
    """A right-to-left line whose Latin runs (an outlet, an English name) are drawn with a
    Latin font: runs placed from the right in logical order, each shaped by raqm."""
    x = right
    for run, latin in _runs(text):
        if latin:
            font = _font(LATIN_BOLD if bold else LATIN, int(size * 0.86))
            draw.text((x, y + int(size * 0.12)), run, font=font, fill=fill, anchor="ra")
            x -= int(draw.textlength(run, font=font))
        else:
            font = _font(BOLD if bold else REGULAR, size)
            rtl = _rtl(font)
            draw.text((x, y), run, font=font, fill=fill, anchor="ra", **rtl)
            x -= int(draw.textlength(run, font=font, **rtl))


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, lines: int) -> list[str]:
    """Greedy word wrap to ``width`` pixels, at most ``lines`` lines (the last one ending in an
    ellipsis when the text goes on)."""
    words = text.split()
    out: list[str] = []
    current = ""
    for index, word in enumerate(words):
        candidate = f"{current} {word}".strip()
        if draw.textlength(candidate, font=font, **_rtl(font)) <= width or not current:
            current = candidate
            continue
        out.append(current)
        current = word
        if len(out) == lines:
            out[-1] = out[-1] + " …"
            return out
        del index
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] += " …"
    return out


def render_card(card: CardText) -> bytes:
    """The PNG bytes of ``card`` (cached per content)."""
    return _render(card, shaping_available())


@lru_cache(maxsize=256)
def _render(card: CardText, shaped: bool) -> bytes:
    image = Image.new("RGB", (WIDTH, HEIGHT), (251, 251, 248))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, 84), fill=BAND)
    draw.rectangle((0, HEIGHT - 12, WIDTH, HEIGHT), fill=ACCENT)
    right = WIDTH - MARGIN
    if shaped:
        site = _font(BOLD, 30)
        draw.text((right, 42), card.site, font=site, fill="white", anchor="rm", **_rtl(site))
        draw.text((MARGIN, 42), card.site_en, font=_font(LATIN, 26), fill="white", anchor="lm")
        y = 112
        _draw_rtl(draw, right, y, card.title, 52, INK, bold=True)
        y += 84
        if card.role:
            role = _wrap(draw, card.role, _font(REGULAR, 30), WIDTH - 2 * MARGIN, 1)[0]
            _draw_rtl(draw, right, y, role, 30, MUTED)
            y += 50
        _draw_rtl(draw, right, y, card.when, 30, ACCENT)
        y += 66
        quote_font = _font(REGULAR, 38)
        draw.rectangle((right + 14, y + 6, right + 20, HEIGHT - 60), fill=ACCENT)
        for line in _wrap(draw, f"«{card.quote}»", quote_font, WIDTH - 2 * MARGIN, MAX_QUOTE_LINES):
            if y > HEIGHT - 80:
                break
            _draw_rtl(draw, right, y, line, 38, INK)
            y += 62
    else:  # no complex-text layout: a plain card without Arabic letters, still a clear image
        draw.text((MARGIN, 42), card.site_en, font=_font(LATIN, 30), fill="white", anchor="lm")
        draw.text((MARGIN, 200), card.site_en, font=_font(LATIN, 56), fill=INK)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
