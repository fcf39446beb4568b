"""`handout new NAME`: a starter handout to edit, using every block kind once, with comments.
It builds as is and passes `handout check` with no warnings (tests/test_starter.py)."""

from __future__ import annotations

from datetime import date
from importlib.resources import files
from pathlib import Path

from handout.catalogue import fill
from handout.errors import HandoutError
from handout.loader import ID


def starter_text(handout: str, file: str, today: date | None = None) -> str:
    """The starter content for a handout id."""
    template = files("handout").joinpath("data/starter.yaml").read_text(encoding="utf-8")
    title = handout.replace("-", " ").capitalize()
    revised = (today or date.today()).isoformat()
    return fill(template, handout=handout, title=title, date=revised, file=file)


def write_starter(name: str) -> Path:
    """Write NAME.yaml (NAME may include a folder; its last part is the handout id) and
    return its path; never overwrite a file."""
    path = Path(name if name.endswith(".yaml") else name + ".yaml")
    handout = path.name.removesuffix(".yaml")
    if not ID.match(handout):
        raise HandoutError(
            f"{name}: a handout name is lowercase letters, digits and single hyphens "
            "(e.g. metformin)"
        )
    try:
        with path.open("x", encoding="utf-8") as f:
            f.write(starter_text(handout, path.name))
    except FileExistsError:
        raise HandoutError(f"{path}: already exists (not overwritten)") from None
    except OSError as e:
        raise HandoutError(f"{path}: cannot write ({e.strerror})") from None
    return path
