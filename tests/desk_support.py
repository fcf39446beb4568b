"""Shared by the desk's tests: a library folder, a real SMTP server (aiosmtpd) in the test
process, and the desk started as a user would (`python -m handout serve`) on a free port."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import httpx
from conftest import CONTENT, cli_command, cli_env
from test_clinic import PROFILE, write_clinic

PATIENT = "Zebediah Quillfeather"  # names that no handout or file would hold by chance
NOTES = "Xylophone-appointment on Thursday"
ADDRESS = "zebediah.q@patient.example"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def make_library(folder: Path, smtp_port: int | None = None) -> tuple[Path, Path]:
    """The repository's handout and its translations, a broken handout, a YAML file that is
    not a handout, and a clinic profile: returns (library, clinic.yaml)."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in CONTENT.parent.glob("content*.yaml"):
        shutil.copy(path, folder / path.name)
    (folder / "broken.yaml").write_text("handout: broken\nlanguage: en\ntitle: [oops\n")
    from handout.starter import starter_text

    (folder / "metformin.yaml").write_text(starter_text("metformin", "metformin.yaml"))
    (folder / "notes.yaml").write_text("just: some settings\nother: 1\n")
    text = PROFILE if smtp_port is None else PROFILE.replace("8025", str(smtp_port))
    return folder, write_clinic(folder, text)


class Mailbox:
    """An SMTP server on loopback that keeps what it receives."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.port = free_port()
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 - aiosmtpd's
        msg = message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), msg))
        return "250 OK"

    def __enter__(self) -> Mailbox:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


class Desk:
    """`handout serve` in a subprocess; its output (the server's log) goes to `log`."""

    def __init__(
        self, library: Path, clinic: Path, log: Path, env: dict | None = None, host="127.0.0.1"
    ):
        self.port, self.log = free_port(), log
        self.url = f"http://127.0.0.1:{self.port}"
        args = ["serve", library, "--clinic", clinic, "--host", host, "--port", self.port]
        self.out = log.open("wb")
        self.process = subprocess.Popen(
            cli_command(args), env=cli_env(env), stdout=self.out, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                httpx.get(self.url + "/static/desk.css", timeout=2)
                return
            except httpx.HTTPError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        self.stop()
        raise AssertionError(f"the desk did not start: {log.read_text()}")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
        self.out.close()


def pdf_text(data: bytes) -> str:
    import io

    import pypdf

    return " ".join(
        " ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(data)).pages
    )
