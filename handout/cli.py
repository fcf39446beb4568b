"""The command line: `handout build`, `handout check`. Bad input exits 2 with one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from handout.errors import HandoutError
from handout.oneshot import command_line

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
    build.add_argument("--pdfa", action="store_true", help="also make it archival PDF/A-2a")

    batch = sub.add_parser("batch", help="build every language, paper and print size")
    batch.add_argument("content", nargs="*", default=["content.yaml"], help="content files")
    batch.add_argument(
        "--lang",
        default="all",
        type=_languages,
        help="all (default), or a comma-separated list such as fr,es",
    )
    batch.add_argument("--paper", default="letter,a4", type=_papers, help="letter,a4 (default)")
    batch.add_argument("--large-print", default="both", choices=("both", "only", "no"))
    batch.add_argument(
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="parallel processes (default: all cores)",
    )
    batch.add_argument("--out", default="output", metavar="DIR", help="output folder")
    batch.add_argument("--pdfa", action="store_true", help="also make them archival PDF/A-2a")

    check = sub.add_parser("check", help="validate content and report reading level")
    check.add_argument("content", nargs="?", default="content.yaml", help="content file")
    check.add_argument(
        "--format",
        choices=("text", "json"),
        default="text",
        help="json: the diagnostics and reading scores as one JSON object on stdout",
    )
    check.add_argument(
        "--strict", action="store_true", help="warnings fail with exit 1 (for editors' CI)"
    )

    sub.add_parser("schema", help="print the JSON Schema of the content format")

    new = sub.add_parser("new", help="write a starter handout NAME.yaml to edit")
    new.add_argument("name", help="handout id and file name: lowercase letters, digits, hyphens")
    return parser


def _languages(value: str) -> list[str] | None:
    from handout.loader import LANGUAGE

    if value == "all":
        return None
    langs = [v.strip() for v in value.split(",") if v.strip()]
    bad = [v for v in langs if not LANGUAGE.match(v)]
    if not langs or bad:
        raise argparse.ArgumentTypeError(f"not language tags: {value!r} (e.g. all, or fr,es)")
    return langs


def _papers(value: str) -> list[str]:
    papers = [v.strip().lower() for v in value.split(",") if v.strip()]
    bad = [p for p in papers if p not in PAPERS]
    if not papers or bad:
        raise argparse.ArgumentTypeError(f"unknown paper {', '.join(bad) or value!r} (letter, a4)")
    return papers


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number of 1 or more, not {value!r}")
    return number


@command_line
def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "build":
            return _build(args)
        if args.command == "batch":
            return _batch(args)
        if args.command in ("schema", "new"):
            return _editing(args)
        return _check(args)
    except HandoutError as e:
        from handout.diagnostics import report

        report(e)
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
    from handout.diagnostics import show

    built = build(args.content, args.paper, args.large_print, args.out, args.lang, args.pdfa)
    show(built.warnings)
    print(built.path)
    return 0


def _batch(args: argparse.Namespace) -> int:
    from handout.batch import batch

    sizes = {"both": [False, True], "only": [True], "no": [False]}[args.large_print]
    return batch(args.content, args.lang, args.paper, sizes, args.jobs, args.out, args.pdfa)


def _check(args: argparse.Namespace) -> int:
    """Exit 2 on any error (the file's or a translation's), 1 with --strict on warnings."""
    import json

    from handout.check import check
    from handout.diagnostics import show

    report = check(args.content)
    if args.format == "json":
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=2))
    else:
        show(report.all_diagnostics)
        if report.valid:
            print(report.text())
        if report.valid and report.problems:
            print(
                f"handout: error: {args.content}: {report.problems} translation(s) missing, "
                "invalid or not matching the master (see above)",
                file=sys.stderr,
            )
    if not report.valid or report.problems:
        return 2
    return 1 if args.strict and report.warnings else 0


def _editing(args: argparse.Namespace) -> int:
    """`handout schema` prints the content format's JSON Schema; `handout new NAME` writes a
    starter handout."""
    if args.command == "schema":
        from handout.schema import schema_text

        sys.stdout.write(schema_text())
        return 0
    from handout.starter import write_starter

    print(write_starter(args.name))
    return 0
