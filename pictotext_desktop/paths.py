"""Where the app's shipped resources and per-user files live.

Resources (document catalog, labels, region table, icons, translations) are the
top-level `resources/` folder of the source tree, installed as the package
`pictotext_desktop.resources` in a wheel, and copied beside the code in a frozen bundle.
`resource()` finds them in all three cases.
"""

from __future__ import annotations

import sys
from functools import cache
from importlib import resources as _resources
from importlib.abc import Traversable
from pathlib import Path

_SOURCE_TREE = Path(__file__).resolve().parent.parent / "resources"


@cache
def resource_root() -> Traversable:
    # A source checkout first: the resources beside the code actually imported, even when
    # another checkout is installed in editable mode.
    if (_SOURCE_TREE.parent / "pyproject.toml").is_file() and _SOURCE_TREE.is_dir():
        return _SOURCE_TREE
    try:
        root = _resources.files("pictotext_desktop.resources")
        if root.joinpath("document_types.json").is_file():
            return root
    except ModuleNotFoundError:
        pass
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        bundled = Path(frozen) / "pictotext_desktop" / "resources"
        if bundled.is_dir():
            return bundled
    return _SOURCE_TREE


def resource(name: str) -> Traversable:
    """A shipped resource by relative name, e.g. `resource("document_types.json")`."""
    node = resource_root()
    for part in name.split("/"):
        node = node.joinpath(part)
    return node


def build_flavor() -> str:
    """"full", or "cloud" for a frozen build made without the on-device engine."""
    marker = resource("build_flavor.txt")
    try:
        return marker.read_text("ascii").strip() if marker.is_file() else "full"
    except OSError:
        return "full"
