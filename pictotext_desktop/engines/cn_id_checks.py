"""What the on-device reader checks a reading of a Chinese ID card against (pure Python).

* `text_region`: the card's own lines among everything the OCR read (the connected
  cluster of boxes holding the most card text), so a note beside the card does not count;
* `consistency` / `incomplete`: how well a reading agrees with its own ID number and
  with the shapes the card prints its fields in (`malformed`), which gates the engine's
  second read and picks the better of two readings;
* `repair_prefix`: the address's province/city/district, garbled by the OCR, repaired
  from the ID number's region code (GB/T 2260), only when what was read is close to it.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Sequence
from typing import Protocol

from pictotext_desktop.checks.cn_id import (
    birth_date_of,
    gender_of,
    is_valid_checksum,
    regions,
)


class OcrLine(Protocol):
    """A line as cn_id_extract.OcrLine has it (that module imports this one)."""

    @property
    def text(self) -> str: ...
    @property
    def box(self) -> tuple[tuple[float, float], ...]: ...


class Extraction(Protocol):
    """A reading as cn_id_extract.Extraction has it."""

    side: str
    fields: dict[str, str | None]


_CARD_CHAR = re.compile(r"[\u4e00-\u9fff0-9]")
_NUMBER_LIKE = re.compile(r"[0-9]{14,}")  # the ID number (dates have separators)
_ANCHORS = ("姓名", "性别", "民族", "出生", "住址", "公民身份号码", "签发机关", "有效期限",
            "居民身份证", "中华人民共和国")
# The 56 officially recognised ethnic groups, as printed on the card (without 族).
_ETHNIC_TEXT = (
    "汉 蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 "
    "土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 景颇 "
    "柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 "
    "乌孜别克 俄罗斯 鄂温克 德昂 保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
)
ETHNIC_GROUPS: tuple[str, ...] = tuple(_ETHNIC_TEXT.split())
FRONT = ("name", "gender", "ethnicity", "dateOfBirth", "address", "idNumber")
BACK = ("issuingAuthority", "validityPeriod")


def _bounds(line: OcrLine) -> tuple[float, float, float, float]:
    xs = [p[0] for p in line.box]
    ys = [p[1] for p in line.box]
    return min(xs), min(ys), max(xs), max(ys)


def _valid(number: str) -> bool:
    return is_valid_checksum(number) and birth_date_of(number) is not None


def _weight(line: OcrLine) -> float:
    text = line.text
    weight = float(len(_CARD_CHAR.findall(text)))
    if any(a in text for a in _ANCHORS) or _NUMBER_LIKE.search(text):
        weight += 20
    return weight


def text_region(lines: Sequence[OcrLine]) -> list[int]:
    """Indexes of the card's lines: boxes linked when less than 2.5 line heights apart
    side by side or 6 above each other (a one-line address leaves five between it and
    the ID number), the linked group with the most card text (labels and the ID number
    count most)."""
    if not lines:
        return []
    boxes = [_bounds(line) for line in lines]
    heights = sorted(b[3] - b[1] for b in boxes)
    across = 2.5 * heights[len(heights) // 2]
    down = 6.0 * heights[len(heights) // 2]
    parent = list(range(len(lines)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            b = boxes[j]
            if (a[0] - across <= b[2] and b[0] - across <= a[2]
                    and a[1] - down <= b[3] and b[1] - down <= a[3]):
                parent[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(lines)):
        groups.setdefault(root(i), []).append(i)
    return max(groups.values(), key=lambda g: sum(_weight(lines[i]) for i in g))


def region_bounds(lines: Sequence[OcrLine], margin: float = 1.0
                  ) -> tuple[float, float, float, float] | None:
    """The card's lines' axis-aligned bounds, `margin` line heights wider on each side."""
    picked = [lines[i] for i in text_region(lines)]
    if not picked:
        return None
    boxes = [_bounds(line) for line in picked]
    heights = sorted(b[3] - b[1] for b in boxes)
    pad = margin * heights[len(heights) // 2]
    return (min(b[0] for b in boxes) - pad, min(b[1] for b in boxes) - pad,
            max(b[2] for b in boxes) + pad, max(b[3] for b in boxes) + pad)


def _number_facts(fields: dict[str, str | None]) -> tuple[str | None, str | None, str | None]:
    """The valid ID number, and the gender and birth date it gives (None: no valid one)."""
    number = fields.get("idNumber")
    if not number or not _valid(number):
        return None, None, None
    birth = birth_date_of(number)
    return number, gender_of(number), birth.isoformat() if birth else None


@functools.cache
def _provinces() -> tuple[str, ...]:
    table = regions()
    return tuple({name for code, name in table.names.items() if code.endswith("0000")})


def malformed(extraction: Extraction) -> list[str]:
    """Fields read but not in a shape the card prints them in: an ethnic group not among
    the 56, an address not starting with a province (as every card's address does, the
    region prefix repaired from the number already), an authority that is no 公安局.  A
    blurred card's first reading can hold all its fields yet one of these ("园" for 回):
    worth a second look, and the reading that has fewer of them is the better."""
    fields = extraction.fields
    bad = []
    if extraction.side == "back":
        authority = fields.get("issuingAuthority")
        if authority is not None and not ("公安局" in authority and authority.endswith("局")):
            bad.append("issuingAuthority")
        return bad
    ethnicity = fields.get("ethnicity")
    if ethnicity is not None and ethnicity not in ETHNIC_GROUPS:
        bad.append("ethnicity")
    address = fields.get("address")
    if address is not None and not address.startswith(_provinces()):
        bad.append("address")
    return bad


def consistency(extraction: Extraction) -> int:
    """Fields read in the card's shape (`malformed` ones do not count), plus agreement
    with the ID number (valid: 2, gender 1, birth date 1)."""
    fields = extraction.fields
    keys = BACK if extraction.side == "back" else FRONT
    score = sum(fields.get(k) is not None for k in keys) - len(malformed(extraction))
    if extraction.side == "back":
        return score
    number, gender, birth = _number_facts(fields)
    if number is not None:
        score += 2 + (fields.get("gender") == gender) + (fields.get("dateOfBirth") == birth)
    return score


def incomplete(extraction: Extraction) -> bool:
    """A reading worth a second look: a field of its side missing or `malformed`, or the
    front's fields disagreeing with its ID number (or no valid number at all)."""
    fields = extraction.fields
    if extraction.side == "unknown" or malformed(extraction):
        return True
    if extraction.side == "back":
        return any(fields.get(k) is None for k in BACK)
    if any(fields.get(k) is None for k in FRONT):
        return True
    number, gender, birth = _number_facts(fields)
    return number is None or fields.get("gender") != gender or fields.get("dateOfBirth") != birth


