"""A cheap look at a content file's top-level `handout:` and `language:` values, before (or
without) loading it: enough to name the PDF a build would write, so that a build that fails
while loading can still remove an older PDF of that name, and to tell a translation file
(`content.fr.yaml` saying `language: fr`) from a backup copy (`content.bak.yaml`).

Only plain values at the start of a line are read, and only values that are valid ids and
language tags are returned: what this finds is never trusted for anything but those two uses.
"""

from __future__ import annotations

import re
import stat
from pathlib import Path

from handout.loader import ID, LANGUAGE, MAX_ID

_TOP = re.compile(r"""^(handout|language):[ \t]*(["']?)([^"'#\s]+)\2[ \t]*(?:#.*)?$""", re.M)
_HEAD = 1 << 16  # both fields sit near the top; never read a huge file whole


def top_values(path: Path) -> dict[str, str]:
    """The file's `handout` and `language` values, when they are plainly written and valid."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return {}
        with path.open("rb") as f:
            head = f.read(_HEAD).decode("utf-8", "replace")
    except OSError:
        return {}
    out: dict[str, str] = {}
    for name, _, value in _TOP.findall(head):
        pattern = ID if name == "handout" else LANGUAGE
        if name not in out and len(value) <= MAX_ID and pattern.match(value):
            out[name] = value
    return out
