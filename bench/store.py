"""Time the encrypted result store: open, one committed result, lookups, restore.

    PYTHONPATH=$PWD python3 bench/store.py [N]

Each `put` is one SQLite transaction with synchronous=FULL (an fsync per result), so its
time is mostly the disk's.  Uses a throw-away key and folder; touches no keyring.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from pictotext_desktop.records import Record
from pictotext_desktop.store import ResultStore, prepared_hash


class Key:
    def __init__(self) -> None:
        self.key = os.urandom(32)

    def load(self) -> bytes:
        return self.key

    def create(self) -> bytes:
        return self.key


def record(i: int) -> Record:
    return Record(source=f"card_{i:04d}.jpg", document_type="cn_id_card", engine="cloud",
                  fields={"name": f"Person {i}", "gender": "男", "ethnicity": "汉",
                          "dateOfBirth": "1990-01-01", "address": "北京市东城区景山前街4号" * 2,
                          "idNumber": f"11010519900101{i:04d}", "issuingAuthority": "北京市公安局",
                          "validityPeriod": "2020.01.01-2040.01.01"})


def ms(seconds: list[float]) -> str:
    return f"median {statistics.median(seconds) * 1000:.2f} ms, max {max(seconds) * 1000:.2f} ms"


def main(n: int) -> None:
    key = Key()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "results.db"
        start = time.perf_counter()
        opened = ResultStore.open(path, key, keep_history=True)
        print(f"open (new file): {(time.perf_counter() - start) * 1000:.1f} ms")
        puts = []
        for i in range(n):
            start = time.perf_counter()
            opened.put(record(i), position=i, prepared=prepared_hash(str(i).encode()))
            puts.append(time.perf_counter() - start)
        print(f"put x{n} (one transaction each, history on): {ms(puts)}")
        finds, seen = [], []
        for i in range(0, n, max(1, n // 50)):
            start = time.perf_counter()
            assert opened.find_prepared(prepared_hash(str(i).encode()), "cn_id_card")
            finds.append(time.perf_counter() - start)
            start = time.perf_counter()
            assert opened.seen_person(f"11010519900101{i:04d}")
            seen.append(time.perf_counter() - start)
        print(f"find_prepared: {ms(finds)}; seen_person: {ms(seen)}")
        opened.close()
        size = path.stat().st_size
        start = time.perf_counter()
        again = ResultStore.open(path, key, keep_history=True)
        print(f"open (existing, {n} results, {size / 1024:.0f} KiB): "
              f"{(time.perf_counter() - start) * 1000:.1f} ms")
        start = time.perf_counter()
        restored = again.restore_previous()
        print(f"restore_previous ({len(restored)} results): "
              f"{(time.perf_counter() - start) * 1000:.1f} ms")
        again.close()


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 500)
