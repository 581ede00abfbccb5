"""Front and back of a Chinese ID card: pairing by file name and merging into one record."""

from __future__ import annotations

import pytest

from pictotext_desktop.errors import NotAnImageError, UsageError
from pictotext_desktop.merge import merge_records, pair_by_name
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
BACK_FIELDS: dict[str, str | None] = {
    **dict.fromkeys(FRONT_FIELDS),
    "issuingAuthority": "北京市公安局朝阳分局",
    "validityPeriod": "2020.05.01-2030.05.01",  # age 30 at issue: must be 20 years
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


def test_back_reading_front_fields_does_not_override_front() -> None:
    noisy_back = {**BACK_FIELDS, "address": "garbage from the emblem side"}
    merged = merge_records(rec("f.jpg"), rec("b.jpg", noisy_back))
    assert merged.fields is not None and merged.fields["address"] == FRONT_FIELDS["address"]


def test_edited_flags_travel_with_their_values() -> None:
    front, back = rec("f.jpg"), rec("b.jpg", BACK_FIELDS)
    front.set_field("name", "李四")
    back.set_field("validityPeriod", "2020.05.01-2040.05.01")
    back.set_field("name", "ignored")  # a front field edited on the back is not used
    merged = merge_records(front, back)
    assert merged.edited == {"name", "validityPeriod"}
    assert merged.original == {"name": "张三", "validityPeriod": "2020.05.01-2030.05.01"}
    assert merged.checks == []  # 20 years now fits


def test_merge_refuses_failed_or_other_records() -> None:
    failed = Record(source="b.jpg", document_type="cn_id_card", error=NotAnImageError())
    with pytest.raises(UsageError):
        merge_records(rec("f.jpg"), failed)
    with pytest.raises(UsageError):
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
    assert pair_by_name([rec(n) for n in names]) == []


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
        rec("a_back.jpg"),
        rec("a_back.png"),
        rec("b正面.jpg"),
        rec("b反面.jpg"),
    ]
    assert pair_by_name(recs) == [(recs[3], recs[4])]
