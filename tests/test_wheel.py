"""The built wheel ships resources/ and the app finds them from a non-editable install."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(ROOT)],
        check=True, capture_output=True, timeout=300,
    )
    (found,) = out.glob("pictotext_desktop-*.whl")
    return found


def test_wheel_contains_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in ("pictotext_desktop/resources/document_types.json",
                   "pictotext_desktop/resources/field_labels.json",
                   "pictotext_desktop/resources/gbt2260_regions.json",
                   "pictotext_desktop/cli.py"):
        assert needed in names
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_finds_resources(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(target)
    # -S: no site-packages, so only the unpacked wheel can provide pictotext_desktop.
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from pictotext_desktop import catalog;"
        "from pictotext_desktop.paths import resource_root;"
        "print(len(catalog.all_types()), resource_root())"
    )
    result = subprocess.run([sys.executable, "-S", "-c", code, str(target)],
                            capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    count, root = result.stdout.split(maxsplit=1)
    assert count == "44"
    assert root.strip().startswith(str(target))
