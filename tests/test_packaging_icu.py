"""The Linux bundle's trimmed ICU data (packaging/icu_data.py, ADR 0008's second addendum):
Qt must answer exactly as with PySide6's full data, in the app's languages and others.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROBE = Path(__file__).with_name("icu_probe.py")


def _icu_data_module() -> ModuleType:
    # By path: packaging/ is not a package (and packaging/build.py would shadow PyPA's build).
    spec = importlib.util.spec_from_file_location("icu_data", ROOT / "packaging" / "icu_data.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


icu_data = _icu_data_module()


def _qt_lib_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt" / "lib"


def _full_library() -> Path:
    libs = sorted(_qt_lib_dir().glob("libicudata.so.*"))
    if not sys.platform.startswith("linux") or not libs:
        pytest.skip("PySide6 ships its own ICU only on Linux")
    return libs[0]


def _binutils() -> None:
    missing = [t for t in ("as", "ld", "nm", "objcopy", "readelf") if shutil.which(t) is None]
    if missing:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing} are required in CI (apt-get install binutils)")
        pytest.skip(f"{missing} not installed")


def _probe(preload: Path | None) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    if preload is not None:
        env["LD_PRELOAD"] = str(preload)
    done = subprocess.run([sys.executable, str(PROBE)], capture_output=True, text=True,
                          env=env, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    answers: dict[str, object] = json.loads(done.stdout)
    return answers


def _trimmed_copy(tmp_path: Path, drop: tuple[str, ...]) -> Path:
    full = _full_library()
    soname, symbol = icu_data._dynamic(full, "readelf")
    out = tmp_path / soname
    icu_data.link_data_library(icu_data.trim(icu_data.extract_package(full), drop),
                               out, soname, symbol)
    return out


def test_rewriting_the_package_is_lossless_and_drops_only_the_unused_trees() -> None:
    _binutils()
    package = icu_data.extract_package(_full_library())
    header, items = icu_data.read_package(package)
    assert icu_data.write_package(header, items) == package
    kept = icu_data.read_package(icu_data.trim(package))[1]
    assert [name for name, _ in kept] == [
        name for name, _ in items if icu_data.tree(name) not in icu_data.UNUSED_TREES]
    trees = {icu_data.tree(name) for name, _ in kept}
    assert {"", "coll", "zone"} <= trees  # locale bundles, collation, time-zone names stay
    assert not trees & set(icu_data.UNUSED_TREES)
    assert len(icu_data.trim(package)) < len(package) * 0.6


def test_the_trimmed_package_is_what_icupkg_makes(tmp_path: Path) -> None:
    _binutils()
    icupkg = shutil.which("icupkg")
    if icupkg is None:
        pytest.skip("icupkg (icu-devtools) not installed")
    package = icu_data.extract_package(_full_library())
    _header, items = icu_data.read_package(package)
    prefix = items[0][0].split("/", 1)[0]  # icudt73l: icupkg wants the file named so
    dat = tmp_path / f"{prefix}.dat"
    dat.write_bytes(package)
    listing = tmp_path / "remove.txt"
    listing.write_text("".join(f"{name.split('/', 1)[1]}\n" for name, _ in items
                               if icu_data.tree(name) in icu_data.UNUSED_TREES))
    subprocess.run([icupkg, "-r", str(listing), str(dat)], check=True, cwd=tmp_path,
                   capture_output=True)
    assert dat.read_bytes() == icu_data.trim(package)


def test_qt_calls_only_icu_services_the_trimming_was_checked_against() -> None:
    _binutils()
    full = _full_library()
    version = full.name.rsplit(".", 1)[-1]
    qt = [p for p in sorted(_qt_lib_dir().parent.rglob("*.so*"))
          if p.is_file() and not p.name.startswith("libicu")]
    calls = icu_data.icu_calls(qt, version)
    assert "ucol_open" in calls  # the scan sees Qt Core's imports at all
    assert icu_data.unexpected_calls(calls) == set()
    assert icu_data.unexpected_calls({"ubrk_open"}) == {"ubrk_open"}


def test_qt_answers_the_same_with_the_trimmed_data(tmp_path: Path) -> None:
    _binutils()
    trimmed = _trimmed_copy(tmp_path, icu_data.UNUSED_TREES)
    assert trimmed.stat().st_size < _full_library().stat().st_size * 0.6
    full_answers, trimmed_answers = _probe(None), _probe(trimmed)
    assert full_answers.pop("icu_data") == [str(_full_library())]
    assert trimmed_answers.pop("icu_data") == [str(trimmed)]
    assert trimmed_answers == full_answers


def test_the_comparison_sees_a_trim_that_goes_too_far(tmp_path: Path) -> None:
    """Without collation and time-zone names Qt answers differently, and the probe shows it."""
    _binutils()
    too_far = _trimmed_copy(tmp_path, (*icu_data.UNUSED_TREES, "coll", "zone"))
    full_answers, answers = _probe(None), _probe(too_far)
    assert answers["collation"] != full_answers["collation"]
    assert answers["zones"] != full_answers["zones"]
