"""The share card (og:image): a PNG drawn on the server whose Arabic is shaped — compared with
a reference rendering checked by eye (tests/fixtures/share_card/reference.png: joined letters,
right to left, the Latin outlet in a Latin font), with a tolerance for anti-aliasing."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageChops, ImageStat, features

from app import share_card
from app.share_card import CardText, render_card

REFERENCE = Path(__file__).resolve().parents[1] / "fixtures" / "share_card" / "reference.png"
CARD = CardText(
    title="ستانيسلاف زاس",
    role="الأمين العام لمنظمة معاهدة الأمن الجماعي",
    when="13 يناير 2022، TASS",
    quote="استقر الوضع في البلد بفضل الإجراءات الجماعية المنسقة لقوات حفظ السلام",
)


def _difference(a: Image.Image, b: Image.Image) -> float:
    """Mean absolute difference per channel, 0–255."""
    return sum(ImageStat.Stat(ImageChops.difference(a.convert("RGB"), b.convert("RGB"))).mean) / 3


def test_the_card_matches_the_reference_rendering_with_shaped_arabic():
    assert features.check("raqm"), "libraqm is needed to shape Arabic (Pillow's wheels ship it)"
    assert share_card.shaping_available()
    image = Image.open(io.BytesIO(render_card(CARD)))
    assert image.format == "PNG" and image.size == (1200, 630)
    assert _difference(image, Image.open(REFERENCE)) < 1.5


def test_unshaped_arabic_would_not_pass_for_the_reference(monkeypatch):
    """The comparison tells shaped from unshaped text: letters drawn one by one (no raqm)
    differ from the reference far beyond the tolerance."""
    reference = Image.open(REFERENCE)
    basic = share_card.ImageFont.Layout.BASIC
    real_truetype = share_card.ImageFont.truetype

    def truetype(path, size, layout_engine=None):
        return real_truetype(path, size, layout_engine=basic)

    share_card._font.cache_clear()
    share_card._render.cache_clear()
    monkeypatch.setattr(share_card.ImageFont, "truetype", truetype)
    try:
        unshaped = Image.open(io.BytesIO(share_card._render(CARD, True)))
    finally:
        monkeypatch.undo()
        share_card._font.cache_clear()
        share_card._render.cache_clear()
    assert _difference(unshaped, reference) > 3 * 1.5


def test_without_raqm_the_card_is_still_a_clear_png(monkeypatch):
    monkeypatch.setattr(share_card, "shaping_available", lambda: False)
    image = Image.open(io.BytesIO(render_card(CARD)))
    assert image.format == "PNG" and image.size == (1200, 630)


def test_the_permalinks_og_image_is_its_card(client, ids):
    response = client.get(f"/events/{ids['zas1']}/card.png")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/png"
    image = Image.open(io.BytesIO(response.content))
    assert image.size == (1200, 630)
    assert client.get(f"/events/{ids['zas1']}/card.png").content == response.content
    assert client.get("/events/0000000000000000/card.png").status_code == 404
