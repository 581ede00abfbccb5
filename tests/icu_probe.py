"""Print, as JSON, what Qt answers through ICU: collation, locale case mapping, time-zone
names and converters, for the app's languages and for other desktop locales.

Run by tests/test_packaging_icu.py twice, against PySide6's full ICU data and against the
bundle's trimmed copy (LD_PRELOAD), which must give the same answers. Also prints which
ICU data library the process mapped, so the test knows the preload took effect.
"""

from __future__ import annotations

import functools
import itertools
import json
import sys
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QCollator,
    QDate,
    QDateTime,
    QLocale,
    QStringConverter,
    QStringDecoder,
    QStringEncoder,
    Qt,
    QTime,
    QTimeZone,
)

LOCALES = ["en_US", "zh_CN", "zh_TW", "de_DE", "sv_SE", "fr_FR", "ja_JP", "ko_KR", "ru_RU",
           "ar_EG", "th_TH", "tr_TR", "el_GR", "lt_LT", "es_ES", "hi_IN", "C"]
WORDS = ["Äpfel", "apple", "Zebra", "zoo", "Ångström", "öl", "oil", "file10", "file2",
         "张三", "李四", "王五", "赵六", "東京", "서울", "Москва", "ёлка", "ΑΘΗΝΑ", "İstanbul",
         "ılık", "กรุงเทพ", "القاهرة", "दिल्ली", "co-op", "coop", "Ça", "ca", "ß", "ss"]
CASE_TEXT = "İstanbul ılık ﬁ straße ΌΣΟΣ ǅ Įį̇ Ĳ Жёлтый 中文 ΑΘΗΝΑ"
ZONES = ["Asia/Shanghai", "Asia/Taipei", "Europe/Berlin", "America/New_York", "Asia/Kolkata",
         "Australia/Lord_Howe", "America/Sao_Paulo", "Africa/Cairo", "UTC"]
CODECS = ["GBK", "GB18030", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR", "ISO-2022-JP", "KOI8-R",
          "windows-1251", "ISO-8859-15", "windows-1252", "IBM037", "no-such-codec"]


def collation() -> dict[str, object]:
    out: dict[str, object] = {}
    for name in LOCALES:
        for numeric in (False, True):
            collator = QCollator(QLocale(name))
            collator.setNumericMode(numeric)
            key = f"{name}/{'numeric' if numeric else 'plain'}"
            ordered = sorted(WORDS, key=functools.cmp_to_key(collator.compare))
            out[key] = ordered
        insensitive = QCollator(QLocale(name))
        insensitive.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        out[f"{name}/case-insensitive"] = [insensitive.compare(a, b)
                                           for a, b in itertools.pairwise(WORDS)]
    return out


def case_mapping() -> dict[str, object]:
    return {name: [QLocale(name).toUpper(CASE_TEXT), QLocale(name).toLower(CASE_TEXT)]
            for name in LOCALES}


def zone_names() -> dict[str, object]:
    out: dict[str, object] = {}
    winter = QDateTime(QDate(2026, 1, 15), QTime(12, 0), QTimeZone.utc())
    summer = QDateTime(QDate(2026, 7, 15), QTime(12, 0), QTimeZone.utc())
    kinds = [QTimeZone.TimeType.StandardTime, QTimeZone.TimeType.DaylightTime,
             QTimeZone.TimeType.GenericTime]
    styles = [QTimeZone.NameType.LongName, QTimeZone.NameType.ShortName,
              QTimeZone.NameType.OffsetName, QTimeZone.NameType.DefaultName]
    for zone_id in ZONES:
        zone = QTimeZone(QByteArray(zone_id.encode()))
        for name in LOCALES:
            locale = QLocale(name)
            names = [zone.displayName(kind, style, locale) for kind in kinds for style in styles]
            names += [zone.displayName(when, style, locale)
                      for when in (winter, summer) for style in styles]
            names.append(locale.toString(summer.toTimeZone(zone), QLocale.FormatType.LongFormat))
            names.append(locale.toString(winter.toTimeZone(zone), "yyyy-MM-dd HH:mm t tttt"))
            out[f"{zone_id}/{name}"] = names
    out["ids"] = len(QTimeZone.availableTimeZoneIds())
    return out


def converters() -> dict[str, object]:
    out: dict[str, object] = {"available": sorted(QStringConverter.availableCodecs())}
    # PySide6 does not expose decoding itself: opening a converter and its canonical name
    # are the ICU calls (ucnv_open, ucnv_getName) that can be made from Python.
    for name in CODECS:
        decoder, encoder = QStringDecoder(name), QStringEncoder(name)
        out[name] = [decoder.isValid(), decoder.name(), encoder.isValid(), encoder.name()]
    return out


def mapped_icu_data() -> list[str]:
    maps = Path("/proc/self/maps").read_text(encoding="ascii", errors="replace")
    return sorted({line.split()[-1] for line in maps.splitlines() if "libicudata" in line})


def main() -> int:
    result = {"collation": collation(), "case": case_mapping(), "zones": zone_names(),
              "converters": converters(), "icu_data": mapped_icu_data()}
    json.dump(result, sys.stdout, ensure_ascii=False, indent=0, sort_keys=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
