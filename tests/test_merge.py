"""Front and back of a Chinese ID card: pairing by file name and merging into one record."""

from __future__ import annotations

import pytest

from pictotext_desktop.errors import NotAnImageError, UsageError
from pictotext_desktop.merge import (
    merge_front_back,
    merge_records,
    pair_by_name,
    pair_sides,
    side,
)
from pictotext_desktop.records import Record

FRONT_FIELDS: dict[str, str | None] = {
    "name": "张三",
    "gender": "男",
    "ethnicity": "汉",
    "dateOfBirth": "1990-01-01",
    "address": "北京市朝阳区建国路1号",
    "idNumber": "110101199001011237",
    "issuingAuthority": None,
    "validityPeriod": None,
}
OTHER_FRONT: dict[str, str | None] = {
    **FRONT_FIELDS, "name": "李四", "idNumber": "11010119900101131X",
}
BACK_FIELDS: dict[str, str | None] = {
    **dict.fromkeys(FRONT_FIELDS),
    "issuingAuthority": "北京市公安局朝阳分局",
    "validityPeriod": "2020.05.01-2030.05.01",  # age 30 at issue: must be 20 years
}


WHOLE_CARD: dict[str, str | None] = {  # an answer with both sides' fields read
    **FRONT_FIELDS, **{k: v for k, v in BACK_FIELDS.items() if v},
}


def rec(
    source: str, fields: dict[str, str | None] | None = None, doc: str = "cn_id_card"
) -> Record:
    return Record(
        source=source, document_type=doc, engine="cloud", fields=dict(fields or FRONT_FIELDS)
    )


def test_merge_takes_front_fields_from_front_and_back_fields_from_back() -> None:
    front, back = rec("a/zhang_front.jpg"), rec("a/zhang_back.jpg", BACK_FIELDS)
    merged = merge_records(front, back)
    assert merged.fields == {
        **FRONT_FIELDS,
        **{k: BACK_FIELDS[k] for k in ("issuingAuthority", "validityPeriod")},
    }
    assert list(merged.fields) == list(FRONT_FIELDS)  # catalog order
    assert merged.merged_from == ("a/zhang_front.jpg", "a/zhang_back.jpg")
    assert merged.to_json()["mergedFrom"] == ["a/zhang_front.jpg", "a/zhang_back.jpg"]
    # checks were re-run on the whole card: the validity length needs the birth date
    assert [c.code for c in merged.checks] == ["VALIDITY_LENGTH"]


def test_front_is_decided_by_content_not_argument_order() -> None:
    front, back = rec("x.jpg"), rec("y.jpg", BACK_FIELDS)
    merged = merge_records(back, front)
    assert merged.fields is not None and merged.fields["name"] == "张三"
    assert merged.fields["issuingAuthority"] == "北京市公安局朝阳分局"
    assert merged.merged_from == ("x.jpg", "y.jpg")


def test_side_is_decided_by_what_was_read() -> None:
    assert side(rec("a.jpg")) == "front"
    assert side(rec("a.jpg", {"name": "张三", "issuingAuthority": None})) == "front"
    assert side(rec("a.jpg", BACK_FIELDS)) == "back"
    assert side(rec("a.jpg", WHOLE_CARD)) is None  # both
    assert side(rec("a.jpg", {**BACK_FIELDS, "address": "emblem noise"})) is None
    assert side(rec("a.jpg", {"gender": "男"})) is None  # no name, no ID number
    assert side(rec("a.jpg", {"name": "  "})) is None
    assert side(rec("a.jpg", doc="hk_id_card")) is None
    assert side(Record(source="a.jpg", document_type="cn_id_card", error=NotAnImageError())) is None


@pytest.mark.parametrize(
    ("first", "second", "words"),
    [
        (FRONT_FIELDS, OTHER_FRONT, ("a.jpg (a front)", "b.jpg (a front)")),
        (BACK_FIELDS, BACK_FIELDS, ("a.jpg (a back)", "b.jpg (a back)")),
        (FRONT_FIELDS, WHOLE_CARD, ("b.jpg (both sides)",)),
        (FRONT_FIELDS, {**BACK_FIELDS, "address": "emblem noise"}, ("b.jpg (both sides)",)),
        (FRONT_FIELDS, dict.fromkeys(FRONT_FIELDS), ("b.jpg (neither side)",)),
    ],
)
def test_merge_refuses_anything_but_one_front_and_one_back(
    first: dict[str, str | None], second: dict[str, str | None], words: tuple[str, ...]
) -> None:
    with pytest.raises(UsageError) as caught:
        merge_records(rec("in/a.jpg", first), rec("in/b.jpg", second))
    message = caught.value.message
    assert "were not merged" in message and "front" in message
    for word in words:
        assert word in message


def test_edited_flags_travel_with_their_values() -> None:
    front, back = rec("f.jpg"), rec("b.jpg", BACK_FIELDS)
    front.set_field("name", "李四")
    back.set_field("validityPeriod", "2020.05.01-2040.05.01")
    merged = merge_records(front, back)
    assert merged.edited == {"name", "validityPeriod"}
    assert merged.original == {"name": "张三", "validityPeriod": "2020.05.01-2030.05.01"}
    assert merged.checks == []  # 20 years now fits


def test_merge_refuses_failed_or_other_records() -> None:
    failed = Record(source="b.jpg", document_type="cn_id_card", error=NotAnImageError())
    with pytest.raises(UsageError, match=r"b\.jpg \(not read\)"):
        merge_records(rec("f.jpg"), failed)
    with pytest.raises(UsageError, match="not a Chinese ID card"):
        merge_records(rec("f.jpg"), rec("b.jpg", BACK_FIELDS, doc="hk_id_card"))


