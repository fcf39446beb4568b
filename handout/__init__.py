"""handout: structured patient-education content (YAML) to print-ready PDF handouts."""

import sys as _sys

__version__ = "0.1.0"

# ReportLab decides at import time whether right-to-left text is supported, by importing
# `rlbidi`; give it our python-bidi adapter unless the real one is installed.
if "rlbidi" not in _sys.modules:
    from importlib.util import find_spec as _find_spec

    if _find_spec("rlbidi") is None:
        from handout import rlbidi as _rlbidi

        _sys.modules["rlbidi"] = _rlbidi
