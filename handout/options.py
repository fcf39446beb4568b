"""What to build, in one object passed from the CLI or the desk down to render: paper, print
size, PDF/A, the clinic profile and the patient fields (which are never stored anywhere).

Both are NamedTuples rather than frozen dataclasses: making a frozen dataclass compiles its
methods as the module is imported, several milliseconds of every `handout` process's start.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:  # a build without a clinic profile never loads its validator
    from handout.clinic import Clinic

MAX_PREPARED_FOR = 120  # characters of a patient's name
MAX_NOTES = 500  # characters of the care team's notes (the limit)


class Patient(NamedTuple):
    """The optional patient fields typed on the desk; printed on page 1, kept nowhere."""

    prepared_for: str = ""
    notes: str = ""

    def __repr__(self) -> str:  # never shown in a log or a traceback's message
        return "Patient(...)"

    def __bool__(self) -> bool:
        return bool(self.prepared_for or self.notes)


class Options(NamedTuple):
    paper: str = "letter"
    large: bool = False
    pdfa: bool = False
    clinic: Clinic | None = None
    patient: Patient = Patient()
