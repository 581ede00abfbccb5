"""An issuing authority read in part, completed from the region table (pure Python).

A city's police bureau prints its district offices as `<city>公安局<district>分局`
(西安市公安局雁塔分局: the district's name without its 区).  A thumb or glare over one
end of that line leaves a part the GB/T 2260 table can prove the rest of:

* the end hidden (`沈阳市公安局和`): the city read whole, and exactly one district of
  that city whose office's name starts with what was read of it;
* the city hidden (`公安局雁塔分局`, `安市公安局雁塔分局`): exactly one city having a
  district of that name, and whatever was read before 公安局 the end of its name;
* the 分 of 分局 misread as a look-alike (`芙蓉公局`), for a district of the city read.

Anything else (a county's 公安局, an office the table cannot tell, two cities with the
district) stays as read: an authority is never changed on a guess.
"""

from __future__ import annotations

import functools
import re

from pictotext_desktop.checks.cn_id import regions

NOTE = "Part of the authority was hidden or unclear; completed from the region table."
_BUREAU = "公安局"
_NOT_A_DISTRICT = ("市辖区", "市区", "郊区", "矿区")
_FEN_LOOKALIKES = "公份"  # what the recogniser reads for a half-hidden or blurred 分
_FORM = re.compile(r"^(?P<city>[\u4e00-\u9fff]*?)公安局(?P<rest>[\u4e00-\u9fff]*)$")


def _stem(district: str) -> str:
    """A district's name as its office prints it: 雁塔区 -> 雁塔, 沈北新区 -> 沈北."""
    return district[:-1].removesuffix("新")


@functools.cache
def _districts() -> dict[str, frozenset[str]]:
    """City name -> the stems of its districts (区 only: counties have a 公安局 of their
    own, not a 分局).  A municipality (北京市) is its own city."""
    table = regions()
    out: dict[str, set[str]] = {}
    for code, name in table.names.items():
        if code.endswith("00") or not name.endswith("区") or name in _NOT_A_DISTRICT:
            continue
        city = table.name(code[:4] + "00")
        if city is None or city in _NOT_A_DISTRICT:
            city = table.name(code[:2] + "0000")
        if city:
            out.setdefault(city, set()).add(_stem(name))
    return {city: frozenset(stems) for city, stems in out.items()}


def _one(found: set[str]) -> str | None:
    return next(iter(found)) if len(found) == 1 else None


def complete(authority: str) -> str | None:
    """The whole authority when what was read of it proves it (see the module's rules),
    else None (keep it as read)."""
    m = _FORM.match(authority)
    if m is None:
        return None
    city, rest = m.group("city"), m.group("rest")
    districts = _districts()
    if city in districts:
        stems = districts[city]
        if rest.endswith("分局") and rest[:-2] in stems:
            return None  # whole already
        if len(rest) >= 3 and rest[-1] == "局" and rest[-2] in _FEN_LOOKALIKES and (
                rest[:-2] in stems):
            return f"{city}{_BUREAU}{rest[:-2]}分局"
        if rest and not rest.endswith("局"):  # 和, 和平 or 和平分 of 和平分局
            stem = _one({s for s in stems if f"{s}分局".startswith(rest)})
            return f"{city}{_BUREAU}{stem}分局" if stem else None
        return None
    if rest.endswith("分局") and len(rest) >= 3:
        owner = _one({c for c, stems in districts.items() if rest[:-2] in stems})
        if owner is not None and owner.endswith(city):
            return f"{owner}{_BUREAU}{rest}"
    return None
