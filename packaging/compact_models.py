"""Compact copies of the on-device OCR models for the frozen bundle: float16 weights.

    python packaging/compact_models.py OUTDIR   # writes OUTDIR/*.onnx + OUTDIR/models.json

rapidocr's wheel ships its PP-OCR models with float32 weights (30 MB). Each weight tensor
is stored here as float16 followed by a Cast back to float32: ONNX Runtime folds the
Casts when it loads the model, so inference still runs in float32 and only the stored
weights are rounded (measured: the same 100 % of fields, and no loss of speed; ADR 0008).
Half-precision *compute* (onnxconverter-common's float16 conversion) would be slower on
CPUs, and int8 quantisation of the convolutions lost up to 16 % of fields.

The models converted are the ones rapidocr's default configuration loads, found by
loading it; `models.json` maps rapidocr's roles (Det, Cls, Rec) to the files, which
`pictotext_desktop.engines.local` passes as `<role>.model_path`. Needs the `onnx` package
(the dev extra), at build time only.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

MANIFEST = "models.json"
ROLES = {"Det": "text_det", "Cls": "text_cls", "Rec": "text_rec"}
SMALLEST = 16  # tensors with fewer elements (shapes, scalars) stay float32


def default_model_files() -> dict[str, Path]:
    """The model file rapidocr's default configuration loads for each role."""
    from rapidocr import RapidOCR

    ocr: Any = RapidOCR(params={"Global.log_level": "error"})
    files: dict[str, Path] = {}
    for role, attribute in ROLES.items():
        getattr(ocr, f"_load_{role.lower()}_model")()
        session = getattr(ocr, attribute).session.session  # onnxruntime.InferenceSession
        files[role] = Path(session._model_path)
    return files


def compact(source: Path, target: Path) -> None:
    """Write `source` with every float32 weight stored as float16 + Cast to float32."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    model = onnx.load(str(source))
    graph = model.graph
    initializers, casts = [], []
    for tensor in graph.initializer:
        if tensor.data_type == TensorProto.FLOAT and int(np.prod(tensor.dims)) >= SMALLEST:
            half = numpy_helper.from_array(
                numpy_helper.to_array(tensor).astype(np.float16), f"{tensor.name}__fp16")
            initializers.append(half)
            casts.append(helper.make_node("Cast", [half.name], [tensor.name],
                                          to=TensorProto.FLOAT, name=f"{tensor.name}__cast"))
        else:
            initializers.append(tensor)
    del graph.initializer[:]
    graph.initializer.extend(initializers)
    nodes = list(graph.node)
    del graph.node[:]
    graph.node.extend(casts + nodes)  # keeps the graph topologically sorted
    onnx.checker.check_model(model)
    onnx.save(model, str(target))


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(out_dir: Path) -> dict[str, Any]:
    """Compact rapidocr's default models into `out_dir`; returns the manifest written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {"files": {}, "sources": {}}
    for role, source in default_model_files().items():
        target = out_dir / source.name
        compact(source, target)
        manifest["files"][role] = target.name
        manifest["sources"][role] = {
            "name": source.name, "sha256": sha256(source),
            "bytes": source.stat().st_size, "compact_bytes": target.stat().st_size,
        }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    manifest = build(Path(argv[0]))
    for role, info in manifest["sources"].items():
        print(f"{role}: {info['name']} {info['bytes'] / 1e6:.1f} MB -> "
              f"{info['compact_bytes'] / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
