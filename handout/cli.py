"""The command line: `handout build`, `batch`, `watch`, `check`, `fonts`. Bad input, and an
environment that refuses (a folder that cannot be written, a full disk), exit 2 with one line."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import NoReturn

from handout import __version__
from handout.errors import HandoutError
from handout.oneshot import command_line, keep_collecting

PAPERS = ("letter", "a4")
STDIO = "-"  # as CONTENT: standard input; as -o FILE: standard output

EXAMPLES = {
    "build": """examples:
  handout build                                   content.yaml -> output/<handout>-en-letter.pdf
  handout build content.yaml --lang fr --paper a4 --large-print
  handout build content.yaml -o kineret.pdf
  handout build - -o - < content.yaml > kineret.pdf""",
    "batch": """examples:
  handout batch                                   every language, paper and print size
  handout batch content.yaml --lang fr,es --paper a4 --large-print no
  handout batch */content.yaml --out site/pdf --quiet""",
    "watch": """examples:
  handout watch content.yaml                      rebuild output/... on every save
  handout watch content.yaml --lang fr -o draft-fr.pdf""",
    "check": """examples:
  handout check content.yaml""",
    "schema": """examples:
  handout schema > content.schema.json""",
    "new": """examples:
  handout new metformin                           writes metformin.yaml to edit""",
    "serve": """examples:
  handout serve                                   the desk for this folder: http://127.0.0.1:8000
  handout serve handouts --clinic handouts/clinic.yaml
  HANDOUT_PASSWORD=... handout serve --host 0.0.0.0   on the clinic's network, with a login""",
    "translate": """examples:
  handout translate export content.yaml --lang ko     writes content.ko.xlf for the translator
  handout translate import content.ko.xlf             writes content.ko.yaml (a draft)""",
    "fonts": """examples:
  handout fonts
  HANDOUT_FONTS=~/fonts/noto-hinted handout fonts""",
}


