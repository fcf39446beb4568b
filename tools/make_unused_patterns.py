"""Write handout/data/unused-patterns.json: the regular expressions that importing ReportLab
and PyYAML compiles and that handout never runs, each exactly as it is compiled (pattern and
flags), for handout/oneshot.py to leave uncompiled in a one-shot `handout` process.

Run from the repository root after upgrading ReportLab or PyYAML:
    python tools/make_unused_patterns.py
tests/test_pdfsize.py fails while a listed pattern no longer matches what the library compiles
(the deferral would then do nothing, and the cold start would be slow again).
"""

from __future__ import annotations

import importlib
import json
import re

from handout.oneshot import PATTERNS_FILE, UNUSED


def main() -> None:
    compiled: dict[int, tuple[str, int]] = {}
    real = re._compile  # every re.compile() goes through it: record what each one was given

    def recording(pattern, flags):
        result = real(pattern, flags)
        compiled[id(result)] = (pattern, int(flags))
        return result

    re._compile = recording
    try:
        found = []
        for module, name in UNUSED:
            holder = importlib.import_module(module)
            for part in name.split("."):
                holder = getattr(holder, part)
            pattern, flags = compiled[id(holder)]
            found.append({"module": module, "name": name, "pattern": pattern, "flags": flags})
    finally:
        re._compile = real
    text = json.dumps(found, indent=1, ensure_ascii=True) + "\n"
    PATTERNS_FILE.write_text(text, encoding="utf-8")
    print(f"{PATTERNS_FILE}: {len(found)} patterns")


if __name__ == "__main__":
    main()
