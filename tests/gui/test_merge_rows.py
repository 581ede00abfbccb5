"""Merged rows in the window: no person is lost, a merged row keeps its two sides.

The stand-in server answers each file as a front, a back or not at all (tests/merge_cases).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from pictotext_desktop.jobs import JobState
from pictotext_desktop.ui.export_dialog import ExportChoice
from tests.merge_cases import CASES, front, make_files, sources_in
from tests.stand_in_server import StandInServer


def read(window: Any, qtbot: Any, paths: list[Path]) -> None:
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.add_paths(paths)


def exported(window: Any, tmp_path: Path, name: str = "out.csv") -> list[tuple[str, ...]]:
    target = tmp_path / name
    window.ask_export = lambda count: ExportChoice(target)
    window.queue_view.clearSelection()
    assert window.export() == target
    return sources_in(target, "csv")


def row_of(window: Any, name: str) -> int:
    names = [j.source.display_name for j in window.model.jobs]
    return names.index(name)


def select(window: Any, *names: str) -> None:
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    window.queue_view.clearSelection()
    for name in names:
        window.queue_view.selectionModel().select(
            window.model.index(row_of(window, name), 0), flags)


def pair(window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> Any:
    """x_front.jpg and x_back.jpg read and merged by auto-merge; returns the merged row."""
    window.store.override("auto_merge", True)
    read(window, qtbot, make_files(CASES["true_front_and_back"], tmp_path / "in", server))
    (merged,) = [j for j in window.model.jobs if j.id in window.merge_parts]
    return merged


@pytest.mark.parametrize("case_name", list(CASES))
def test_export_has_every_person_once(window: Any, qtbot: Any, server: StandInServer,
                                      tmp_path: Path, case_name: str) -> None:
    case = CASES[case_name]
    window.store.override("auto_merge", True)
    read(window, qtbot, make_files(case, tmp_path / "in", server))
    assert sorted(exported(window, tmp_path)) == sorted(case.records)


def test_rotating_a_merged_row_unmerges_it_and_reads_its_front_again(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    merged = pair(window, qtbot, server, tmp_path)
    window.queue_view.selectRow(row_of(window, "x_front.jpg + x_back.jpg"))
    assert window.result_view.job is merged
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.result_view.rotate_right.click()
    assert merged.state == JobState.DONE and merged not in window.model.jobs
    front = next(j for j in window.model.jobs if j.source.display_name == "x_front.jpg")
    assert front.rotate == 90 and front.state == JobState.DONE
    assert not any(j.state == JobState.FAILED for j in window.model.jobs)
    # read again, auto-merge made the pair once more: one record with both sides
    assert exported(window, tmp_path) == [("x_front.jpg", "x_back.jpg")]


def test_rotating_a_merged_row_without_auto_merge_keeps_both_sides(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    merged = pair(window, qtbot, server, tmp_path)
    window.store.override("auto_merge", False)
    window.queue_view.selectRow(row_of(window, merged.source.display_name))
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.rotate_job(merged, 90)
    assert sorted(exported(window, tmp_path)) == [("x_back.jpg",), ("x_front.jpg",)]
    assert len(list(server.ocr_requests())) == 3  # only the front was sent again


def test_quitting_asks_while_a_merged_row_is_unsaved(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    merged = pair(window, qtbot, server, tmp_path)
    assert window.unsaved_results() == [merged]
    asked: list[str] = []
    window.ask_quit = lambda title, text, can_export: asked.append(text) or "cancel"
    assert window.close() is False
    assert "1 result(s) were never copied or exported" in asked[0]
    exported(window, tmp_path)
    assert window.unsaved_results() == []


def test_deleting_a_merged_row_gives_back_its_sides(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    merged = pair(window, qtbot, server, tmp_path)
    window.queue_view.selectRow(row_of(window, merged.source.display_name))
    window.act_remove.trigger()
    assert merged not in window.model.jobs and window.merge_parts == {}
    assert sorted(exported(window, tmp_path)) == [("x_back.jpg",), ("x_front.jpg",)]


def test_deleting_the_sides_keeps_the_merged_row_and_its_sides(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    merged = pair(window, qtbot, server, tmp_path)
    select(window, "x_front.jpg", "x_back.jpg")
    window.act_remove.trigger()
    assert window.model.jobs == [merged]
    assert exported(window, tmp_path) == [("x_front.jpg", "x_back.jpg")]
    window.store.override("auto_merge", False)
    with qtbot.waitSignal(window.batch_finished, timeout=20_000):
        window.rotate_job(merged, 90)
    # the sides come back as rows: nothing was lost
    assert sorted(j.source.display_name for j in window.model.jobs) == [
        "x_back.jpg", "x_front.jpg"]


def test_merge_selected_refuses_two_fronts(window: Any, qtbot: Any, server: StandInServer,
                                           tmp_path: Path) -> None:
    read(window, qtbot, make_files(CASES["two_fronts_card1_card2"], tmp_path / "in", server))
    window.queue_view.selectAll()
    assert window.merge_selected() is None
    assert "were not merged" in window.last_message
    assert "card1.jpg (a front)" in window.last_message
    assert len(window.model.jobs) == 2
    assert sorted(exported(window, tmp_path)) == [("card1.jpg",), ("card2.jpg",)]


def test_merge_selected_joins_a_front_and_a_back_by_content(
        window: Any, qtbot: Any, server: StandInServer, tmp_path: Path) -> None:
    case = CASES["true_front_and_back"]
    paths = make_files(case, tmp_path / "in", server)
    server.respond_for_file("x_back.jpg", front("李四", "11010119900101131X"))
    server.respond_for_file("x_front.jpg", dict(case.files[1][1] or {}))  # names swapped
    read(window, qtbot, paths)
    window.queue_view.selectAll()
    merged = window.merge_selected()
    assert merged is not None
    assert merged.source.display_name == "x_back.jpg + x_front.jpg"  # the front first
    assert merged.record.fields["name"] == "李四"
    select(window, "x_front.jpg", "x_back.jpg")
    assert window.merge_selected() is None and "merged already" in window.last_message