class _Formatter(argparse.ArgumentDefaultsHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Each option's default after its help (not for flags, nor for "none"); examples kept
    line for line."""

    def _get_help_string(self, action: argparse.Action) -> str:
        if action.default in (None, False) or "(default" in (action.help or ""):
            return action.help or ""
        return super()._get_help_string(action) or ""


class _Parser(argparse.ArgumentParser):
    """Usage errors in one line, like every other error; `--help` has the rest."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, f"handout: error: {self.prog}: {message} (see {self.prog} --help)\n")


def _parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The command line. When the first argument names a command, only that command's parser
    is made: making all ten is a noticeable part of a `handout build`."""
    parser = _Parser(
        prog="handout",
        description="Turn patient-education content (YAML) into PDF handouts.",
        epilog="Run `handout COMMAND --help` for a command's options and examples.",
        formatter_class=_Formatter,
    )
    parser.add_argument("--version", action="version", version=f"handout {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    words = sys.argv[1:] if argv is None else list(argv)
    chosen = words[:1] if words and words[0] in COMMANDS else list(COMMANDS)
    for name in chosen:
        summary, arguments = COMMANDS[name]
        command = sub.add_parser(
            name, help=summary, formatter_class=_Formatter, epilog=EXAMPLES.get(name)
        )
        arguments(command)
    return parser


def _build_arguments(build: argparse.ArgumentParser) -> None:
    _build_options(build)
    _clinic_option(build)


def _batch_arguments(batch: argparse.ArgumentParser) -> None:
    batch.add_argument(
        "content", nargs="*", default=["content.yaml"], help="content files (default: content.yaml)"
    )
    batch.add_argument(
        "--lang",
        default="all",
        type=_languages,
        help="all, or a comma-separated list such as fr,es",
    )
    batch.add_argument(
        "--paper", default="letter,a4", type=_papers, help="letter, a4, or both: letter,a4"
    )
    batch.add_argument(
        "--large-print", default="both", choices=("both", "only", "no"), help="print sizes"
    )
    batch.add_argument(
        "--jobs",
        type=_positive,
        default=os.cpu_count() or 1,
        metavar="N",
        help="parallel processes (default: all cores, here %(default)s)",
    )
    batch.add_argument("--out", default="output", type=_folder, metavar="DIR", help="output folder")
    batch.add_argument("--pdfa", action="store_true", help="also make them archival PDF/A-2a")
    batch.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")
    _clinic_option(batch)


def _check_arguments(check: argparse.ArgumentParser) -> None:
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


def _new_arguments(new: argparse.ArgumentParser) -> None:
    new.add_argument("name", help="handout id and file name: lowercase letters, digits, hyphens")


def _serve_arguments(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("library", nargs="?", default=".", help="folder of content files")
    _clinic_option(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=_positive, default=8000, help="port to listen on")


def _no_arguments(command: argparse.ArgumentParser) -> None:
    """`schema` and `fonts` take none."""


def _build_options(parser: argparse.ArgumentParser) -> None:
    """The options of one build, shared by `build` and `watch`."""
    parser.add_argument(
        "content", nargs="?", default="content.yaml", help="content file (- for standard input)"
    )
    parser.add_argument("--paper", type=str.lower, choices=PAPERS, default="letter", help="paper")
    parser.add_argument("--large-print", action="store_true", help="body text 18 pt, not 13 pt")
    parser.add_argument(
        "--lang", type=_tag, metavar="LANG", help="build this translation (e.g. fr) of CONTENT"
    )
    parser.add_argument("--pdfa", action="store_true", help="also make it archival PDF/A-2a")
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--out",
        default="output",
        type=_folder,
        metavar="DIR",
        help="folder; the PDF is named <handout>-<language>-<paper>[-large].pdf",
    )
    where.add_argument(
        "-o", "--output", metavar="FILE", help="write exactly this file (- for standard output)"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print nothing but errors")


def _translate_options(parser: argparse.ArgumentParser) -> None:
    """`translate export` and `translate import` (handout/xliff.py)."""
    steps = parser.add_subparsers(dest="step", required=True, metavar="STEP")
    export = steps.add_parser("export", help="write an XLIFF 2.0 file of a master for one language")
    export.add_argument("content", help="the master content file")
    export.add_argument("--lang", type=_tag, required=True, metavar="LANG", help="target language")
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="the XLIFF file (default: <master>.<LANG>.xlf beside "
        "the master; - for standard output)",
    )
    import_ = steps.add_parser("import", help="write the translation an XLIFF file holds")
    import_.add_argument("xliff", help="the translated XLIFF file")
    import_.add_argument(
        "--out", metavar="FILE", help="the translation (default: <master>.<LANG>.yaml beside it)"
    )
    import_.add_argument(
        "--master", metavar="FILE", help="the master (default: the file the XLIFF names)"
    )
    export.epilog = """examples:
  handout translate export content.yaml --lang ko     content.ko.xlf, targets from content.ko.yaml
  handout translate export content.yaml --lang fr -o kineret-fr.xlf"""
    import_.epilog = """examples:
  handout translate import content.ko.xlf             content.ko.yaml beside content.yaml
  handout translate import ~/Downloads/ko.xlf --master content.yaml"""
    for step in (export, import_):
        step.formatter_class = _Formatter


def _clinic_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--clinic", metavar="FILE", help="clinic profile (clinic.yaml): name, logo and phone"
    )


# Each command: its line in `handout --help`, and what adds its arguments (in this order).
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "build": ("build one PDF handout", _build_arguments),
    "batch": ("build every language, paper and print size", _batch_arguments),
    "watch": ("rebuild a PDF each time its content or translation is saved", _build_options),
    "check": ("validate content and report reading level", _check_arguments),
    "schema": ("print the JSON Schema of the content format", _no_arguments),
    "new": ("write a starter handout NAME.yaml to edit", _new_arguments),
    "fonts": ("list the fonts, the scripts they draw and their licences", _no_arguments),
    "translate": ("XLIFF for translators' CAT tools: export, import", _translate_options),
    "serve": ("the clinic desk: pick, preview, print, email (web)", _serve_arguments),
}


def _tag(value: str) -> str:
    """A language tag in its usual case (fr, zh-Hant, pt-BR): tags are compared without
    regard to case, so `FR` is `fr` for build and batch alike."""
    from handout.loader import LANGUAGE

    if not LANGUAGE.match(value):
        raise argparse.ArgumentTypeError(f"not a language tag: {value!r} (e.g. fr, pt-BR)")
    first, *rest = value.split("-")
    cased = [s.title() if len(s) == 4 else s.upper() if len(s) == 2 else s.lower() for s in rest]
    return "-".join([first.lower(), *cased])


def _languages(value: str) -> list[str] | None:
    if value.lower() == "all":
        return None
    try:
        langs = [_tag(v.strip()) for v in value.split(",") if v.strip()]
    except argparse.ArgumentTypeError:
        langs = []
    if not langs:
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


def _folder(value: str) -> str:
    if value == STDIO:
        raise argparse.ArgumentTypeError(
            "'-' is not a folder (to write the PDF to standard output: build -o -)"
        )
    return value


@command_line
def main(argv: Sequence[str] | None = None) -> int:
    args = _parser(argv).parse_args(argv)
    if args.command in ("batch", "watch", "serve"):  # they run on
        keep_collecting()
    try:
        code = _run(args)
        sys.stdout.flush()  # a reader that has gone away is met here, not at exit
        return code
    except HandoutError as e:
        from handout.diagnostics import report

        # `check` is the editor's tool: every error, with its source line and caret; the others
        # show that on a terminal, and one line in a log or a pipe.
        report(e, full=args.command == "check" or sys.stderr.isatty())
        return 2
    except BrokenPipeError:  # `handout check | head -1`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # as for any tool stopped by SIGPIPE
    except KeyboardInterrupt:
        return 130
    except OSError as e:  # the environment refused: a file or folder, a device, the disk
        print(f"handout: error: {_os_error(e)}", file=sys.stderr)
        return 2
    except Exception as e:  # an internal error: a bug, not bad input
        if os.environ.get("HANDOUT_DEBUG"):
            raise
        print(f"handout: {_internal(e)}", file=sys.stderr)
        return 1


def _run(args: argparse.Namespace) -> int:
    if args.command == "build":
        return _build(args)
    if args.command == "batch":
        return _batch(args)
    if args.command == "watch":
        return _watch(args)
    if args.command == "fonts":
        return _fonts()
    if args.command == "serve":
        from handout.serve import serve

        return serve(args.library, args.clinic, args.host, args.port)
    if args.command in ("schema", "new"):
        return _editing(args)
    if args.command == "translate":
        return _translate(args)
    if args.content == STDIO:  # a master's translations are looked for beside its file
        raise HandoutError("check reads a file, not standard input: give the content file")
    return _check(args)


def _os_error(e: OSError) -> str:
    where = e.filename if e.filename is not None else "<stdout>"
    return f"{where}: {e.strerror or e}"


def _internal(e: Exception) -> str:
    return f"internal error: {type(e).__name__}: {e} (set HANDOUT_DEBUG=1 for details)"


def _build(args: argparse.Namespace) -> int:
    from handout.build import build
    from handout.diagnostics import show

    if args.output == STDIO and sys.stdout.isatty():
        raise HandoutError("<stdout>: is a terminal, not a PDF file: redirect it (> file.pdf)")
    if args.content == STDIO:
        _check_stdin(args.lang)
    built = build(
        args.content,
        args.paper,
        args.large_print,
        args.out,
        args.lang,
        args.pdfa,
        args.output,
        options=_clinic_options(args.clinic),
    )
    if not args.quiet:
        show(built.warnings, full=sys.stderr.isatty())
        if args.output != STDIO:
            print(built.path)
    return 0


def _clinic_options(clinic: str | None):
    """The options a clinic profile brings (None without one): loaded before any build."""
    if clinic is None:
        return None
    from handout.clinic import load_clinic
    from handout.options import Options

    return Options(clinic=load_clinic(clinic))


def _check_stdin(language: str | None) -> None:
    """Content from standard input has no folder, so no translation can be found beside it
    (nor its master, if it is itself a translation): say so rather than look."""
    from handout.loader import load

    doc = load(STDIO)
    if doc.translation is not None:
        raise HandoutError(
            f"{doc.path}: a translation cannot be read from standard input (its master must be "
            "beside it): give its file name"
        )
    if language and language.lower() != doc.language.lower():
        raise HandoutError(
            f"{doc.path}: --lang {language}: the content is in {doc.language!r}, and a "
            "translation is a file beside its master: give the master's file name"
        )


def _batch(args: argparse.Namespace) -> int:
    from handout.batch import batch

    sizes = {"both": [False, True], "only": [True], "no": [False]}[args.large_print]
    if args.clinic is not None:
        _clinic_options(args.clinic)  # a bad profile is one error, not one per document
    return batch(
        args.content,
        args.lang,
        args.paper,
        sizes,
        args.jobs,
        args.out,
        args.pdfa,
        args.quiet,
        clinic=args.clinic,
    )


def _watch(args: argparse.Namespace) -> int:
    import time

    from handout.build import build
    from handout.watch import watch, watched

    if STDIO in (args.content, args.output):
        raise HandoutError("watch reads and writes files: give CONTENT and -o FILE, not -")
    content = Path(args.content)
    if not content.is_file():
        raise HandoutError(f"{content}: file not found")

    def rebuild() -> None:
        """One line per rebuild; an error is reported and watching goes on."""
        stamp = time.strftime("%H:%M:%S")
        try:
            built = build(
                content, args.paper, args.large_print, args.out, args.lang, args.pdfa, args.output
            )
        except HandoutError as e:
            from handout.diagnostics import report

            report(e, full=sys.stderr.isatty())
            return
        except Exception as e:  # a bug: say so, keep watching
            print(f"handout: {_internal(e)}", file=sys.stderr, flush=True)
            return
        if args.quiet:
            return
        for warning in built.warnings:
            print(f"handout: warning: {warning}", file=sys.stderr)
        state = "built" if built.written else "unchanged"
        print(f"{stamp} {state} {built.path} ({built.pages} pages)", flush=True)

    watch(watched(content, args.lang), rebuild)
    return 0


def _fonts() -> int:
    """The font families, what they draw, their licences and files; a file missing from the
    folder (HANDOUT_FONTS pointing at an incomplete one, say) is an error."""
    from handout.fonts import (
        BUNDLED,
        CHAINS,
        DEFAULT_CHAIN,
        FAMILIES,
        FONT_DIR,
        PACKS,
        files,
        folder,
        pack_missing,
    )

    where = "bundled" if FONT_DIR == BUNDLED else "from HANDOUT_FONTS"
    print(f"fonts in {FONT_DIR} ({where})")
    missing = []
    for key, family in FAMILIES.items():
        names = files(family)
        if not family.pack:
            missing += [f for f in names if not (FONT_DIR / f).is_file()]
        languages = sorted(lang for lang, chain in CHAINS.items() if key in chain)
        if key in DEFAULT_CHAIN:
            languages = ["every language"]
        print(f"{family.name:<18} {family.scripts:<24} {family.licence}")
        print(f"{'':<18} files: {', '.join(names)}")
        print(f"{'':<18} languages: {', '.join(languages)}")
        if family.pack:  # a pack that is not installed is not an error until it is needed
            state = pack_missing(family) or f"found in {folder(family)}"
            print(f"{'':<18} font pack {PACKS[family.pack].distribution}: {state}")
    if missing:
        raise HandoutError(f"{FONT_DIR}: missing {', '.join(missing)}")
    return 0


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


def _translate(args: argparse.Namespace) -> int:
    """`translate export`: the master as XLIFF for a CAT tool; `translate import`: the
    translated XLIFF back as content.L.yaml."""
    from handout import xliff

    if args.step == "import":
        path, _ = xliff.import_(args.xliff, args.out, args.master)
        print(path)
        return 0
    data, master, filled = xliff.export(args.content, args.lang)
    if args.output == STDIO:
        sys.stdout.buffer.write(data)
        return 0
    out = (
        Path(args.output)
        if args.output
        else master.path.with_name(f"{master.path.stem}.{args.lang}.xlf")
    )
    xliff.write(out, data)
    print(out)
    if filled:
        print(f"handout: {out}: {filled} units pre-filled from the translation", file=sys.stderr)
    return 0


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
