"""The synthetic cards' identities agree with the app's own checks (no rendering here)."""

from __future__ import annotations

import random
from datetime import date

from bench.cards import random_identity
from pictotext_desktop.checks import run_checks

TODAY = date(2026, 6, 1)


def test_generated_identities_pass_the_id_and_validity_checks() -> None:
    # GIVEN the identities behind 3000 seeds (29-Feb births among them)
    identities = [random_identity(random.Random(seed)) for seed in range(3000)]
    assert any((i.birth.month, i.birth.day) == (2, 29) for i in identities)
    for seed, identity in enumerate(identities):
        front, back = identity.fields("front"), identity.fields("back")
        fields = {k: front[k] if front[k] is not None else back[k] for k in front}
        # WHEN the app checks both sides together
        codes = [c.code for c in run_checks("cn_id_card", fields, TODAY)]
        # THEN the number, birth date, gender, region and validity length all agree
        bad = [c for c in codes if c == "VALIDITY_LENGTH" or c.startswith("ID_")]
        assert bad == [], (seed, bad)


def test_a_29_february_birthday_gets_a_card() -> None:
    # Seeds 846 and 2045 are born on 29 February and issued their card in a common year.
    for seed in (846, 2045):
        identity = random_identity(random.Random(seed))
        assert (identity.birth.month, identity.birth.day) == (2, 29)
        assert identity.valid_from.year % 4 != 0
