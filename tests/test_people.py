"""Duplicate person: the store is asked once per ID number for readings before the run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from pictotext_desktop.people import BatchPeople, EarlierRuns, seen_before
from pictotext_desktop.records import Record
from pictotext_desktop.store import Sighting

NUMBER = "11010519491231002X"
START = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


class CountingStore:
    """A store's `seen_person`: one reading from an earlier run, and every reading of this
    run as the window saves it (as the real store keeps them)."""

    def __init__(self) -> None:
        self.asked = 0
        self.readings = [Sighting("old", START - timedelta(days=2), "card_12.jpg", True)]

    def seen_person(self, id_number: str) -> list[Sighting]:
        self.asked += 1
        return list(self.readings)


def record(source: str) -> Record:
    return Record(source=source, document_type="cn_id_card",
                  fields={"name": "韩梅梅", "idNumber": NUMBER})


def test_a_batch_of_one_person_asks_the_store_once() -> None:
    store = CountingStore()
    earlier = EarlierRuns(store, START)  # type: ignore[arg-type]
    batch = BatchPeople()
    for i in range(50):
        read_at = START + timedelta(seconds=i + 1)
        rec = record(f"card_{i}.jpg")
        seen = seen_before(rec, read_at, batch=batch, store=earlier, exclude_owners={i})
        assert seen is not None and seen.source == "card_12.jpg"  # the earliest: last run
        batch.add(i, rec, read_at)
        store.readings.append(Sighting(f"r{i}", read_at, f"card_{i}.jpg", False))
    assert store.asked == 1


def test_readings_of_this_run_come_from_the_batch_not_the_store() -> None:
    store = CountingStore()
    store.readings = [Sighting("now", START + timedelta(seconds=1), "card_1.jpg", False)]
    earlier = EarlierRuns(store, START)  # type: ignore[arg-type]
    found = seen_before(record("card_2.jpg"), START + timedelta(seconds=5), store=earlier)
    assert found is None  # saved in this run: only the batch index speaks for it
    earlier.forget()
    store.readings.insert(0, Sighting("old", START - timedelta(days=1), "a.jpg", True))
    found = seen_before(record("card_2.jpg"), START + timedelta(seconds=5), store=earlier)
    assert found is not None and found.source == "a.jpg"


def test_the_batch_keeps_one_reading_per_owner_and_names_the_earliest() -> None:
    batch = BatchPeople()
    for i in range(5):
        batch.add(i, record(f"card_{i}.jpg"), START + timedelta(seconds=10 + i))
    # Read again (or edited) later: owner 0's reading moves, it is not kept twice.
    batch.add(0, record("card_0.jpg"), START + timedelta(seconds=60))
    found = batch.sightings(record("new.jpg"), exclude=())
    assert [s.source for s in found] == ["card_1.jpg"]  # one per number: the earliest
    before = seen_before(record("new.jpg"), START + timedelta(seconds=11), batch=batch)
    assert before is None  # nothing earlier than 11 s but owner 1's own 11 s reading
    before = seen_before(record("new.jpg"), START + timedelta(seconds=12), batch=batch,
                         exclude_owners={1})
    assert before is None  # 1 is the record's own reading; 2 was read at 12 s, not before
    # Edited to a record without an ID number: owner 3 is no longer a sighting.
    batch.add(3, Record(source="card_3.jpg", document_type="cn_id_card", fields={"name": "x"}),
              START + timedelta(seconds=70))
    batch.add(1, Record(source="card_1.jpg", document_type="cn_id_card", fields={"name": "x"}),
              START + timedelta(seconds=71))
    found = batch.sightings(record("new.jpg"), exclude={2})
    assert [s.source for s in found] == ["card_4.jpg"]
