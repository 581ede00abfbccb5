"""The document type selector: 44 types by region, searchable, remembered in settings."""

from __future__ import annotations

from typing import Any

from pictotext_desktop import catalog
from pictotext_desktop.settings import SettingsStore
from pictotext_desktop.ui.doc_type_selector import DocTypeSelector, ValueRole


def test_all_types_grouped_with_headings(qtbot: Any) -> None:
    selector = DocTypeSelector()
    qtbot.addWidget(selector)
    assert sorted(selector.values()) == sorted(catalog.values())
    assert len(selector.values()) == 44
    assert selector.value() == "cn_id_card"
    headings = [selector.itemText(r) for r in range(selector.count())
                if not selector.itemData(r, ValueRole)]
    assert len(headings) == len(catalog.grouped_by_region())


def test_search_by_typing_finds_a_type(qtbot: Any) -> None:
    selector = DocTypeSelector()
    qtbot.addWidget(selector)
    completer = selector.completer()
    completer.setCompletionPrefix("passport")
    matches = [completer.completionModel().index(r, 0).data()
               for r in range(completer.completionCount())]
    assert any("(passport)" in m for m in matches)
    completer.activated.emit(matches[0])
    assert "passport" in selector.value()


def test_choice_is_remembered(window: Any) -> None:
    window.doc_type.set_value("hk_id_card")
    assert window.store.get("document_type") == "hk_id_card"
    assert SettingsStore().get("document_type") == "hk_id_card"
