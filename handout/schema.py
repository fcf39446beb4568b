"""The JSON Schema (draft 2020-12) of the content format, for editors: VS Code and other
editors with the YAML language server autocomplete fields and flag mistakes as one types.

The schema is package data (handout/data/content.schema.json), written by hand to match the
loader; tests/test_schema.py checks the two agree. The loader checks more than a schema can
(unique section ids, link URLs inside text, drawable characters, translations against their
master), so `handout check` stays the judge.
"""

from __future__ import annotations

from importlib.resources import files


def schema_text() -> str:
    """The schema, as shipped."""
    return files("handout").joinpath("data/content.schema.json").read_text(encoding="utf-8")
