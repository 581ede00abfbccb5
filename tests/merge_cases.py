"""The front/back cases every output must get right: each input is one record unless it
is one side of a card whose other side is also there (tests/test_no_person_lost.py and
tests/gui/test_merge_rows.py)."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from tests.image_corpus import card_image
from tests.stand_in_server import StandInServer, load_examples

BACK_KEYS = ("issuingAuthority", "validityPeriod")
_EXAMPLE = load_examples()["cn_id_card"]


def front(name: str, id_number: str) -> dict[str, str | None]:
    """What the API answers for a photo of a front: the back's fields are not read."""
    return {k: (None if k in BACK_KEYS else v) for k, v in _EXAMPLE.items()} | {
        "name": name, "idNumber": id_number}


def back(authority: str) -> dict[str, str | None]:
    """What the API answers for a photo of a back (the emblem side)."""
    return {k: (v if k in BACK_KEYS else None) for k, v in _EXAMPLE.items()} | {
        "issuingAuthority": authority}


UNREADABLE = None  # a file that is not an image: its record is an error


@dataclass(frozen=True)
class Case:
    files: tuple[tuple[str, dict[str, str | None] | None], ...]
    records: tuple[tuple[str, ...], ...]  # the file names behind each expected record


CASES = {
    "two_fronts_card1_card2": Case(
        (("card1.jpg", front("张一", "110101199001011237")),
         ("card2.jpg", front("李二", "11010119900101131X"))),
        (("card1.jpg",), ("card2.jpg",))),
    "five_customers_all_fronts": Case(
        tuple((f"customer{i}.jpg", front(f"客户{i}", "110101199001011237"))
              for i in range(1, 6)),
        tuple((f"customer{i}.jpg",) for i in range(1, 6))),
    "true_front_and_back": Case(
        (("x_front.jpg", front("张三", "110101199001011237")),
         ("x_back.jpg", back("北京市公安局朝阳分局"))),
        (("x_front.jpg", "x_back.jpg"),)),
    "named_front_back_both_fronts": Case(
        (("x_front.jpg", front("张三", "110101199001011237")),
         ("x_back.jpg", front("李四", "11010119900101131X"))),
        (("x_front.jpg",), ("x_back.jpg",))),
    "front_and_unreadable_back": Case(
        (("x_front.jpg", front("张三", "110101199001011237")), ("x_back.jpg", UNREADABLE)),
        (("x_front.jpg",), ("x_back.jpg",))),
    "two_backs": Case(
        (("x_front.jpg", back("甲市公安局")), ("x_back.jpg", back("乙市公安局"))),
        (("x_front.jpg",), ("x_back.jpg",))),
}


def make_files(case: Case, folder: Path, server: StandInServer) -> list[Path]:
    """The case's files in `folder`; the stand-in answers each by its upload name."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for tint, (name, answer) in enumerate(case.files):
        path = folder / name
        if answer is UNREADABLE:
            path.write_bytes(b"this is not a picture")
        else:
            card_image((320, 200), tint=tint * 20).save(path, "JPEG", quality=85)
            server.respond_for_file(name, answer)
        paths.append(path)
    return paths


def sources_in(path_or_text: Path | str, fmt: str) -> list[tuple[str, ...]]:
    """The file names behind each record of an output, in its order."""
    if fmt == "xlsx":
        import openpyxl

        assert isinstance(path_or_text, Path)
        sheet = openpyxl.load_workbook(path_or_text).active
        assert sheet is not None
        rows = list(sheet.iter_rows(values_only=True))
        column = list(rows[0]).index("source")
        return [_names(str(row[column])) for row in rows[1:]]
    is_file = isinstance(path_or_text, Path)
    text = path_or_text.read_text("utf-8-sig") if is_file else str(path_or_text)
    if fmt == "csv":
        sources = [row["source"] for row in csv.DictReader(io.StringIO(text.lstrip("\ufeff")))]
    elif fmt == "json":
        sources = [r["source"] for r in json.loads(text)]
    elif fmt == "jsonl":
        sources = [json.loads(line)["source"] for line in text.splitlines() if line.strip()]
    else:  # the table: one block per record, its first line "<source>  (<type>…"
        sources = [line.split("  (")[0] for line in text.splitlines()
                   if line and not line.startswith(" ")]
    return [_names(source) for source in sources]


def _names(source: str) -> tuple[str, ...]:
    return tuple(Path(part).name for part in source.split(" + "))
