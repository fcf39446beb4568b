"""The content model: plain typed data after loading. Nothing downstream reads YAML again.

Its annotations are evaluated as the classes are made (no `from __future__ import
annotations`): typing.NamedTuple compiles each string annotation into a ForwardRef, which
made importing this module twice as slow, a cost every `handout` process pays at start.
"""

from datetime import date
from pathlib import Path
from typing import Literal, NamedTuple

from handout.errors import Diagnostic

CALLOUT_KINDS = ("call-doctor", "warning", "info")


class Run(NamedTuple):
    """A piece of inline text with one set of attributes."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


class Paragraph(NamedTuple):
    runs: tuple[Run, ...]
    line: int


class ItemList(NamedTuple):
    """Bullets (`numbered=False`) or steps (`numbered=True`)."""

    items: tuple[tuple[Run, ...], ...]
    numbered: bool
    line: int

    @property
    def kind(self) -> str:
        return "steps" if self.numbered else "bullets"


class Callout(NamedTuple):
    kind: Literal["call-doctor", "warning", "info"]
    title: str
    blocks: tuple[Paragraph | ItemList, ...]
    line: int


class Qr(NamedTuple):
    url: str
    caption: str
    line: int


Block = Paragraph | ItemList | Callout | Qr


def block_kind(block: Block) -> str:
    """The name a content file uses for this kind of block."""
    if isinstance(block, ItemList):
        return block.kind
    return {Paragraph: "paragraph", Callout: "callout", Qr: "qr"}[type(block)]


class Section(NamedTuple):
    id: str
    heading: str
    blocks: tuple[Block, ...]
    line: int


class Identifier(NamedTuple):
    label: str
    value: str


class Translation(NamedTuple):
    from_revised: date
    reviewed_by: str | None
    units: dict[str, str] | None = None  # unit id -> fingerprint of the master text (units.py)


class TextSpan(NamedTuple):
    """Where a piece of printed text came from, for errors found after loading."""

    field: str
    line: int
    text: str


class Handout(NamedTuple):
    path: Path
    handout: str
    language: str
    title: str
    subtitle: str | None
    revised: date
    status: Literal["approved", "draft"]
    source: str | None
    identifiers: tuple[Identifier, ...]
    sections: tuple[Section, ...]
    translation: Translation | None = None
    labels: dict[str, str] = {}
    languages: tuple[str, ...] = ()  # the translations a master expects (for check and batch)
    lines: dict[str, int] = {}  # line of each top-level field
    spans: tuple[TextSpan, ...] = ()
    warnings: tuple[Diagnostic, ...] = ()
    short_title: str | None = None  # the running title in the footer, when the title is long
    key_points: tuple[tuple[Run, ...], ...] = ()  # the main messages, in a box on page 1

    @property
    def display_title(self) -> str:
        return f"{self.title} ({self.subtitle})" if self.subtitle else self.title

    @property
    def running_title(self) -> str:
        """The handout's name in the footer of every page."""
        return self.short_title or self.title
