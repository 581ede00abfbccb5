"""The card step in a scan: generated photos through the CLI against the stand-in server.

What a person sees: one record per card (`photo.jpg #1`, `#2`), the card (not the room)
uploaded laid wide at its true aspect, notes for a photo without a card or a poor one,
`--strict` refusing a poor photo without spending a credit, and files already cropped
to the card sent exactly as before.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from PIL import Image

from bench.cards import make_photo
from tests.merge_cases import back, front
from tests.stand_in_server import StandInServer

RunCli = Any
SIZE = (1600, 1200)
CARD_ASPECT = (1.55, 1.62)  # ID-1 laid wide is 85.6 / 54 = 1.585


def scan(run_cli: RunCli, *args: str) -> tuple[int, str, str]:
    code, out, err = run_cli("scan", "--rate-limit", "100", *args)
    assert "Traceback" not in out + err
    return code, out, err


def photo(tmp_path: Path, name: str, seed: int, distortion: str,
          texture: str | None = "wood") -> Path:
    path = tmp_path / name
    path.write_bytes(make_photo(seed, distortion, SIZE, texture).data)
    return path


def uploads(server: StandInServer) -> list[Image.Image]:
    return [Image.open(io.BytesIO(r.parts["image"].data)) for r in server.ocr_requests()]


def photo_codes(record: dict[str, Any]) -> list[str]:
    return [c["code"] for c in record["checks"] if c["field"] == "photo"]


def test_two_cards_in_one_photo_are_two_records(run_cli: RunCli, keyed: StandInServer,
                                                tmp_path: Path) -> None:
    # GIVEN a photo of two cards side by side; the stand-in accepts only card-shaped uploads
    path = photo(tmp_path, "two.jpg", 1, "two")
    keyed.expect_aspect(*CARD_ASPECT)
    # WHEN it is scanned (merging off: two people's cards)
    code, out, err = scan(run_cli, "-f", "json", "--no-merge", str(path))
    # THEN each card is its own record, named #1 and #2, each upload card-shaped
    assert code == 0, err
    records = json.loads(out)
    assert [r["source"] for r in records] == [f"{path} #1", f"{path} #2"]
    assert all(r["error"] is None for r in records)
    sent = [r.parts["image"].filename for r in keyed.ocr_requests()]
    assert sorted(sent) == ["two-1.jpg", "two-2.jpg"]
    for request in keyed.ocr_requests():
        width, height = request.image_size or (0, 0)
        assert CARD_ASPECT[0] <= width / height <= CARD_ASPECT[1]
        assert width >= 1280  # the card, straightened, not a thumbnail


def test_front_and_back_in_one_photo_merge(run_cli: RunCli, keyed: StandInServer,
                                           tmp_path: Path) -> None:
    path = photo(tmp_path, "both.jpg", 1, "two")
    keyed.respond_for_file("both-1.jpg", back("北京市公安局朝阳分局"))
    keyed.respond_for_file("both-2.jpg", front("张三", "110101199001011237"))
    code, out, err = scan(run_cli, "-f", "json", str(path))
    assert code == 0, err
    (merged,) = json.loads(out)
    assert merged["fields"]["name"] == "张三"
    assert merged["fields"]["issuingAuthority"] == "北京市公安局朝阳分局"
    assert sorted(merged["mergedFrom"]) == [f"{path} #1", f"{path} #2"]


def test_send_whole_uploads_the_whole_photo(run_cli: RunCli, keyed: StandInServer,
                                            tmp_path: Path) -> None:
    # GIVEN one card on a table, the stand-in checking for a card-shaped upload
    path = photo(tmp_path, "table.jpg", 2, "plain")
    keyed.expect_aspect(*CARD_ASPECT)
    # WHEN the whole photo is asked for, the stand-in refuses it: the check bites
    code, _out, err = scan(run_cli, "-f", "json", "--send", "whole", str(path))
    assert code != 0 and "IMAGE_NOT_CARD_SHAPED" in err
    (request,) = keyed.ocr_requests()
    assert request.image_size == SIZE
    # AND by default the card is sent, and accepted
    keyed.reset()
    keyed.expect_aspect(*CARD_ASPECT)
    code, out, err = scan(run_cli, "-f", "json", str(path))
    assert code == 0, err
    (record,) = json.loads(out)
    assert record["source"] == str(path) and photo_codes(record) == []


def test_the_upload_is_the_card_upright_and_metadata_free(run_cli: RunCli,
                                                         keyed: StandInServer,
                                                         tmp_path: Path) -> None:
    # A photo stored sideways with an EXIF orientation and GPS: the card goes laid wide
    # (width > height, which the aspect check demands) and with no metadata at all.
    path = photo(tmp_path, "exif.jpg", 10, "exif", "keyboard")
    keyed.expect_aspect(*CARD_ASPECT)
    code, _out, err = scan(run_cli, "-f", "json", str(path))
    assert code == 0, err
    (image,) = uploads(keyed)
    assert not image.getexif() and "icc_profile" not in image.info
    assert image.width > image.height


def test_no_card_sends_the_whole_photo_with_a_note(run_cli: RunCli, keyed: StandInServer,
                                                   tmp_path: Path) -> None:
    path = photo(tmp_path, "desk.jpg", 3, "none")
    code, out, err = scan(run_cli, "-f", "json", str(path))
    assert code == 0, err
    (record,) = json.loads(out)
    (note,) = [c for c in record["checks"] if c["field"] == "photo"]
    assert note["code"] == "PHOTO_NO_CARD"
    assert note["message"] == "No card found; sent the whole photo."
    assert note["severity"] == "warning"
    (image,) = uploads(keyed)
    assert image.size == SIZE


def test_a_blurred_card_is_a_warning_in_every_format(run_cli: RunCli, keyed: StandInServer,
                                                     tmp_path: Path) -> None:
    path = photo(tmp_path, "blur.jpg", 6, "blur", "fabric")
    code, out, err = scan(run_cli, "-f", "json", str(path))
    assert code == 0, err
    (record,) = json.loads(out)
    assert photo_codes(record) == ["PHOTO_BLUR"]
    assert any("out of focus" in c["message"] and c["message_zh"] for c in record["checks"])
    code, out, _ = scan(run_cli, "-f", "csv", str(path))
    (row,) = csv.DictReader(io.StringIO(out))
    assert "PHOTO_BLUR" in row["checks"].split()
    code, out, _ = scan(run_cli, str(path))
    assert "photo: The card is out of focus" in out
    code, out, _ = scan(run_cli, "-f", "jsonl", str(path))
    assert photo_codes(json.loads(out.splitlines()[0])) == ["PHOTO_BLUR"]


def test_strict_refuses_a_poor_photo_without_spending_a_credit(
        run_cli: RunCli, keyed: StandInServer, tmp_path: Path) -> None:
    # GIVEN a blurred photo and a good one in one batch
    blurred = photo(tmp_path, "blur.jpg", 6, "blur", "fabric")
    good = photo(tmp_path, "good.jpg", 2, "plain")
    # WHEN scanned with --strict
    code, out, err = scan(run_cli, "-f", "json", "--strict", str(blurred), str(good))
    # THEN the blurred one is that file's error (exit 5, as for any rejected input), one
    # line saying why; the good one is read; only the good one was sent
    assert code == 5
    bad, fine = json.loads(out)
    assert bad["error"]["reason"] == "POOR_PHOTO"
    assert "out of focus" in bad["error"]["message"]
    assert fine["error"] is None
    assert f"{blurred}: POOR_PHOTO: " in err
    assert [r.parts["image"].filename for r in keyed.ocr_requests()] == ["good.jpg"]


def test_glare_over_the_text_is_a_warning_and_strict_refuses_it(
        run_cli: RunCli, keyed: StandInServer, tmp_path: Path) -> None:
    from tests.glare_photos import OVER_ID_NUMBER, OVER_PHOTO_BOX, glare_jpeg

    # GIVEN a reflection across the ID number, and one on the portrait only
    on_text = tmp_path / "number.jpg"
    on_text.write_bytes(glare_jpeg(OVER_ID_NUMBER))
    on_portrait = tmp_path / "portrait.jpg"
    on_portrait.write_bytes(glare_jpeg(OVER_PHOTO_BOX))
    # WHEN both are scanned
    code, out, err = scan(run_cli, "-f", "json", "--no-merge", str(on_text), str(on_portrait))
    # THEN the first says its text is under glare (in both languages), the second nothing
    assert code == 0, err
    text_record, portrait_record = json.loads(out)
    assert photo_codes(text_record) == ["PHOTO_GLARE_TEXT"]
    (check,) = [c for c in text_record["checks"] if c["field"] == "photo"]
    assert "Glare covers part of the card's text" in check["message"] and check["message_zh"]
    assert photo_codes(portrait_record) == []
    code, out, _ = scan(run_cli, str(on_text))
    assert "photo: Glare covers part of the card's text" in out
    # AND --strict refuses it before the upload
    keyed.reset()
    code, out, err = scan(run_cli, "-f", "json", "--strict", str(on_text))
    assert code == 5 and f"{on_text}: POOR_PHOTO: " in err and "Glare covers" in err
    assert list(keyed.ocr_requests()) == []


def test_a_flatbed_scan_of_a_card_is_the_card(run_cli: RunCli, keyed: StandInServer,
                                              tmp_path: Path) -> None:
    path = photo(tmp_path, "scan.jpg", 11, "scan", None)
    keyed.expect_aspect(*CARD_ASPECT)
    code, out, err = scan(run_cli, "-f", "json", str(path))
    assert code == 0, err
    (record,) = json.loads(out)
    assert record["source"] == str(path) and photo_codes(record) == []


def test_an_image_already_cropped_to_the_card_is_sent_as_before(
        run_cli: RunCli, keyed: StandInServer, card_jpeg: Path) -> None:
    # The test corpus's card pictures are the card alone: nothing to cut out, no note,
    # and the very bytes `--send whole` sends.
    code, out, err = scan(run_cli, "-f", "json", str(card_jpeg))
    assert code == 0, err
    code, whole_out, _ = scan(run_cli, "-f", "json", "--send", "whole", str(card_jpeg))
    assert out == whole_out
    first, second = (r.parts["image"].data for r in keyed.ocr_requests())
    assert first == second
    (record,) = json.loads(out)
    assert record["source"] == str(card_jpeg) and photo_codes(record) == []


def test_send_setting_is_kept_and_checked(run_cli: RunCli, card_jpeg: Path) -> None:
    code, _out, err = run_cli("scan", "--send", "room", str(card_jpeg))
    assert code == 2 and "--send" in err


def test_on_device_reads_the_straightened_card(run_cli: RunCli, tmp_path: Path) -> None:
    # GIVEN a 12 MP photo with the card small in it (a quarter of the width), no key:
    # read from the whole photo one of its two fields is missed
    generated = make_photo(8, "small", (4000, 3000), "keyboard")
    path = tmp_path / "card.jpg"
    path.write_bytes(generated.data)
    # WHEN it is read on this computer
    code, out, err = scan(run_cli, "--engine", "local", "-f", "json", str(path))
    # THEN every field printed on it was read
    assert code == 0, err
    (record,) = json.loads(out)
    expected = {k: v for k, v in generated.cards[0].expected.items() if v is not None}
    assert {k: v for k, v in record["fields"].items() if v is not None} == expected


def test_the_engine_gets_the_card_pixels_decoded_once(tmp_path: Path) -> None:
    from pictotext_desktop import card_prepare
    from pictotext_desktop.imaging import PrepareOptions, Source

    path = photo(tmp_path, "p.jpg", 2, "plain")
    prepared = card_prepare.prepare(Source(path=path),
                                    PrepareOptions(send="card", keep_pixels=True))
    assert prepared.pixels is not None and prepared.pixels.size == prepared.size
    width, height = prepared.size
    assert CARD_ASPECT[0] <= width / height <= CARD_ASPECT[1]


def test_send_whole_keeps_a_two_card_photo_one_record(run_cli: RunCli, keyed: StandInServer,
                                                      tmp_path: Path) -> None:
    path = photo(tmp_path, "two.jpg", 1, "two")
    code, out, err = scan(run_cli, "-f", "json", "--no-merge", "--send", "whole", str(path))
    assert code == 0, err
    assert [r["source"] for r in json.loads(out)] == [str(path)]
    (image,) = uploads(keyed)
    assert image.size == SIZE


def test_a_passport_page_cropped_to_its_edges_is_sent_as_it_is(tmp_path: Path) -> None:
    # ID-3's shape is also A4's: such an image is searched, and with no whole card
    # inside it, it is the card itself (no note, the same upload as --send whole)
    from pictotext_desktop import card_prepare, imaging
    from pictotext_desktop.imaging import PrepareOptions, Source
    from tests.image_corpus import card_image

    path = tmp_path / "passport.jpg"
    card_image((1250, 880)).save(path, "JPEG", quality=90)
    card = card_prepare.prepare(Source(path=path), PrepareOptions(send="card"))
    whole = imaging.prepare(Source(path=path), PrepareOptions())
    assert card.data == whole.data and card.warnings == ()


def test_watch_reads_each_card_of_a_photo(tmp_path: Path, server: StandInServer) -> None:
    from tests.test_watch import WatchProcess, lines_of, wait_until

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    path = photo(inbox, "two.jpg", 1, "two")
    out = tmp_path / "results.jsonl"
    watch = WatchProcess(server, inbox, "-o", str(out), "--strict")
    try:
        wait_until(lambda: len(lines_of(out)) >= 2)
        code, _, err = watch.stop()
    finally:
        watch.kill()
    assert code == 0, err
    assert sorted(r["source"] for r in lines_of(out)) == [f"{path} #1", f"{path} #2"]
