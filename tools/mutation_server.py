"""A fork server for tools/mutation.py: the tests of one mutant in a fork of a process that
has already imported pytest and the libraries (ReportLab, pypdf, PyYAML, HarfBuzz...), but no
module of handout, so each mutant's tests start in a fraction of a second instead of seconds.

    python tools/mutation_server.py serve SOCKET FOLDER   # tools/mutation.py starts it
    python tools/mutation_server.py run SOCKET [--seconds N] ARGS... [--and ...]  # the runner

`run` runs pytest with each list of arguments in turn while the tests pass; it exits 0 when
they all pass and 1 otherwise: a mutant that breaks an import (pytest's exit 2, a collection
error) is killed, not a survivor. When mutmut kills `run` (a mutant's tests that hang), the
server kills that test process and all it started.
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import select
import signal
import socket
import sys

# What the tests import that does not change with a mutant: imported once, in the server.
PRELOAD = (
    "pytest",
    "_pytest.pytester",
    "_pytest.junitxml",
    "pdb",
    "asyncio",
    "anyio.pytest_plugin",
    "trio",
    "pytest_benchmark.plugin",
    "platformdirs",
    "hypothesis",
    "hypothesis.extra.pytestplugin",
    "_hypothesis_pytestplugin",
    "yaml",
    "pypdf",
    "pypdfium2",
    "pikepdf",
    "qrcode",
    "uharfbuzz",
    "bidi",
    "numpy",
    "jsonschema",
    "babel.dates",
    "reportlab.platypus",
    "reportlab.pdfbase.ttfonts",
    "reportlab.pdfbase.pdfmetrics",
    "reportlab.lib.styles",
)
SECONDS = 1800  # a command's time limit unless `--seconds N` comes before its arguments


def serve(path: str, folder: str) -> None:
    sys.dont_write_bytecode = True  # a mutant must never be read back from a stale .pyc
    for name in PRELOAD:
        with contextlib.suppress(ImportError):
            __import__(name)
    gc.freeze()  # the preloaded heap: never collected again, nor copied into each fork
    os.chdir(folder)
    sys.path.insert(0, folder)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(1)
    while True:
        conn, _ = listener.accept()
        with conn:
            seconds, args = json.loads(conn.makefile().readline())
            pid = os.fork()
            if pid == 0:
                listener.close()
                conn.close()
                _child(args, seconds)
            code = _wait(pid, conn)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)  # what the tests started and left running
            with contextlib.suppress(OSError):
                conn.sendall(b"0\n" if code == 0 else b"1\n")


def _wait(pid: int, conn: socket.socket) -> int:
    """The test process's exit code; if the client goes away first, kill the process group."""
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        readable, _, _ = select.select([conn], [], [], 0.2)
        if readable and not conn.recv(1):  # the client was killed: a timeout
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            return 1


def _child(args: list[str], seconds: int) -> None:
    """Run pytest on the mutant's code (every handout module imported afresh); never return."""
    code = 1
    try:
        os.setpgid(0, 0)  # its own group: the CLI processes the tests start die with it
        signal.alarm(seconds)  # tests that hang (a mutant's endless loop) fail
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1)
        os.dup2(devnull, 2)
        import pytest

        # its gc.collect() on the whole preloaded heap would cost a second per mutant
        code = int(pytest.main(["-p", "no:unraisableexception", *args]))
    finally:
        sys.stdout.flush()
        os._exit(code)


def run(path: str, args: list[str]) -> int:
    """Each `--and`-separated list of pytest arguments in turn, while the tests pass; one
    that starts with `--seconds N` fails after N seconds."""
    commands: list[list[str]] = [[]]
    for arg in args:
        if arg == "--and":
            commands.append([])
        else:
            commands[-1].append(arg)
    for command in commands:
        seconds = SECONDS
        if command[:1] == ["--seconds"]:
            seconds, command = int(command[1]), command[2:]
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.connect(path)
            conn.sendall(json.dumps([seconds, command]).encode() + b"\n")
            if int(conn.makefile().readline() or 1):
                return 1
    return 0


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(sys.argv[2], sys.argv[3])
    else:
        sys.exit(run(sys.argv[2], sys.argv[3:]))
