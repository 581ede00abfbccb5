"""OCR text lines of a Chinese ID card -> the API's fields (pure Python, no OCR imports).

The on-device engine hands this module what the OCR read: text with a quadrilateral per
line.  Reading a card is then a layout problem, solved here so it can be unit-tested on
hand-written line lists:

* the card may be turned: `detect_rotation` finds which of 0/90/180/270 puts the printed
  labels in the card's order (the engine then reads the upright image again);
* the card may be skewed: coordinates are turned by the median text angle before lines
  are grouped into rows;
* labels (姓名, 性别, 民族, 出生, 住址, 公民身份号码, 签发机关, 有效期限) are matched with
  tolerance for OCR noise, and rows without a label at the label column continue the
  field above (multi-line addresses);
* the ID number (GB 11643, ISO 7064 MOD 11-2 check) confirms and, where the printed
  character is unreadable, completes gender and birth date; a printed value that
  disagrees with a valid number is still reported as printed (the checks flag it).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from pictotext_desktop import catalog
from pictotext_desktop.checks.cn_id import (
    LETTER_FIXES,
    Validity,
    birth_date_of,
    fix_letters,
    gender_of,
    is_valid_checksum,
)
from pictotext_desktop.engines import cn_id_authority, cn_id_number, cn_id_validity
from pictotext_desktop.engines.cn_id_checks import ETHNIC_GROUPS, repair_prefix

FIELD_KEYS = catalog.field_keys("cn_id_card")  # the API's names, in the API's order
# The address's province/city/district, when garbled, repaired from the ID number's region
# code (only when what was read is close to it: cn_id_checks.repair_prefix).
REPAIR_REGION = True
# A card back's issuing authority continues only on rows that start under its value and
# only with boxes next to it: text beside the card (a note) is not appended.
AUTHORITY_NOTE_GUARD = True
# The address ends at the 公民身份号码 row even when the number on it cannot be read.
ADDRESS_STOPS_AT_ID_LABEL = True


# Traditional forms the recogniser sometimes prints for characters found on ID cards.
_T2S = str.maketrans(
    "漢區號縣鎮鄉內長門東廣華國興陽麗龍鳳軍偉劉陳楊黃趙吳孫馬鄭謝蘇蔣葉鐘錢湯萬衛慶剛強濤"
    "紅蘭鵬輝寧傑維爾滿壯達鮮薩瑤納頗錫別羅溫倫獨諾烏畬機關簽發別學園層樓單幢將雲飛梅"
    "貴廈華灣橋廠場寶濱灣鄰街區縣屬幹厲歷曆遼瀋慶龍嶺寧蘆錦陝甯蘭齊魯夠鄲滬蘇錫鎮贛閩韓"
    "後來師時書氣熱產發車車進運場開關這還區與東區號陸廳廣莊團圓實業鐵鑫磊張",
    "汉区号县镇乡内长门东广华国兴阳丽龙凤军伟刘陈杨黄赵吴孙马郑谢苏蒋叶钟钱汤万卫庆刚强涛"
    "红兰鹏辉宁杰维尔满壮达鲜萨瑶纳颇锡别罗温伦独诺乌畲机关签发别学园层楼单幢将云飞梅"
    "贵厦华湾桥厂场宝滨湾邻街区县属干厉历历辽沈庆龙岭宁芦锦陕宁兰齐鲁够郸沪苏锡镇赣闽韩"
    "后来师时书气热产发车车进运场开关这还区与东区号陆厅广庄团圆实业铁鑫磊张",
)
_FULLWIDTH = str.maketrans(
    "０１２３４５６７８９（）：，．－—–~～Ｘｘ×·•・",
    "0123456789():,.-----XXX···",
)
_LETTER_DIGITS = str.maketrans(LETTER_FIXES)  # the checks' look-alike letters, as digits
# A run that may hold an ID number: digits, look-alike letters and a final x.
_ID_RUN = re.compile("[0-9" + re.escape("".join(LETTER_FIXES)) + "xX×]{18,}")

_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
FRONT_LABELS = ("姓名", "性别", "出生", "住址")
ID_LABEL = "公民身份号码"
BACK_LABELS = ("签发机关", "有效期限")
_BACK_TITLES = ("中华人民共和国", "居民身份证")


@dataclass(frozen=True)
class OcrLine:
    """One detected text line: its text, its quadrilateral (4 x/y points) and a score."""

    text: str = field(repr=False)  # identity data: never in a log line
    box: tuple[tuple[float, float], ...]
    score: float = 1.0


Quad = tuple[tuple[float, float], ...]


@dataclass
class Extraction:
    """What was read from one side: fields (None = not read), notes and the side found.

    `address_probe` is where one more address line would sit (see `_address_probe`).
    """

    side: str  # "front" | "back" | "unknown"
    fields: dict[str, str | None]
    notes: dict[str, str] = field(default_factory=dict)
    address_probe: Quad | None = None

    def __repr__(self) -> str:  # values are identity data: never show them
        read = sum(v is not None for v in self.fields.values())
        return f"Extraction(side={self.side!r}, read={read})"


# --------------------------------------------------------------------------------------
# ID number
# --------------------------------------------------------------------------------------
def id_number_valid(number: str) -> bool:
    """True for 18 characters, a real birth date and a matching check character."""
    return is_valid_checksum(number) and birth_date_of(number) is not None


def find_id_number(text: str) -> str | None:
    """The 18-character ID number in `text`, reading O as 0, l as 1 and so on.

    A window with a valid check character wins over one without.
    """
    compact = re.sub(r"\s", "", text).translate(_FULLWIDTH)
    candidates: list[str] = []
    for m in _ID_RUN.finditer(compact):
        run = m.group(0)
        for i in range(len(run) - 17):
            window = run[i : i + 18]
            fixed = fix_letters(window)
            if re.fullmatch(r"\d{17}[\dX]", fixed) and sum(c.isdigit() for c in window) >= 14:
                candidates.append(fixed)
    if not candidates:
        return None
    valid = [c for c in candidates if id_number_valid(c)]
    return (valid or candidates)[0]


# --------------------------------------------------------------------------------------
# Geometry
# --------------------------------------------------------------------------------------
@dataclass
class _Item:
    text: str = field(repr=False)
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def h(self) -> float:
        return self.y1 - self.y0


def _center(line: OcrLine) -> tuple[float, float]:
    xs = [p[0] for p in line.box]
    ys = [p[1] for p in line.box]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def _normalize(text: str) -> str:
    """Simplified characters, half-width digits and punctuation, no spaces or colons."""
    text = text.translate(_T2S).translate(_FULLWIDTH)
    return re.sub(r"[\s:;'\"“”‘’、]", "", text)


def text_angle(lines: Sequence[OcrLine]) -> float:
    """The median direction (degrees) of the longer text lines' top edges."""
    angles = []
    for line in lines:
        if len(line.text) < 3 or len(line.box) < 2:
            continue
        (x0, y0), (x1, y1) = line.box[0], line.box[1]
        if abs(x1 - x0) < 1e-6 and abs(y1 - y0) < 1e-6:
            continue
        angles.append(math.degrees(math.atan2(y1 - y0, x1 - x0)))
    if not angles:
        return 0.0
    angles.sort()
    return angles[len(angles) // 2]


def _items(lines: Sequence[OcrLine], angle: float = 0.0) -> list[_Item]:
    """Lines as axis-aligned rectangles in a frame turned back by `angle` (deskew)."""
    a = math.radians(-angle)
    cos, sin = math.cos(a), math.sin(a)
    out = []
    for line in lines:
        text = _normalize(line.text)
        if not text:
            continue
        pts = [(x * cos - y * sin, x * sin + y * cos) for x, y in line.box]
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        out.append(_Item(text, min(xs), min(ys), max(xs), max(ys)))
    return out


def _rows(items: list[_Item]) -> list[list[_Item]]:
    """Group items into rows (sorted top to bottom, each left to right)."""
    rows: list[list[_Item]] = []
    for item in sorted(items, key=lambda i: i.cy):
        for row in rows:
            ref = row[0]
            overlap = min(ref.y1, item.y1) - max(ref.y0, item.y0)
            if overlap > 0.5 * min(ref.h, item.h):
                row.append(item)
                break
        else:
            rows.append([item])
    for row in rows:
        row.sort(key=lambda i: i.x0)
    return rows


# --------------------------------------------------------------------------------------
# Fuzzy labels
# --------------------------------------------------------------------------------------
def _label_at(text: str, label: str, start: int = 0) -> int:
    """How many characters of `label` match `text` at `start`, position by position."""
    chunk = text[start : start + len(label)]
    return sum(a == b for a, b in zip(chunk, label, strict=False))


def _starts_with_label(text: str, label: str) -> bool:
    """At least half the label's characters in place (OCR garbles small faint labels)."""
    need = max(1, math.ceil(len(label) / 2))
    if len(label) >= 4:
        need = len(label) // 2 + 1 if len(label) > 4 else 2
    return _label_at(text, label) >= need


def _strip_label(text: str, label: str) -> str:
    """`text` without its leading label, tolerating one dropped label character."""
    if _starts_with_label(text, label):
        return text[len(label) :]
    # A dropped first character: "名张三" for "姓名张三".
    if len(label) >= 2 and text.startswith(label[1:]):
        return text[len(label) - 1 :]
    return text


def _contains_fuzzy(text: str, label: str) -> int:
    """Index where `label` (with at most a third of it garbled) occurs in text, or -1."""
    need = len(label) - len(label) // 3 if len(label) > 2 else 2
    for i in range(len(text) - len(label) + 1):
        if _label_at(text, label, i) >= need:
            return i
    return -1


# --------------------------------------------------------------------------------------
# Orientation
# --------------------------------------------------------------------------------------
_ORDER_FRONT = ("姓名", "性别", "出生", "住址", ID_LABEL)
_ORDER_BACK = ("中华人民共和国", "居民身份证", "签发机关", "有效期限")


def _rotate_point(x: float, y: float, rotation: int, w: float, h: float) -> tuple[float, float]:
    """Where (x, y) lands after turning a w x h image clockwise by `rotation` degrees."""
    if rotation == 90:
        return h - y, x
    if rotation == 180:
        return w - x, h - y
    if rotation == 270:
        return y, w - x
    return x, y


def _anchors(lines: Sequence[OcrLine]) -> list[tuple[str, int, OcrLine]]:
    """Known printed texts found in the lines, with their rank in the card's reading order."""
    found: list[tuple[str, int, OcrLine]] = []
    for line in lines:
        text = _normalize(line.text)
        for order in (_ORDER_FRONT, _ORDER_BACK):
            for rank, label in enumerate(order):
                if label in text:
                    found.append((label, rank, line))
        if find_id_number(text):
            found.append(("idNumber", len(_ORDER_FRONT), line))
    return found


# The label 公民身份号码 and the number sit on one row: compare them left to right.  Taken
# top to bottom (as before), the pair turned a skewed upright card by 180 degrees.
PAIR_LEFT_TO_RIGHT = True
_ONE_ROW = frozenset({ID_LABEL, "idNumber"})


def rotation_scores(lines: Sequence[OcrLine], size: tuple[int, int]) -> dict[int, float]:
    """How well each clockwise turn (0/90/180/270) puts the card's texts in its layout.

    Each pair of known texts (labels, titles, the ID number) in the card's order adds 1,
    each pair out of it takes 1 (top to bottom; 公民身份号码 and the number left to right);
    each text line wider than tall after the turn adds 0.25, taller takes 0.25.
    """
    w, h = size
    anchors = _anchors(lines)
    scores: dict[int, float] = {}
    for rotation in (0, 90, 180, 270):
        score = 0.0
        pos = []
        for label, rank, line in anchors:
            cx, cy = _center(line)
            pos.append((label, rank, _rotate_point(cx, cy, rotation, w, h)))
        for i, (la, ra, (xa, ya)) in enumerate(pos):
            for lb, rb, (xb, yb) in pos[i + 1 :]:
                same_side = (la in _ORDER_BACK) == (lb in _ORDER_BACK)
                if not same_side or ra == rb:
                    continue
                if PAIR_LEFT_TO_RIGHT and {la, lb} == _ONE_ROW:
                    if abs(xa - xb) > 1e-6:  # one line holding both says nothing
                        score += 1.0 if (xa < xb) == (ra < rb) else -1.0
                else:
                    score += 1.0 if (ya < yb) == (ra < rb) else -1.0
        # Horizontal text after the turn.
        for line in lines:
            if len(line.text) < 2:
                continue
            pts = [_rotate_point(x, y, rotation, w, h) for x, y in line.box]
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            score += 0.25 if (max(xs) - min(xs)) > (max(ys) - min(ys)) else -0.25
        scores[rotation] = score
    return scores


def detect_rotation(lines: Sequence[OcrLine], size: tuple[int, int]) -> int:
    """Clockwise turn (0/90/180/270) that makes the card upright, judged by layout.

    The best of `rotation_scores`; ties keep the image as it is.
    """
    scores = rotation_scores(lines, size)
    best, best_score = 0, -1.0
    for rotation in (0, 90, 180, 270):
        if scores[rotation] > best_score + 1e-9:
            best, best_score = rotation, scores[rotation]
    return best


# --------------------------------------------------------------------------------------
# Field parsing
# --------------------------------------------------------------------------------------
# A two-or-more-character group read with one character wrong ("蒙店") is that group when
# no other group is as close (the list is closed; a one-character group is never guessed).
ETHNIC_FUZZY = True


def snap_ethnicity(raw: str) -> str | None:
    """The ethnic group named at the end of `raw` (one of the closed list of 56), if any."""
    text = _normalize(raw).removesuffix("族")
    best = ""
    for group in ETHNIC_GROUPS:
        if text.endswith(group) and len(group) > len(best):
            best = group
    if best or not ETHNIC_FUZZY:
        return best or None
    close = {g for g in ETHNIC_GROUPS if len(g) >= 2 and len(text) >= len(g)
             and sum(a != b for a, b in zip(text[-len(g):], g, strict=True)) == 1}
    return close.pop() if len(close) == 1 else None


def parse_birth(raw: str) -> date | None:
    """`1990年1月1日` (also with OCR noise in 年/月/日) -> date."""
    text = _normalize(raw).translate(_LETTER_DIGITS)
    m = re.search(r"(\d{4})\D{0,2}?(\d{1,2})\D{1,2}?(\d{1,2})", text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def parse_validity(raw: str) -> str | None:
    """`2015.03.01-2035.03.01` or `2015.03.01-长期`, whatever separators the OCR saw.

    A year read as three digits starting with 0 ("006.06.26") lost its leading 2 (under
    a thumb, or cut at its box's edge): the cards in use were issued from 2004 on."""
    text = _normalize(raw)
    date_re = r"(\d{4}|0\d\d)\D?(\d{2})\D?(\d{2})"
    m = re.search(date_re + r"\D{0,3}?" + r"(?:" + date_re + r"|(长.?|.?期))", text)
    if not m:
        return None
    g = [f"2{v}" if v and len(v) == 3 else v for v in m.groups()]
    try:
        start = date(int(g[0]), int(g[1]), int(g[2]))
        end = date(int(g[3]), int(g[4]), int(g[5])) if g[3] else None  # None: 长期
    except ValueError:
        return None
    return Validity(start, end).format()


# A name is Chinese characters (and the middle dot of a transliterated one): the digits and
# Latin letters a blurred label leaves before it ("6沈欣强") are not part of it.
NAME_CLEANUP = True
_NAME_JUNK = re.compile(r"^[0-9A-Za-z]+")


def _clean_name(text: str) -> str | None:
    text = text.replace(".", "·")
    if NAME_CLEANUP:
        text = _NAME_JUNK.sub("", text)
    return _clean_value(text)


def _clean_value(text: str) -> str | None:
    text = text.strip("-.,·")
    return text or None


# An authority is Chinese characters only: a digit or letter at either end is a speck or
# the card's edge read as text ("1杭州市公安局西湖分局" on a blurred card).
_NOT_CJK_ENDS = re.compile(r"^[^\u4e00-\u9fff]+|[^\u4e00-\u9fff]+$")


def _cjk_span(text: str) -> str:
    """`text` from its first Chinese character to its last."""
    return _NOT_CJK_ENDS.sub("", text)


def _empty() -> dict[str, str | None]:
    return dict.fromkeys(FIELD_KEYS)


def _card_scale(rows: list[list[_Item]]) -> float:
    heights = sorted(i.h for row in rows for i in row)
    return heights[len(heights) // 2] if heights else 1.0


_BIRTH_LIKE = re.compile(r"\d{4}\D{0,2}[年午]|\d{4}\D{1,2}\d{1,2}\D{0,2}[月]|[年]\d{1,2}[月]")
# A row holding only the end of a date ("18日": glare or a thumb over the rest) is the
# birth row too; a row between the name and birth rows is the gender row (its 男/女 and
# 民族 misread: "里汉").
DAY_ROW = True
_DAY_ONLY = re.compile(r"^\d{1,2}日$")
# A birth date the row does not give whole is taken from a valid ID number when every
# part of the date read on the row (digits and 年/月/日) is a piece of that date as the
# card prints it ("11日" under glare of 1960年6月11日), not only when its year was read.
BIRTH_FROM_PARTS = True
# A label's own box read half ("出" for 出生) is the label: the value is the row's other
# boxes, not the row's text less the label's length ("出" + "7日" -> "日").
HALF_LABEL_BOX = True
_DATE_PARTS = re.compile(r"[0-9年月日]+")


def _value_of(row: list[_Item], label: str, label_x: float | None, scale: float) -> str:
    """A row's text without its label (read, garbled in its own box, or missing)."""
    text = "".join(i.text for i in row)
    first = row[0]
    if HALF_LABEL_BOX and len(row) > 1 and len(first.text) < len(label) and _starts_with_label(
            first.text, label):
        return "".join(i.text for i in row[1:])  # the label's own box, half read ("出")
    if _starts_with_label(text, label) or text.startswith(label[1:]):
        return _strip_label(text, label)
    if (
        len(row) > 1
        and label_x is not None
        and first.x0 < label_x + 1.6 * scale <= row[1].x0
        and len(first.text) <= len(label) + 1
    ):
        return "".join(i.text for i in row[1:])  # the label's own box, misread
    return text


def _front_kinds(rows: list[list[_Item]]) -> list[str | None]:
    """Which label each row above the ID number belongs to (None: continuation/other).

    Rows are recognised by their label when it was read, else by their content (a row
    starting with 男/女 or holding 民族 is the gender row; a date with 年/月 is the birth
    row) and else by their place: the name is above the gender row, the address starts
    below the birth row and runs on to the ID number.  Faint labels often vanish in
    blurred photos while the bold values survive, so content and place matter most.
    """
    texts = ["".join(i.text for i in row) for row in rows]
    kinds: list[str | None] = [
        next((lb for lb in FRONT_LABELS if _starts_with_label(t, lb)), None) for t in texts
    ]
    for r, t in enumerate(texts):
        if kinds[r] is not None:
            continue
        if "性别" not in kinds and (t[:1] in ("男", "女") or _contains_fuzzy(t, "民族") >= 0):
            kinds[r] = "性别"
        elif "出生" not in kinds and (_BIRTH_LIKE.search(t) or (
                DAY_ROW and _DAY_ONLY.match(t) and "住址" not in kinds[:r])):
            kinds[r] = "出生"
    g = kinds.index("性别") if "性别" in kinds else -1
    b = kinds.index("出生") if "出生" in kinds else -1
    if "姓名" not in kinds:
        above = g - 1 if g >= 1 else b - 2 if b >= 2 else -1
        if above >= 0 and kinds[above] is None:
            kinds[above] = "姓名"
    if DAY_ROW and g < 0 and b >= 2 and kinds[b - 2] == "姓名" and kinds[b - 1] is None:
        kinds[b - 1] = "性别"
    if "住址" not in kinds and b >= 0 and b + 1 < len(rows) and kinds[b + 1] is None:
        kinds[b + 1] = "住址"

    return kinds


def _front_values(
    rows: list[list[_Item]], kinds: list[str | None], label_x: float | None, scale: float
) -> dict[str, str]:
    """Label -> value text for the rows above the ID number, of the `_front_kinds` given."""
    values: dict[str, str] = {}
    current: str | None = None
    for row, kind in zip(rows, kinds, strict=True):
        if kind is not None and kind not in values:
            current = kind
            values[kind] = _value_of(row, kind, label_x, scale)
        elif kind is None and current == "住址":
            text = "".join(i.text for i in row)
            if ADDRESS_STOPS_AT_ID_LABEL and _id_row_like(text):
                current = None  # the ID row, its number unreadable (a thumb over it)
                continue
            values["住址"] += text
        else:
            current = kind
    return values


# The ID row whose number could not be read whole (blur): half its label and a long run of
# digits, which no address holds ("份号码530102199010").
ID_ROW_PARTS = True
_LONG_DIGITS = re.compile(r"\d{8,}")


def _id_row_like(text: str) -> bool:
    """The 公民身份号码 row, read well enough to tell it from an address line."""
    if _contains_fuzzy(text, ID_LABEL) >= 0:
        return True
    return ID_ROW_PARTS and ("号码" in text or bool(_LONG_DIGITS.search(text)))


@dataclass
class _FrontLayout:
    number: str | None
    id_item: _Item | None
    rows: list[list[_Item]]  # the rows above the ID number that belong to the card
    label_x: float | None
    scale: float


def _front_layout(rows: list[list[_Item]]) -> _FrontLayout:
    number, id_row = None, -1
    for r, row in enumerate(rows):
        number = find_id_number("".join(i.text for i in row))
        if number:
            id_row = r
            break
    scale = _card_scale(rows)
    # The label column: where 公民身份号码 starts.
    label_x: float | None = None
    id_item = None
    if id_row >= 0:
        first = id_item = rows[id_row][0]
        id_top = first.y0
        if find_id_number(first.text) and len(first.text) <= 19 and len(rows[id_row]) == 1:
            # 公民身份号码 itself was not read: the labels sit ~6 text heights further left.
            left, right = first.x0 - 9 * scale, first.x1 + 2 * scale
        else:
            label_x = first.x0
            left, right = label_x - 2 * scale, label_x + 18 * scale
        # Only text above the number and within the card's extent belongs to the front.
        rows = [row for row in rows[:id_row] if row[0].y0 > id_top - 14 * scale]
        rows = [[i for i in row if left < i.x0 < right] for row in rows]
        rows = [row for row in rows if row]
    return _FrontLayout(number, id_item, rows, label_x, scale)


def _extract_front(
    rows: list[list[_Item]], angle: float, notes: dict[str, str]
) -> tuple[dict[str, str | None], Quad | None]:
    """The front's fields, and the address probe (rows deskewed by `angle`)."""
    fields = _empty()
    layout = _front_layout(rows)
    kinds = _front_kinds(layout.rows)
    fields["idNumber"] = layout.number
    values = _front_values(layout.rows, kinds, layout.label_x, layout.scale)
    number = fields["idNumber"]
    valid_number = number is not None and id_number_valid(number)

    fields["name"] = _clean_name(values.get("姓名", ""))
    # Gender and ethnicity share a row: 性别 男 民族 汉.
    if "性别" in values:
        text = values["性别"]
        cut = _contains_fuzzy(text, "民族")
        head, tail = (text[:cut], text[cut + 2 :]) if cut >= 0 else (text[:1], text[1:])
        if cut < 0 and "族" in text:
            head, tail = text[:1], text[text.index("族") + 1 :]
        gender = next((c for c in head if c in "男女"), None)
        if gender is None and head and valid_number and number is not None:
            gender = gender_of(number)
            notes["gender"] = "The printed character was unclear; taken from the ID number."
        fields["gender"] = gender
        fields["ethnicity"] = snap_ethnicity(tail) or _clean_value(tail)
    if "出生" in values:
        text = values["出生"]
        birth = parse_birth(text)
        if birth is None and valid_number and number is not None:
            id_birth = birth_date_of(number)
            if id_birth is not None and _date_agrees(text.translate(_LETTER_DIGITS), id_birth):
                birth = id_birth
                notes["dateOfBirth"] = "The printed date was unclear; completed from the ID number."
        fields["dateOfBirth"] = birth.isoformat() if birth else None
    if HIDDEN_FROM_NUMBER and valid_number and number is not None:
        if fields["gender"] is None and "gender" not in notes:
            fields["gender"] = gender_of(number)
            notes["gender"] = "The printed character could not be read; taken from the ID number."
        unread = not re.search(r"\d", values.get("出生", ""))  # no digit of it read at all
        if fields["dateOfBirth"] is None and unread and (
                birth := birth_date_of(number)) is not None:
            fields["dateOfBirth"] = birth.isoformat()
            notes["dateOfBirth"] = "The printed date could not be read; taken from the ID number."
    fields["address"] = _clean_value(values.get("住址", ""))
    if NUMBER_FROM_PIECES and number is None:
        _number_from_pieces(layout.rows, fields, notes)
    if REPAIR_REGION and fields["address"] and valid_number:
        fields["address"] = repair_prefix(fields["address"], number)
    return fields, _address_probe(layout, kinds, angle)


# A gender or birth date of which nothing was read (a thumb or glare over it) is the valid
# ID number's, with a note; a value read that disagrees with the number stays as read, and
# a date read in part only where it agrees (BIRTH_FROM_PARTS).
HIDDEN_FROM_NUMBER = True
# An ID row read only in pieces (a thumb over some digits) gives the number when the card's
# printed birth date and gender prove the hidden digits (cn_id_number).
NUMBER_FROM_PIECES = True


def _number_from_pieces(rows: list[list[_Item]], fields: dict[str, str | None],
                        notes: dict[str, str]) -> None:
    """The lowest row that looks like the ID row, completed by `cn_id_number`."""
    row = next((r for r in reversed(rows) if _id_row_like("".join(i.text for i in r))), None)
    pieces = row and cn_id_number.row_pieces([(i.text, i.x0, i.x1) for i in row])
    birth = date.fromisoformat(fields["dateOfBirth"]) if fields["dateOfBirth"] else None
    done = pieces and cn_id_number.complete(pieces, birth, fields["gender"])
    if done:
        fields["idNumber"], notes["idNumber"] = done


def _date_agrees(text: str, birth: date) -> bool:
    """The date row's text (look-alike letters as digits) holds the year of `birth`, or
    (BIRTH_FROM_PARTS) some digits and only pieces of `birth` as printed (1960年6月11日)."""
    if str(birth.year) in text:
        return True
    printed = f"{birth.year}年{birth.month}月{birth.day}日"
    parts = _DATE_PARTS.findall(text)
    return (BIRTH_FROM_PARTS and any(c.isdigit() for c in "".join(parts))
            and all(part in printed for part in parts))


# A validity period one of whose dates a thumb hides in part is completed when the card's
# rules leave one period that fits what was read (cn_id_validity).
VALIDITY_FROM_PARTS = True
# An authority a thumb or glare hid in part is completed where the region table proves it.
AUTHORITY_FROM_TABLE = True


def _extract_back(rows: list[list[_Item]], notes: dict[str, str]) -> dict[str, str | None]:
    fields = _empty()
    texts = ["".join(i.text for i in row) for row in rows]
    auth_row = next((r for r, t in enumerate(texts) if _starts_with_label(t, "签发机关")), -1)
    valid_row = next((r for r, t in enumerate(texts) if _starts_with_label(t, "有效期限")), -1)
    if valid_row < 0:
        valid_row = next((r for r, t in enumerate(texts) if parse_validity(t)), -1)
    if valid_row >= 0:
        fields["validityPeriod"] = parse_validity(texts[valid_row])
        if fields["validityPeriod"] is None and VALIDITY_FROM_PARTS:
            pieces = [i.text for i in rows[valid_row]]
            pieces[0] = _strip_label(pieces[0], "有效期限")
            done = cn_id_validity.complete([p for p in pieces if p], date.today())
            if done:
                fields["validityPeriod"] = done
                notes["validityPeriod"] = cn_id_validity.NOTE_HIDDEN
    if auth_row < 0:
        # No readable label: the row above the validity period that names a police office.
        above = range(valid_row - 1, -1, -1) if valid_row >= 0 else range(len(texts))
        auth_row = next((r for r in above if "公安" in texts[r] or texts[r].endswith("局")), -1)
    if auth_row >= 0:
        scale = _card_scale(rows)
        row = rows[auth_row]
        if AUTHORITY_NOTE_GUARD:
            row = _adjacent(row, scale)
        first = row[0].text
        if len(row) > 1 and len(first) <= 5 and "公安" not in first:
            value = "".join(i.text for i in row[1:])  # a garbled label box
            value_x = row[1].x0
        else:
            value = _strip_label("".join(i.text for i in row), "签发机关")
            value_x = row[1].x0 if len(row) > 1 else row[0].x1 - len(value) * scale
        end = valid_row if valid_row > auth_row else auth_row + 1
        label_x = row[0].x0
        for r in range(auth_row + 1, end):  # a long authority wraps onto a second row
            if rows[r][0].x0 <= label_x + 2 * scale:
                continue
            if AUTHORITY_NOTE_GUARD:
                wrapped = _adjacent(rows[r], scale)
                if abs(wrapped[0].x0 - value_x) > 2.5 * scale:
                    continue  # not under the value: text beside the card
                value += "".join(i.text for i in wrapped)
            else:
                value += texts[r]
        authority = _clean_value(_cjk_span(value))
        if AUTHORITY_FROM_TABLE and authority and (whole := cn_id_authority.complete(authority)):
            authority, notes["issuingAuthority"] = whole, cn_id_authority.NOTE
        fields["issuingAuthority"] = authority
    return fields


def _adjacent(row: list[_Item], scale: float) -> list[_Item]:
    """The row's boxes up to the first gap wider than three text heights (what lies
    beyond it is beside the card, not on it)."""
    kept = [row[0]]
    for item in row[1:]:
        if item.x0 - kept[-1].x1 > 3 * scale:
            break
        kept.append(item)
    return kept


def _card_rows(lines: Sequence[OcrLine]) -> tuple[list[list[_Item]], float]:
    """The lines as deskewed rows, with the skew angle they were turned back by."""
    angle = text_angle(lines)
    if abs(angle) > 25:
        angle = 0.0
    # Latin words come from the background (receipts, notes): no card field has them.
    return _rows([i for i in _items(lines, angle) if not _LATIN_WORD.search(i.text)]), angle


def extract(lines: Sequence[OcrLine]) -> Extraction:
    """Fields of the side shown by `lines` (already upright; skew up to ±20° is fine)."""
    rows, angle = _card_rows(lines)
    joined = "".join(i.text for row in rows for i in row)
    front_score = sum(lb in joined for lb in (*FRONT_LABELS, "民族", ID_LABEL))
    front_score += 3 if find_id_number(joined) else 0
    back_score = sum(lb in joined for lb in (*BACK_LABELS, *_BACK_TITLES))
    back_score += 3 if parse_validity(joined) else 0
    notes: dict[str, str] = {}
    if front_score == 0 and back_score == 0:
        return Extraction("unknown", _empty(), notes)
    if front_score >= back_score:
        fields, probe = _extract_front(rows, angle, notes)
        return Extraction("front", fields, notes, probe)
    return Extraction("back", _extract_back(rows, notes), notes)


def _address_probe(layout: _FrontLayout, kinds: list[str | None], angle: float) -> Quad | None:
    """Where one more address line would sit, when the OCR found fewer than three.

    In blurred photos the detector misses a lone last character (号, 室) wrapped onto its
    own line, while it would be read fine if asked.  Returns a quadrilateral (in the
    lines' coordinates) just below the last address line and above the ID number, wide
    enough for three characters, for the engine to read with recognition only; None
    when there is no room for another line, or no address or ID number was found.
    """
    if layout.id_item is None:
        return None
    address_rows: list[list[_Item]] = []
    for row, kind in zip(layout.rows, kinds, strict=True):
        starts = kind == "住址" and not address_rows
        if starts or (kind is None and address_rows):
            address_rows.append(row)
        elif address_rows:
            break
    if not address_rows or len(address_rows) >= 3:
        return None
    # The value column: the leftmost text that is not at the label column.
    threshold = -math.inf if layout.label_x is None else layout.label_x + 1.6 * layout.scale
    starts_x = [i.x0 for row in layout.rows for i in row if i.x0 > threshold]
    if not starts_x:
        return None
    x0 = min(starts_x)
    last = address_rows[-1]
    h = max(i.h for i in last)
    pitch = last[0].cy - address_rows[-2][0].cy if len(address_rows) >= 2 else 1.25 * h
    cy = last[-1].cy + pitch
    if cy + 0.5 * h > layout.id_item.y0 - 0.3 * h:
        return None  # no room above the ID number
    rect = (
        (x0 - 0.2 * h, cy - 0.6 * h),
        (x0 + 3.6 * h, cy - 0.6 * h),
        (x0 + 3.6 * h, cy + 0.6 * h),
        (x0 - 0.2 * h, cy + 0.6 * h),
    )
    a = math.radians(angle)
    cos, sin = math.cos(a), math.sin(a)
    return tuple((x * cos - y * sin, x * sin + y * cos) for x, y in rect)


def accept_address_tail(text: str, score: float) -> str | None:
    """The probe's reading if it looks like the end of an address (1-3 characters)."""
    text = _normalize(text)
    if score < 0.6 or not 1 <= len(text) <= 3:
        return None
    return text if re.fullmatch(r"[\u4e00-\u9fff\d]+", text) else None
