"""The content model: plain typed data after loading. Nothing downstream reads YAML again."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Literal

CALLOUT_KINDS = ("call-doctor", "warning", "info")


@dataclass(frozen=True)
class Run:
    """A piece of inline text with one set of attributes."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    line: int


@dataclass(frozen=True)
class ItemList:
    """Bullets (`numbered=False`) or steps (`numbered=True`)."""

    items: tuple[tuple[Run, ...], ...]
    numbered: bool
    line: int

    @property
    def kind(self) -> str:
        return "steps" if self.numbered else "bullets"


@dataclass(frozen=True)
class Callout:
    kind: Literal["call-doctor", "warning", "info"]
    title: str
    blocks: tuple[Paragraph | ItemList, ...]
    line: int


@dataclass(frozen=True)
class Qr:
    url: str
    caption: str
    line: int


Block = Paragraph | ItemList | Callout | Qr


def block_kind(block: Block) -> str:
    """The name a content file uses for this kind of block."""
    if isinstance(block, ItemList):
        return block.kind
    return {Paragraph: "paragraph", Callout: "callout", Qr: "qr"}[type(block)]


@dataclass(frozen=True)
class Section:
    id: str
    heading: str
    blocks: tuple[Block, ...]
    line: int


@dataclass(frozen=True)
class Identifier:
    label: str
    value: str


@dataclass(frozen=True)
class Translation:
    from_revised: date
    reviewed_by: str | None


@dataclass(frozen=True)
class TextSpan:
    """Where a piece of printed text came from, for errors found after loading."""

    field: str
    line: int
    text: str


@dataclass(frozen=True)
class Handout:
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
    labels: dict[str, str] = field(default_factory=dict)
    languages: tuple[str, ...] = ()  # the translations a master expects (for check and batch)
    lines: dict[str, int] = field(default_factory=dict)  # line of each top-level field
    spans: tuple[TextSpan, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def display_title(self) -> str:
        return f"{self.title} ({self.subtitle})" if self.subtitle else self.title
