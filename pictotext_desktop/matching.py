"""What makes two results the same: the same image (a hash of the prepared upload, for
"never pay twice") and the same person (normalised ID numbers and names, for duplicate
people and search).  Qt-free and storage-free: the encrypted store (store.py) keys its
lookups by these, and `MemoryDedupe` does "never pay twice" in memory when there is none.
"""

from __future__ import annotations

import copy
import hashlib
import threading
import unicodedata

from pictotext_desktop.records import Record

MIN_ID_LENGTH = 4  # shorter "numbers" (a stray digit) never count as a person's number

# Fields that hold a number identifying the person or the document (duplicate person,
# search by number).  Document and card numbers count: the same card read twice is the
# same person.
ID_FIELDS = frozenset({
    "idNumber", "id", "identityNumber", "individualNumber", "nationalNumber",
    "nationalIdentificationNumber", "personalId", "personalIdNumber", "personalNumber",
    "residentRegistrationNumber", "cnp", "curp", "cuil", "crn", "taxCode", "passportNumber",
    "documentNumber", "documentId", "cardNumber", "licenseNumber", "licenseNo", "driverNumber",
    "vin", "vid",
})
# Fields that hold (part of) a name; given + family name pairs are indexed both ways round.
NAME_FIELDS = frozenset({
    "name", "fullName", "chineseName", "englishName", "nameEn", "nameTh", "firstName",
    "firstname", "givenName", "givenNames", "foreNames", "middleName", "lastName",
    "lastNameEn", "surname", "secondSurname", "fatherLastName", "motherLastName",
})
GIVEN_NAME_FIELDS = ("firstName", "firstname", "givenName", "givenNames", "foreNames", "nameEn")
FAMILY_NAME_FIELDS = ("lastName", "surname", "lastNameEn", "fatherLastName")


def prepared_hash(data: bytes) -> str:
    """SHA-256 of the prepared (uploaded) bytes: the same image gives the same hash."""
    return hashlib.sha256(data).hexdigest()


def normalise_id(value: str) -> str:
    """An ID number as compared: letters and digits only, upper case (NFKC first, so
    full-width digits count as digits)."""
    text = unicodedata.normalize("NFKC", value).upper()
    return "".join(ch for ch in text if ch.isalnum())


def normalise_name(value: str) -> str:
    """A name as compared: letters and digits only, case folded (NFKC first).  "Zhang San",
    "ZHANG  SAN" and "zhang-san" match; "Zhang" alone does not match "Zhang San"."""
    text = unicodedata.normalize("NFKC", value).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def person_ids(record: Record) -> set[str]:
    """The record's normalised ID numbers (see ID_FIELDS)."""
    found = set()
    for key, value in (record.fields or {}).items():
        if key in ID_FIELDS and value:
            number = normalise_id(value)
            if len(number) >= MIN_ID_LENGTH:
                found.add(number)
    return found


def person_names(record: Record) -> set[str]:
    """The record's normalised names: each name field, and given + family name both ways."""
    fields = record.fields or {}
    found = {normalise_name(v) for k, v in fields.items() if k in NAME_FIELDS and v}
    given = [normalise_name(fields[k] or "") for k in GIVEN_NAME_FIELDS if fields.get(k)]
    family = [normalise_name(fields[k] or "") for k in FAMILY_NAME_FIELDS if fields.get(k)]
    for first in given:
        for last in family:
            found.update({first + last, last + first})
    found.discard("")
    return found


class MemoryDedupe:
    """"Never pay twice" within a session kept only in memory (no keyring, or "off").

    Same hook as `ResultStore.lookup_prepared`; nothing is written anywhere.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[tuple[str, str], Record] = {}

    def remember(self, data: bytes, record: Record) -> None:
        if record.ok:
            with self._lock:
                self._seen[(record.document_type, prepared_hash(data))] = record

    def lookup_prepared(self, data: bytes, document_type: str) -> Record | None:
        """A copy of the earlier record (the caller sets its own source on it)."""
        with self._lock:
            found = self._seen.get((document_type, prepared_hash(data)))
        return copy.deepcopy(found) if found is not None else None
