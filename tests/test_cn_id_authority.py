"""An issuing authority a thumb or glare hid in part, completed from the region table
where the table proves it (cn_id_authority), and left as read where it does not."""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import replace

import pytest
from PIL import ImageDraw

from bench.cards import make_card
from pictotext_desktop.engines import cn_id_authority, cn_id_extract, local
from pictotext_desktop.imaging import PreparedImage, PrepareOptions, Source, prepare


@pytest.mark.parametrize(("read", "whole"), [
    ("沈阳市公安局和", "沈阳市公安局和平分局"),  # the end under a thumb
    ("沈阳市公安局和平分", "沈阳市公安局和平分局"),
    ("公安局雁塔分局", "西安市公安局雁塔分局"),  # the city under glare
    ("安市公安局雁塔分局", "西安市公安局雁塔分局"),
    ("长沙市公安局芙蓉公局", "长沙市公安局芙蓉分局"),  # 分 read as its look-alike
    ("上海市公安局浦东分", "上海市公安局浦东分局"),  # 浦东新区's office
    ("西安市公安局雁塔", "西安市公安局雁塔分局"),
])
def test_a_part_the_table_proves_is_completed(read: str, whole: str) -> None:
    assert cn_id_authority.complete(read) == whole


@pytest.mark.parametrize("read", [
    "西安市公安局雁塔分局",  # whole already
    "沈阳市公安局沈",  # 沈河 or 沈北
    "青岛市公安局市",  # 市南 or 市北
    "公安局朝阳分局",  # Beijing's and Changchun's 朝阳区
    "凯里市公安局",  # a county-level city's own bureau
    "北京市公安局",  # nothing of the district read
    "沈阳市公安局黄河分局",  # no such district: as read
])
def test_what_the_table_cannot_prove_is_left_as_read(read: str) -> None:
    assert cn_id_authority.complete(read) is None


def _back_lines(authority: str) -> list[cn_id_extract.OcrLine]:
    def line(text: str, x: float, y: float) -> cn_id_extract.OcrLine:
        w, h = 40 * len(text), 40
        return cn_id_extract.OcrLine(text, ((x, y), (x + w, y), (x + w, y + h), (x, y + h)))

    return [line("中华人民共和国", 420, 100), line("居民身份证", 420, 250),
            line("签发机关", 200, 610), line(authority, 440, 610),
            line("有效期限", 200, 710), line("2015.03.01-2035.03.01", 440, 710)]


def test_the_extractor_completes_the_authority_with_a_note(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cn_id_extract, "AUTHORITY_FROM_TABLE", True)
    got = cn_id_extract.extract(_back_lines("沈阳市公安局和"))
    assert got.fields["issuingAuthority"] == "沈阳市公安局和平分局"
    assert got.notes["issuingAuthority"] == cn_id_authority.NOTE
    # AND without the switch it stays as read, without a note
    monkeypatch.setattr(cn_id_extract, "AUTHORITY_FROM_TABLE", False)
    got = cn_id_extract.extract(_back_lines("沈阳市公安局和"))
    assert got.fields["issuingAuthority"] == "沈阳市公安局和"
    assert "issuingAuthority" not in got.notes


SEED = 12  # bench/cards.py's identity 12: 沈阳市公安局和平分局


def _thumbed_back() -> tuple[PreparedImage, dict[str, str | None]]:
    """A generated card back with a skin-coloured patch over its authority's last three
    characters (平分局), the validity line below it left clear."""
    card = make_card(SEED, "back", "scan")
    image = prepare(Source(data=card.data, name=card.filename),
                    PrepareOptions(keep_pixels=True))
    assert image.pixels is not None
    pixels = image.pixels.copy()
    per_mm = pixels.width / 85.6
    rng = random.Random(SEED)
    ImageDraw.Draw(pixels).rounded_rectangle(
        (51.5 * per_mm, 38.5 * per_mm, 70.0 * per_mm, 45.0 * per_mm), radius=2 * per_mm,
        fill=(214 + rng.randrange(8), 160, 130))
    return replace(image, pixels=pixels), card.expected


@pytest.fixture()
def engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[local.LocalEngine]:
    monkeypatch.setattr(cn_id_extract, "AUTHORITY_FROM_TABLE", True)
    local.get_runtime()
    yield local.LocalEngine()


def test_a_thumb_over_the_authoritys_end_is_read_whole(
        engine: local.LocalEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a card back whose authority's last three characters lie under a thumb
    image, expected = _thumbed_back()
    assert expected["issuingAuthority"] == "沈阳市公安局和平分局"
    # WHEN it is read
    result = engine.recognize(image, "cn_id_card")
    # THEN the authority is read whole, with a note saying it was completed, and the
    # validity period as printed
    assert result.fields["issuingAuthority"] == expected["issuingAuthority"]
    assert result.notes["issuingAuthority"] == cn_id_authority.NOTE
    assert result.fields["validityPeriod"] == expected["validityPeriod"]
    # AND without the completion the authority is what the thumb left of it
    monkeypatch.setattr(cn_id_extract, "AUTHORITY_FROM_TABLE", False)
    again = engine.recognize(image, "cn_id_card")
    assert again.fields["issuingAuthority"] != expected["issuingAuthority"]
