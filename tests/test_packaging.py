"""Packaging files: what desktops, installers and software centres will read.

The frozen-bundle smoke test is packaging/smoke_test.sh (a CI step), not here.
"""

from __future__ import annotations

import ast
import configparser
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PIL import Image

import pictotext_desktop

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ID = "io.pictotext.Desktop"
DESKTOP = PACKAGING / "linux" / f"{APP_ID}.desktop"
METAINFO = PACKAGING / "linux" / f"{APP_ID}.metainfo.xml"
ISS = PACKAGING / "windows" / "pictotext-desktop.iss"
SPEC = PACKAGING / "pictotext-desktop.spec"
ICONS = ROOT / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
MIME_TYPES = {"image/jpeg", "image/png", "image/webp", "image/heic", "image/heif"}
EXTENSIONS = (".jpg", ".jpeg", ".png", ".heic", ".heif", ".webp")


def tool(name: str) -> str:
    """Path of a validator; in CI a missing one is a failure, locally a skip."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required in CI (apt-get install desktop-file-utils appstream)")
        pytest.skip(f"{name} not installed")
    return path


def desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


# --- Linux ----------------------------------------------------------------------------------


def test_desktop_entry_passes_desktop_file_validate_without_any_remark() -> None:
    result = subprocess.run([tool("desktop-file-validate"), str(DESKTOP)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "", result.stdout  # not even a hint


def test_desktop_entry_opens_the_supported_photo_types_with_the_app_icon() -> None:
    entry = desktop_entry()
    assert entry["Exec"] == "pictotext-desktop %F"
    assert entry["Icon"] == APP_ID
    assert set(filter(None, entry["MimeType"].split(";"))) == MIME_TYPES
    assert entry["Terminal"] == "false"


def test_metainfo_passes_appstreamcli_validate_offline() -> None:
    result = subprocess.run([tool("appstreamcli"), "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True, check=False)
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert not re.search(r"^[EW]: ", output, re.MULTILINE), output


def test_metainfo_matches_the_desktop_entry_and_the_package_version() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == DESKTOP.name
    assert {m.text for m in root.iterfind("provides/mediatype")} == MIME_TYPES
    assert root.find("content_rating[@type='oars-1.1']") is not None
    newest = root.find("releases/release")
    assert newest is not None
    # A version bump without release notes would ship a software-centre page out of date.
    assert newest.get("version") == pictotext_desktop.__version__
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date", ""))
    shots = [i.text or "" for i in root.iterfind("screenshots/screenshot/image")]
    assert shots and all(s.startswith("https://") for s in shots)


def test_install_script_installs_a_valid_menu_entry_and_every_icon_then_removes_them(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "PREFIX": str(tmp_path), "EXEC": "/opt/Pic To Text/pictotext-desktop"}
    script = PACKAGING / "linux" / "install.sh"
    done = subprocess.run(["sh", str(script)], env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    share = tmp_path / "share"
    installed = share / "applications" / DESKTOP.name
    assert (share / "metainfo" / METAINFO.name).read_bytes() == METAINFO.read_bytes()
    assert (share / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    for size in SIZES:
        assert (share / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png").is_file()
    # A path with spaces is quoted so the menu entry actually starts the bundle.
    entry = desktop_entry(installed)
    assert entry["Exec"] == '"/opt/Pic To Text/pictotext-desktop" %F'
    if shutil.which("desktop-file-validate"):
        check = subprocess.run(["desktop-file-validate", str(installed)],
                               capture_output=True, text=True, check=False)
        assert check.returncode == 0, check.stdout

    removed = subprocess.run(["sh", str(script), "--uninstall"], env=env,
                             capture_output=True, text=True, check=False)
    assert removed.returncode == 0, removed.stderr
    leftovers = [p for p in share.rglob(f"{APP_ID}*") if p.is_file()]
    assert leftovers == []


# --- icons ----------------------------------------------------------------------------------


@pytest.mark.parametrize("size", SIZES)
def test_png_icon_exists_at_its_hicolor_size(size: int) -> None:
    path = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
    with Image.open(path) as im:
        assert im.format == "PNG"
        assert im.size == (size, size)
        assert im.mode == "RGBA"
        alpha = im.getchannel("A")
        # Transparent corners (rounded tile), opaque middle: a real rendering, not a blank.
        assert alpha.getpixel((0, 0)) == 0
        assert alpha.getpixel((size // 2, size // 2)) == 255


def test_scalable_icon_is_a_square_svg() -> None:
    root = ET.parse(ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    _x, _y, width, height = (float(v) for v in root.attrib["viewBox"].split())
    assert width == height


def test_windows_icon_holds_every_size_explorer_asks_for() -> None:
    with Image.open(ICONS / f"{APP_ID}.ico") as ico:
        assert ico.format == "ICO"
        sizes = ico.info["sizes"]
    assert {(s, s) for s in (16, 24, 32, 48, 64, 128, 256)} <= set(sizes)


# --- Windows --------------------------------------------------------------------------------


def iss_sections() -> dict[str, list[str]]:
    """Lines per [Section] of the Inno Setup script, comments and blanks dropped."""
    sections: dict[str, list[str]] = {}
    current = ""
    for raw in ISS.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        match = re.fullmatch(r"\[(\w+)\]", line)
        if match:
            current = match.group(1)
            sections.setdefault(current, [])
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_inno_setup_installs_per_user_without_admin_and_takes_the_version_from_the_build() -> None:
    text = ISS.read_text(encoding="utf-8-sig")
    setup = iss_sections()["Setup"]
    assert "PrivilegesRequired=lowest" in setup
    assert "AppVersion={#AppVersion}" in setup
    assert "DefaultDirName={autopf}\\{#AppName}" in setup
    assert "ChangesAssociations=yes" in setup
    assert any(line.startswith("AppId={{") for line in setup)
    # No version literal: the only source is /DAppVersion from packaging/build.py.
    assert "#error" in text and "#ifndef AppVersion" in text
    assert not re.search(r"AppVersion=\d", text)
    assert (ICONS / f"{APP_ID}.ico").is_file()
    assert "SetupIconFile={#RepoRoot}\\resources\\icons\\io.pictotext.Desktop.ico" in setup


def test_inno_setup_has_start_menu_entry_optional_associations_and_clean_uninstall() -> None:
    sections = iss_sections()
    assert any(line.startswith('Name: "{autoprograms}\\{#AppName}"') for line in sections["Icons"])
    tasks = [line for line in sections["Tasks"] if line.startswith('Name: "associate"')]
    assert tasks and "unchecked" in tasks[0]  # opt-in
    registry = sections["Registry"]
    assert all(line.startswith("Root: HKA;") for line in registry)  # HKCU when per-user
    assert all("Tasks: associate" in line for line in registry)
    for ext in EXTENSIONS:
        assert any(f"Software\\Classes\\{ext}\\OpenWithProgids" in line
                   and "uninsdeletevalue" in line for line in registry), ext
    assert any("uninsdeletekey" in line for line in registry)
    assert any(line.startswith("Source:") and "recursesubdirs" in line
               for line in sections["Files"])


# --- PyInstaller spec and scripts -----------------------------------------------------------


def test_spec_is_python_and_builds_a_windowed_one_folder_app_without_upx() -> None:
    source = SPEC.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(SPEC))
    calls = {node.func.id: node for node in ast.walk(tree)
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
    for name in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE"):
        assert name in calls, name
    # The windowed app is `exe = EXE(...)`; on Windows a console twin follows it.
    exe = next(node.value for node in ast.walk(tree)
               if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call)
               and any(isinstance(t, ast.Name) and t.id == "exe" for t in node.targets))
    keywords = {kw.arg: kw.value for kw in exe.keywords}
    assert isinstance(keywords["console"], ast.Constant) and keywords["console"].value is False
    assert isinstance(keywords["exclude_binaries"], ast.Constant)  # one-folder
    assert "upx=True" not in source
    assert 'collect_data_files("rapidocr"' in source
    assert 'collect_dynamic_libs("onnxruntime")' in source
    assert "pictotext_desktop.__version__" in source


def test_spec_declares_the_macos_bundle_identity_and_document_types() -> None:
    source = SPEC.read_text(encoding="utf-8")
    assert 'BUNDLE_ID = "io.pictotext.Desktop"' in source
    assert '"NSHighResolutionCapable": True' in source
    for uti in ("public.jpeg", "public.png", "public.heic", "org.webmproject.webp"):
        assert f'"{uti}"' in source, uti


@pytest.mark.parametrize("script", ["macos/build_dmg.sh", "smoke_test.sh", "linux/install.sh"])
def test_shell_scripts_parse_and_are_executable(script: str) -> None:
    path = PACKAGING / script
    assert os.access(path, os.X_OK)
    shell = "sh" if script.endswith("install.sh") else "bash"
    result = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0, result.stderr


def test_dmg_script_packs_only_icon_sizes_that_are_committed() -> None:
    # iconutil fails on a missing file; every <n>x<n> the script copies must exist.
    text = (PACKAGING / "macos" / "build_dmg.sh").read_text(encoding="utf-8")
    match = re.search(r"for pt in ([\d ]+); do", text)
    assert match is not None
    for pt in (int(v) for v in match.group(1).split()):
        for size in (pt, pt * 2):
            assert (ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png").is_file()
