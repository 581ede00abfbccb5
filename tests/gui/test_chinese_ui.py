"""The whole window in Simplified Chinese when a zh_CN translator is installed.

Built the way `ui/app.py` does it (`language.install_translators` before the window), then
what a person reads is checked: menus, drop zone, engine choices, document types, field
labels, check messages, an error dialog, the open dialog's filter, Settings' choices.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel

from pictotext_desktop import errors
from pictotext_desktop.imaging import Source
from pictotext_desktop.jobs import Job, JobState
from pictotext_desktop.records import Check, Record, Severity
from pictotext_desktop.ui import language
from tests.gui.conftest import MemoryKeyring, key_status_known, make_window

HAN = range(0x4E00, 0xA000)


def has_chinese(text: str) -> bool:
    return any(ord(c) in HAN for c in text)


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    app = QCoreApplication.instance()
    assert app is not None
    installed = language.install_translators(app, "zh_CN")
    assert len(installed) == 2
    yield
    language.remove_translators(app, installed)


@pytest.fixture
def zh_window(chinese: None, qtbot: Any, store: Any, keyring_backend: MemoryKeyring,
              with_key: str) -> Iterator[Any]:
    window = make_window(qtbot, store, keyring_backend)
    with qtbot.waitSignal(window.ready, timeout=10_000):
        window.show()
    key_status_known(qtbot, window)
    yield window
    window.shutdown()


def test_language_follows_the_installed_translator(chinese: None) -> None:
    from pictotext_desktop.ui.language import current_language

    assert current_language() == "zh_CN"


def test_english_without_a_translator(qapp: Any) -> None:
    from pictotext_desktop.ui.intake import file_dialog_filter
    from pictotext_desktop.ui.language import current_language

    assert current_language() == "en"
    assert file_dialog_filter().startswith("Images (*.jpg")


def test_menus_drop_zone_and_engine_choices(zh_window: Any) -> None:
    menus = [a.text() for a in zh_window.menuBar().actions()]
    assert menus[0] == "文件(&F)"
    assert menus[-1] == "帮助(&H)"
    assert all(has_chinese(m) for m in menus)
    zone = zh_window.drop_zone
    assert zone.headline.text() == "将照片或文件夹拖到这里"
    assert zone.open_files_button.text() == "打开文件…"
    engines = [zh_window.engine_choice.itemText(i)
               for i in range(zh_window.engine_choice.count())]
    assert engines == ["自动", "PicToText 云端", "本机"]
    assert zh_window.engine_choice.itemData(0) == "auto"  # the stored value stays raw
    help_texts = [a.text() for a in (zh_window.act_about, zh_window.act_privacy,
                                     zh_window.act_log_folder)]
    assert help_texts == ["关于 PicToText Desktop(&A)", "哪些数据会离开本机(&W)",
                          "打开日志文件夹(&L)"]


def test_document_types_show_chinese_names(zh_window: Any) -> None:
    selector = zh_window.doc_type
    texts = [selector.itemText(r) for r in range(selector.count())]
    assert any(t.strip() == "护照  (passport)" for t in texts)
    assert "Passport" not in " ".join(texts)  # the English name is not shown in Chinese
    headings = [t for r, t in enumerate(texts) if not selector.itemData(r, 257)]
    assert headings and all(has_chinese(h) for h in headings)
    # Searching still finds a type by its English name.
    completer = selector.completer()
    completer.setCompletionPrefix("passport")
    assert completer.completionCount() >= 1


def test_document_types_in_english_have_no_chinese(qtbot: Any) -> None:
    from pictotext_desktop.ui.doc_type_selector import DocTypeSelector, ValueRole

    selector = DocTypeSelector()
    qtbot.addWidget(selector)
    texts = [selector.itemText(r) for r in range(selector.count())
             if selector.itemData(r, ValueRole)]
    assert "    Passport  (passport)" in texts
    assert not any(has_chinese(t) for t in texts)


def _done_job() -> Job:
    record = Record(source="card.jpg", document_type="cn_id_card", engine="local",
                    fields={"name": "张三", "idNumber": "11010519491231002X",
                            "gender": None})
    record.checks = [Check("idNumber", "CHECKSUM", Severity.ERROR,
                           "Check digit is wrong", "校验码错误")]
    return Job(source=Source(name="card.jpg", data=b""), document_type="cn_id_card",
               state=JobState.DONE, record=record)


def test_field_labels_and_check_messages_are_chinese(zh_window: Any) -> None:
    view = zh_window.result_view
    view.show_job(_done_job())
    assert view.rows["idNumber"].label.text() == "公民身份号码"
    assert view.rows["idNumber"].checks.text() == "错误：校验码错误"
    assert view.rows["idNumber"].icon.toolTip() == "错误"
    assert view.rows["gender"].edit.placeholderText() != "not read"
    assert has_chinese(view.rows["gender"].mark.text())


def test_copy_all_uses_chinese_labels(zh_window: Any) -> None:
    from PySide6.QtGui import QGuiApplication

    view = zh_window.result_view
    view.show_job(_done_job())
    view.copy_all_button.click()
    lines = QGuiApplication.clipboard().text().splitlines()
    assert "公民身份号码：11010519491231002X" in lines


def test_copy_all_in_english_keeps_english_labels(window: Any) -> None:
    from PySide6.QtGui import QGuiApplication

    view = window.result_view
    view.show_job(_done_job())
    view.copy_all_button.click()
    assert "ID number: 11010519491231002X" in QGuiApplication.clipboard().text().splitlines()


def test_field_labels_in_english_keep_the_card_wording(window: Any) -> None:
    view = window.result_view
    view.show_job(_done_job())
    label = view.rows["idNumber"].label.text()
    assert label.split("\n")[1] == "公民身份号码"
    assert not has_chinese(label.split("\n")[0])
    assert view.rows["idNumber"].checks.text() == "Error: Check digit is wrong"


def test_error_dialog_is_chinese(zh_window: Any) -> None:
    dialog = zh_window.show_error(errors.NoApiKeyError())
    assert dialog is not None
    assert dialog.windowTitle() == "尚未设置 PicToText API 密钥"
    assert dialog.title_label.text() == "尚未设置 PicToText API 密钥"
    assert has_chinese(dialog.what_label.text())
    assert has_chinese(dialog.action_label.text())
    texts = {name: b.text() for name, b in dialog.button_by_name.items()}
    assert texts["settings"] == "打开设置"
    assert texts["report"] == "复制诊断报告"
    assert texts["close"] == "关闭"
    dialog.reject()


def test_failed_job_text_in_result_and_queue_is_chinese(zh_window: Any) -> None:
    from pictotext_desktop.ui.queue_view import state_text

    job = Job(source=Source(name="x.jpg", data=b""), document_type="passport",
              state=JobState.FAILED, error=errors.NoApiKeyError())
    zh_window.result_view.show_job(job)
    message = zh_window.result_view.message.text()
    assert message.splitlines()[0] == "尚未设置 PicToText API 密钥"
    assert all(has_chinese(line) for line in message.splitlines())
    assert "尚未设置" in state_text(job)


def test_open_dialog_filter_and_engine_progress(zh_window: Any) -> None:
    from pictotext_desktop.engines import local
    from pictotext_desktop.ui.intake import file_dialog_filter

    shown = file_dialog_filter()
    assert shown.startswith("图片 (*.jpg") and shown.endswith("所有文件 (*)")
    assert language.tr_engine(local.MSG_READY) == "本机识别引擎已就绪。"


def test_settings_choices_have_translated_labels_and_raw_values(
        zh_window: Any, qtbot: Any) -> None:
    zh_window.open_settings()
    dialog = zh_window.settings_dialog
    qtbot.addWidget(dialog)
    language = dialog.editors["language"]
    assert isinstance(language, QComboBox)
    labels = [language.itemText(i) for i in range(language.count())]
    assert labels == ["跟随系统", "English", "简体中文"]
    assert [language.itemData(i) for i in range(language.count())] == [
        "system", "en", "zh_CN"]
    level = dialog.editors["log_level"]
    assert isinstance(level, QComboBox)
    assert level.currentText() == "普通" and level.currentData() == "INFO"
    engine = dialog.editors["engine"]
    assert isinstance(engine, QComboBox)
    assert [engine.itemText(i) for i in range(engine.count())] == [
        "自动", "PicToText 云端", "本机"]
    # Picking English while the screen shows Chinese: the restart note appears.
    note = dialog.findChild(QLabel, "languageRestartNote")
    assert note is not None and note.text() == "重新启动应用后生效。"
    language.setCurrentIndex(language.findData("zh_CN"))
    assert note.isHidden()
    language.setCurrentIndex(language.findData("en"))
    assert not note.isHidden()
    assert dialog.apply()
    assert zh_window.store.get("language") == "en"
    dialog.reject()


def test_log_level_change_applies_at_once(window: Any, qtbot: Any, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import logging

    from pictotext_desktop import logs

    monkeypatch.setenv(logs.LOG_DIR_ENV, str(tmp_path / "logs"))
    logs.setup("INFO")
    try:
        window.open_settings()
        dialog = window.settings_dialog
        qtbot.addWidget(dialog)
        level = dialog.editors["log_level"]
        level.setCurrentIndex(level.findData("DEBUG"))
        assert dialog.apply()
        assert logging.getLogger().level == logging.DEBUG
        assert logs.current_log_file() == tmp_path / "logs" / logs.LOG_FILE_NAME
        dialog.reject()
    finally:
        logs.shutdown()
        logging.getLogger().setLevel(logging.WARNING)