@pytest.mark.parametrize(
    ("front_name", "back_name"),
    [
        ("zhang_front.jpg", "zhang_back.jpg"),
        ("Zhang-Front.PNG", "zhang-BACK.jpeg"),
        ("张三正面.jpg", "张三反面.jpg"),
        ("张三_正面.heic", "张三_背面.heic"),
        ("card1.jpg", "card2.jpg"),
        ("li_1.png", "li_2.png"),
    ],
)
def test_pairs_by_name(front_name: str, back_name: str) -> None:
    front, back = rec(f"/in/{front_name}"), rec(f"/in/{back_name}", BACK_FIELDS)
    other = rec("/in/other.jpg")
    assert pair_by_name([back, other, front]) == [(front, back)]


@pytest.mark.parametrize(
    "names",
    [
        ("IMG_0001.jpg", "IMG_0002.jpg"),  # a camera counter is not a side
        ("a_front.jpg", "b_back.jpg"),  # different stems
        ("x/a_front.jpg", "y/a_back.jpg"),  # different folders
        ("a_front.jpg", "a_front.png"),  # two fronts
        ("a1.jpg", "a_back.jpg"),  # different conventions
    ],
)
def test_does_not_pair(names: tuple[str, str]) -> None:
    records = [rec(names[0]), rec(names[1], BACK_FIELDS)]
    assert pair_by_name(records) == []


def test_pairs_only_successful_cn_id_records() -> None:
    failed = Record(source="a_back.jpg", document_type="cn_id_card", error=NotAnImageError())
    assert pair_by_name([rec("a_front.jpg"), failed]) == []
    assert (
        pair_by_name([rec("a_front.jpg", doc="hk_id_card"), rec("a_back.jpg", doc="hk_id_card")])
        == []
    )
    # an ambiguous stem (two backs) is left alone, the others still pair
    recs = [
        rec("a_front.jpg"),
        rec("a_back.jpg", BACK_FIELDS),
        rec("a_back.png", BACK_FIELDS),
        rec("b正面.jpg"),
        rec("b反面.jpg", BACK_FIELDS),
    ]
    assert pair_by_name(recs) == [(recs[3], recs[4])]


@pytest.mark.parametrize(
    ("names", "contents"),
    [
        (("card1.jpg", "card2.jpg"), (FRONT_FIELDS, OTHER_FRONT)),  # two people's fronts
        (("x_front.jpg", "x_back.jpg"), (FRONT_FIELDS, OTHER_FRONT)),  # named wrong
        (("x_front.jpg", "x_back.jpg"), (BACK_FIELDS, BACK_FIELDS)),  # two backs
        (("x_front.jpg", "x_back.jpg"), (FRONT_FIELDS, WHOLE_CARD)),
    ],
)
def test_names_only_propose_content_decides(
    names: tuple[str, str], contents: tuple[dict[str, str | None], dict[str, str | None]]
) -> None:
    records = [rec(names[0], contents[0]), rec(names[1], contents[1])]
    assert pair_by_name(records) == []
    assert merge_front_back(records) == records


def test_named_pair_with_sides_swapped_is_merged_front_first() -> None:
    """x_front.jpg is really the back: the content says which is which."""
    back, front = rec("x_front.jpg", BACK_FIELDS), rec("x_back.jpg")
    assert pair_by_name([back, front]) == [(front, back)]
    (merged,) = merge_front_back([back, front])
    assert merged.merged_from == ("x_back.jpg", "x_front.jpg")


def test_customer_files_all_fronts_stay_five_records() -> None:
    records = [rec(f"customer{i}.jpg", {**FRONT_FIELDS, "name": f"客{i}"}) for i in range(1, 6)]
    assert merge_front_back(records) == records


def test_content_alone_pairs_one_adjacent_front_and_back() -> None:
    front, back = rec("IMG_0001.jpg"), rec("IMG_0002.jpg", BACK_FIELDS)
    assert pair_sides([back, front]) == [(front, back)]
    seen: list[tuple[str, ...]] = []
    out = merge_front_back([front, back], on_merge=lambda m, f, b: seen.append(m.merged_from))
    assert [r.merged_from for r in out] == [("IMG_0001.jpg", "IMG_0002.jpg")]
    assert seen == [("IMG_0001.jpg", "IMG_0002.jpg")]
    # beside named pairs, the one unnamed front and back still pair
    named = [rec("a_front.jpg"), rec("a_back.jpg", BACK_FIELDS)]
    assert len(pair_sides([*named, front, back])) == 2


@pytest.mark.parametrize(
    "layout",
    [
        ("F", "X", "B"),  # something between them (a failed input)
        ("F", "B", "F"),  # a second front: which one?
        ("F", "B", "B"),
        ("F", "B", "F", "B"),  # two people photographed without side names
        ("F", "F"),
        ("B", "B"),
    ],
)
def test_content_alone_never_guesses(layout: tuple[str, ...]) -> None:
    made = {
        "F": lambda i: rec(f"IMG_{1000 + i}.jpg", {**FRONT_FIELDS, "name": f"人{i}"}),
        "B": lambda i: rec(f"IMG_{1000 + i}.jpg", BACK_FIELDS),
        "X": lambda i: Record(source=f"IMG_{1000 + i}.jpg", document_type="cn_id_card",
                              error=NotAnImageError()),
    }
    records = [made[k](i) for i, k in enumerate(layout)]
    assert pair_sides(records) == []
    assert merge_front_back(records) == records
