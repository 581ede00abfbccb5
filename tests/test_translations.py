"""The Simplified Chinese translation is complete, compiled, and actually used.

A developer who adds a UI string (or an error text) without translating it fails here:
run `python tools/update_translations.py`, translate the new entries, run it again.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from pictotext_desktop import catalog, errors, i18n
from pictotext_desktop.records import Check, Severity
from pictotext_desktop.ui import language

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import update_translations as tool  # noqa: E402

TS = ROOT / "resources" / "translations" / "pictotext_zh_CN.ts"
QM = TS.with_suffix(".qm")
HAN = range(0x4E00, 0xA000)


def has_chinese(text: str) -> bool:
    return any(ord(c) in HAN for c in text)


def ts_messages() -> list[ET.Element]:
    return list(ET.parse(TS).getroot().iter("message"))


# (a) nothing unfinished, empty, vanished or obsolete -------------------------------------
def test_ts_has_no_unfinished_empty_or_obsolete_entries() -> None:
    messages = ts_messages()
    assert len(messages) > 300
    bad = []
    for msg in messages:
        tr = msg.find("translation")
        assert tr is not None
        forms = [f.text for f in tr.iter("numerusform")] or [tr.text]
        if tr.get("type") in ("unfinished", "vanished", "obsolete") or not all(forms):
            bad.append(msg.findtext("source"))
    assert bad == []


def test_every_translation_is_chinese() -> None:
    # Catches a translation pasted in English (lrelease would happily ship it).
    # Texts of placeholders and punctuation only ("{name}, {status}") take the full-width
    # punctuation of zh-CN instead of Chinese words.
    same = {"{a} + {b}"}
    joiner = re.compile(r"(?:\{\w+\}|[\s,:;])+")
    for msg in ts_messages():
        source = msg.findtext("source") or ""
        tr = msg.find("translation")
        text = "".join(tr.itertext()) if tr is not None else ""
        if joiner.fullmatch(source):
            assert any(c in text for c in "，：；"), source
        elif source not in same:
            assert has_chinese(text), source


# (b) every string in the code is in the .ts, translated ----------------------------------
def test_code_and_translation_agree() -> None:
    messages, _notes = tool.extract()
    problems = tool.problems_in(messages)
    assert problems == [], (
        "Run `python tools/update_translations.py`, translate the new entries in "
        f"{TS.name}, run it again:\n" + "\n".join(problems)
    )


def test_check_mode_fails_for_an_untranslated_new_string(tmp_path: Path) -> None:
    messages, _ = tool.extract()
    added = tool.Message("MainWindow", "A string nobody translated", locations=[("x.py", 1)])
    problems = tool.problems_in([*messages, added])
    assert problems == [
        "missing from the .ts [MainWindow] 'A string nobody translated' (x.py:1)"
    ]


def test_extractor_sees_every_kind_of_marked_string(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    pkg = tmp_path / "pictotext_desktop"
    (pkg / "ui").mkdir(parents=True)
    (pkg / "errors.py").write_text(
        'def _(text):\n    return text\n\n'
        'class E:\n    title = _("Broken "\n              "header")\n', "utf-8")
    (pkg / "ui" / "w.py").write_text(
        "from PySide6.QtCore import QCoreApplication\n"
        "def tr(text):\n    return QCoreApplication.translate('Intake', text)\n"
        "class Win:\n"
        "    def go(self, n):\n"
        "        self.tr('Hello {name}')\n"
        "        self.tr('%n file(s)', '', n)\n"
        "        QCoreApplication.translate('Other', 'Bye')\n"
        "        tr('Wrapped')\n"
        "        self.tr(f'bad {n}')\n", "utf-8")
    monkeypatch.setattr(tool, "ROOT", tmp_path)
    messages, notes = tool.extract(pkg)
    found = {(m.context, m.source, m.numerus) for m in messages}
    assert found == {
        ("errors", "Broken header", False),
        ("Win", "Hello {name}", False),
        ("Win", "%n file(s)", True),
        ("Other", "Bye", False),
        ("Intake", "Wrapped", False),
    }
    assert any("f-string" in n and "w.py:10" in n for n in notes)


@pytest.mark.skipif(shutil.which("pyside6-lupdate") is None, reason="needs pyside6-lupdate")
def test_our_extractor_finds_everything_qts_lupdate_finds(tmp_path: Path) -> None:
    # Qt's own parser as a cross-check (it misfiles wrapper contexts, so compare sources).
    out = tmp_path / "lupdate.ts"
    ui_files = sorted(str(p) for p in (ROOT / "pictotext_desktop" / "ui").glob("*.py"))
    subprocess.run(["pyside6-lupdate", "-silent", *ui_files, "-ts", str(out)], check=True)
    theirs = {m.findtext("source") for m in ET.parse(out).getroot().iter("message")}
    ours = {m.findtext("source") for m in ts_messages()}
    assert theirs - ours == set()


# (c) placeholders survive ----------------------------------------------------------------
def test_placeholders_are_kept_exactly() -> None:
    checked = 0
    for msg in ts_messages():
        source = msg.findtext("source") or ""
        tr = msg.find("translation")
        assert tr is not None
        for form in [f.text or "" for f in tr.iter("numerusform")] or [tr.text or ""]:
            assert tool.placeholders(form) == tool.placeholders(source), (source, form)
            checked += bool(tool.placeholders(source))
    assert checked >= 30


def test_menu_mnemonics_are_kept() -> None:
    for msg in ts_messages():
        source = msg.findtext("source") or ""
        if "&" in source.replace("&&", ""):
            text = msg.findtext("translation") or ""
            assert "(&" in text, (source, text)


# (d) the committed .qm is what the .ts compiles to --------------------------------------
def test_qm_is_up_to_date(tmp_path: Path) -> None:
    fresh = tmp_path / QM.name
    tool.lrelease(TS, fresh)
    assert fresh.read_bytes() == QM.read_bytes(), "run python tools/update_translations.py"


def test_merge_keeps_every_translation_and_is_idempotent(tmp_path: Path) -> None:
    # What a re-run does, in a temp copy: nothing translated is lost, a second run is a no-op.
    messages, _ = tool.extract()
    committed = tool.read_ts(TS)
    first = tmp_path / TS.name
    first.write_text(tool.render_ts(messages, committed), "utf-8")
    assert tool.read_ts(first) == committed
    assert tool.render_ts(messages, tool.read_ts(first)) == first.read_text("utf-8")


def test_check_mode_passes_on_the_committed_files() -> None:
    run = [sys.executable, str(ROOT / "tools" / "update_translations.py"), "--check"]
    check = subprocess.run(run, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    assert check.stdout.strip().endswith("0 problem(s)")


# (e) the translation is used at run time -------------------------------------------------
@pytest.fixture
def chinese(qapp: object) -> Iterator[list[object]]:
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    assert app is not None
    translators = language.install_translators(app, "zh_CN")
    yield list(translators)
    language.remove_translators(app, translators)


def test_error_texts_are_chinese(chinese: list[object]) -> None:
    assert len(chinese) == 2  # Qt's qtbase and ours
    err = errors.NoApiKeyError()
    assert language.tr_error(err.title) == "尚未设置 PicToText API 密钥"
    for cls in (errors.InsufficientCreditsError, errors.TlsError, errors.KeyringLockedError):
        for text in (cls.title, cls.explanation, cls.action):
            assert has_chinese(language.tr_error(text)), text


def test_credentials_settings_and_engine_texts_are_chinese(chinese: list[object]) -> None:
    from pictotext_desktop import credentials, settings
    from pictotext_desktop.engines import local

    for text in [*credentials.KEYRING_HELP.values(), *credentials.LOCKED_HELP.values()]:
        assert has_chinese(language.tr_credentials(text))
    for setting in settings.SETTINGS:
        assert has_chinese(language.tr_settings(setting.help)), setting.key
    assert language.tr_engine(local.MSG_READY) == "本机识别引擎已就绪。"


def test_widget_tr_and_qt_standard_buttons_are_chinese(chinese: list[object]) -> None:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox

    from pictotext_desktop.ui.doc_type_selector import DocTypeSelector

    selector = DocTypeSelector()
    assert selector.accessibleName() == "证件类型"
    assert QCoreApplication.translate("QueueView", "waiting") == "等待中"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel is not None and "取消" in cancel.text()


def test_english_installs_nothing(qapp: object) -> None:
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    assert app is not None
    assert language.install_translators(app, "en") == []
    assert language.tr_error(errors.NoApiKeyError.title) == "No PicToText API key yet"


# (f) catalog data has Chinese for every field and type -----------------------------------
def test_every_field_and_type_has_a_chinese_name() -> None:
    types = catalog.all_types()
    assert len(types) == 44
    for doc in types:
        assert has_chinese(doc.name_zh), doc.value
        assert has_chinese(doc.region_name_zh), doc.value
        for spec in doc.fields:
            assert has_chinese(spec.label_zh), (doc.value, spec.key)
    # The wording printed on the card beats the generic label.
    assert catalog.get("cn_id_card").label("idNumber", zh=True) == "公民身份号码"
    assert catalog.get("tw_id_card").label("idNumber", zh=True) == "身分证统一编号"
    assert catalog.get("pk_id_card").label("idNumber", zh=True) == "身份证号码"


def test_display_helpers_follow_the_language() -> None:
    doc = catalog.get("passport")
    assert i18n.doc_type_name(doc, "zh_CN") == "护照"
    assert i18n.doc_type_name(doc, "en") == "Passport"
    assert i18n.region_name(doc, "zh_CN") == "国际"
    assert i18n.field_label(doc, "nationality", "zh_CN") == "国籍"
    assert i18n.field_label(doc, "nationality", "en") == "Nationality"
    check = Check("idNumber", "CHECKSUM", Severity.ERROR, "Check digit is wrong", "校验码错误")
    assert i18n.check_message(check, "zh_CN") == "校验码错误"
    assert i18n.check_message(check, "en") == "Check digit is wrong"
    assert i18n.check_message(Check("x", "Y", Severity.INFO, "Only English"), "zh_CN") == (
        "Only English")


# (g) which language a locale gets ------------------------------------------------------
@pytest.mark.parametrize(("locales", "expected"), [
    (["zh-Hans-CN", "zh-CN", "zh"], "zh_CN"),
    (["zh_CN.UTF-8"], "zh_CN"),
    (["zh-SG"], "zh_CN"),
    (["zh_TW.UTF-8"], "zh_CN"),  # Traditional: Simplified beats English (ADR 0007)
    (["zh-Hant-HK"], "zh_CN"),
    (["en-US", "zh-CN"], "en"),  # the first preference decides
    (["C", "zh_CN"], "zh_CN"),  # "C" is no preference
    (["de_DE.UTF-8"], "en"),
    (["ja-JP"], "en"),
    ([], "en"),
])
def test_system_language(locales: list[str], expected: str) -> None:
    assert i18n.resolve_language("system", locales) == expected


def test_explicit_setting_wins_over_the_system() -> None:
    assert i18n.resolve_language("en", ["zh-CN"]) == "en"
    assert i18n.resolve_language("zh_CN", ["en-US"]) == "zh_CN"


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh_CN"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_TW:en"}, "zh_CN"),
    ({"LANG": "C"}, "en"),
])
def test_system_language_from_the_real_environment(env: dict[str, str], expected: str) -> None:
    # QLocale.system() is fixed once per process, so ask a fresh one.
    import os

    clean = {k: v for k, v in os.environ.items()
             if k not in ("LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES")}
    code = "from pictotext_desktop import i18n; print(i18n.resolve_language('system'))"
    out = subprocess.run([sys.executable, "-c", code], env={**clean, **env}, cwd=ROOT,
                         capture_output=True, text=True, check=True)
    assert out.stdout.strip() == expected
