"""The command line: `handout build`, `handout check`. Bad input exits 2 with one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from handout.errors import HandoutError

PAPERS = ("letter", "a4")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="handout", description="Turn patient-education content (YAML) into PDF handouts."
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    build = sub.add_parser("build", help="build one PDF handout")
    build.add_argument("content", nargs="?", default="content.yaml", help="content file")
    build.add_argument("--paper", choices=PAPERS, default="letter")
    build.add_argument("--large-print", action="store_true", help="body text 18 pt")
    build.add_argument("--out", default="output", metavar="DIR", help="output folder")
    build.add_argument("--lang", metavar="LANG", help="build this translation (e.g. fr)")

    check = sub.add_parser("check", help="validate content and report reading level")
    check.add_argument("content", nargs="?", default="content.yaml", help="content file")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        return _check(args)
    except HandoutError as e:
        print(f"handout: error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # an internal error: a bug, not bad input
        if os.environ.get("HANDOUT_DEBUG"):
            raise
        print(
            f"handout: internal error: {type(e).__name__}: {e} (set HANDOUT_DEBUG=1 for details)",
            file=sys.stderr,
        )
        return 1


def _build(args: argparse.Namespace) -> int:
    from handout.build import build

    built = build(args.content, args.paper, args.large_print, args.out, args.lang)
    for warning in built.warnings:
        print(f"handout: warning: {warning}", file=sys.stderr)
    print(built.path)
    return 0


def _check(args: argparse.Namespace) -> int:
    from handout.check import check

    report = check(args.content)
    print(report.text())
    return 0
