"""National numbers with a published rule, one module per country.

Each module exposes `check(fields, today) -> list[Check]` for the document types that
carry the number, plus the bare validator the tests feed published vectors to.
"""
