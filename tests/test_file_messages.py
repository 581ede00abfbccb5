"""The image pipeline's own error words and the record notes are made from templates the
window can translate (file_messages.py, notes.py): each is produced for real here and
must be recognised, and the English the command line prints stays as it was."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from pictotext_desktop import file_messages, notes, sniffing
from pictotext_desktop.errors import PicToTextError
from pictotext_desktop.imaging import PrepareOptions, Source, prepare
from pictotext_desktop.jobs import same_image_note


def jpeg(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 180, 160)).save(out, "JPEG", quality=90)
    return out.getvalue()


def refusal(source: Source, options: PrepareOptions | None = None) -> str:
    with pytest.raises(PicToTextError) as info:
        prepare(source, options)
    return info.value.message


def file_cases(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "a folder"
    folder.mkdir()
    (tmp_path / "empty.jpg").write_bytes(b"")
    (tmp_path / "notes.txt").write_text("just some text\n" * 20, encoding="utf-8")
    (tmp_path / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    whole = jpeg((400, 300))
    (tmp_path / "cut.jpg").write_bytes(whole[: len(whole) // 2])
    (tmp_path / "noise.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(range(256)) * 4)
    huge = io.BytesIO()
    Image.new("L", (6000, 6000)).save(huge, "PNG")
    (tmp_path / "huge.png").write_bytes(huge.getvalue())
    return {
        "empty": refusal(Source(path=tmp_path / "empty.jpg")),
        "missing": refusal(Source(path=tmp_path / "missing.jpg")),
        "folder": refusal(Source(path=folder)),
        "text": refusal(Source(path=tmp_path / "notes.txt")),
        "pdf": refusal(Source(path=tmp_path / "scan.pdf")),
        "cut": refusal(Source(path=tmp_path / "cut.jpg")),
        "noise": refusal(Source(path=tmp_path / "noise.jpg")),
        "pixels": refusal(Source(path=tmp_path / "huge.png"),
                          PrepareOptions(max_pixels=10_000_000)),
        "unknown": refusal(Source(data=b"\x00\x01\x02 nothing known " * 10, name="blob.bin")),
    }


def test_every_file_error_made_for_real_is_recognised(tmp_path: Path) -> None:
    cases = file_cases(tmp_path)
    for case, message in cases.items():
        found = file_messages.parse(message)
        assert found is not None, (case, message)
        template, values = found
        assert template.format(**values) == message  # nothing lost on the way
    assert cases["empty"] == "empty.jpg is empty (0 bytes)"
    assert file_messages.parse(cases["pdf"])[1]["what"] == "a PDF document"  # type: ignore[index]


def test_the_kinds_of_content_are_all_marked() -> None:
    said = {*sniffing._UNSUPPORTED_IMAGES.values(), *sniffing._NOT_IMAGES.values()}
    assert said == set(file_messages.KINDS)


def test_notes_keep_their_english_words_and_are_recognised() -> None:
    tiny = prepare(Source(data=jpeg((120, 80)), name="tiny.jpg"))
    assert list(tiny.warnings) == ["tiny.jpg is only 120×80 pixels; results may be poor. Use a "
                             "larger photo or scan if you can."]
    noisy = io.BytesIO()
    Image.effect_noise((1600, 1200), 90).convert("RGB").save(noisy, "JPEG", quality=95)
    big = prepare(Source(data=noisy.getvalue(), name="big.jpg"),
                  PrepareOptions(long_side=0, max_bytes=150_000))
    assert any(w.startswith("big.jpg was reduced to ") and w.endswith(
        " MB upload limit.") for w in big.warnings)
    same = same_image_note("card_1.jpg")
    assert same == ("Not sent again: the same image was read before (card_1.jpg); use Read "
                    "again to send it anew.")
    turned = notes.note(notes.TURNED, degrees=90)
    assert turned == "The card was turned 90° and was read upright."
    for text in [*tiny.warnings, *big.warnings, same, turned, notes.NO_ID_TEXT]:
        found = notes.parse(text)
        assert found is not None, text
        assert found[0].format(**found[1]) == text
    assert notes.parse("A server's own warning") is None