# ------------------------------------------------------------------------------------------
# The address's region prefix
# ------------------------------------------------------------------------------------------
_NOT_PRINTED = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


def region_prefix(number: str) -> str | None:
    """Province, city and district as an address prints them, from the number's first six
    digits; None when the table does not know the code."""
    table = regions()
    code = number[:6]
    if not code.isdigit():
        return None
    district = table.name(code)
    province = table.name(code[:2] + "0000")
    if district is None or province is None:
        return None
    parts = [province]
    city = table.name(code[:4] + "00")
    if city and city not in _NOT_PRINTED and code[2:4] != "00":
        parts.append(city)
    if code[4:] != "00":
        parts.append(district)
    prefix = "".join(dict.fromkeys(parts))  # a code naming itself at two levels: once
    return prefix


def _distance(a: str, b: str) -> int:
    """Levenshtein distance."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def repair_prefix(address: str, number: str | None) -> str:
    """`address` with its garbled region prefix replaced by the ID number's region, when
    the start of the address is within a third of the prefix's length of it (edits); an
    address that starts elsewhere (the person moved) is left as read."""
    if not number or not _valid(number):
        return address
    prefix = region_prefix(number)
    if not prefix or address.startswith(prefix):
        return address
    allowed = max(1, math.floor(len(prefix) / 3))
    best: tuple[int, int] | None = None
    for cut in range(max(1, len(prefix) - allowed), len(prefix) + allowed + 1):
        if cut >= len(address):
            break
        d = _distance(address[:cut], prefix)
        if best is None or d < best[0]:
            best = (d, cut)
    if best is None or best[0] > allowed:
        return address
    return prefix + address[best[1]:]
