"""The clinic profile (clinic.yaml): who hands the handout out, printed in its title block and
in every call-doctor box, and how the desk emails it. Validated like content: every error
names the file, line and field, and nothing in the file is ever interpreted as markup."""

from __future__ import annotations

import io
import ipaddress
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml

from handout.diagnostics import closest
from handout.errors import ContentError, Diagnostic
from handout.loader import _compose, read_text_file, source_lines

FIELDS = {
    "name": True,
    "phone": True,
    "after_hours": False,
    "address": False,
    "website": False,
    "logo": False,
    "paper": False,
    "email": False,
}
EMAIL_FIELDS = {"host": True, "port": False, "security": False, "sender": True, "username": False}
SECURITY = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
PAPERS = ("letter", "a4")
MAX_TEXT = 200  # characters of a name, an address or a phone line
MAX_LOGO = 2 << 20  # bytes of the logo file
MAX_LOGO_PIXELS = 4096 * 4096
PHONE = re.compile(r"[0-9A-Za-z+()./ \-]*[0-9][0-9A-Za-z+()./ \-]*\Z")
HOST = re.compile(r"[A-Za-z0-9.\-:\[\]]{1,253}\Z")
ADDRESS = re.compile(r"[^@\s<>(),;:\"\[\]\\]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+\Z")


@dataclass(frozen=True)
class Email:
    """How the desk sends: the clinic's SMTP server; the password comes from the environment."""

    host: str
    port: int
    security: str
    sender: str
    username: str | None = None


@dataclass(frozen=True)
class Clinic:
    name: str
    phone: str
    after_hours: str | None = None
    address: str | None = None
    website: str | None = None
    logo: bytes | None = None  # the PNG or JPEG file's bytes, as they are on disk
    paper: str = "letter"
    email: Email | None = None
    path: str = ""  # where it was read from, for error messages

    def texts(self) -> list[tuple[str, str]]:
        """Every printed text with its field name, for the glyph check."""
        fields = ("name", "phone", "after_hours", "address", "website")
        return [(f, getattr(self, f)) for f in fields if getattr(self, f)]


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_clinic(path: str | Path) -> Clinic:
    """Read and validate a clinic profile; every error found is reported in one ContentError."""
    path = Path(path)
    text = read_text_file(path)
    return _Reader(path, text).run()


def looks_like_clinic(path: Path) -> bool:
    """Whether a YAML file beside the handouts is a clinic profile (to skip it, not list it)."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return False
    if not isinstance(node, yaml.MappingNode):
        return False
    keys = {k.value for k, _ in node.value if isinstance(k, yaml.ScalarNode)}
    return "handout" not in keys and {"name", "phone"} <= keys


class _Reader:
    def __init__(self, path: Path, text: str) -> None:
        self.path, self.lines = path, source_lines(text)
        self.text = text
        self.errors: list[Diagnostic] = []

    def run(self) -> Clinic:
        root = _compose(self.path, self.text, self.lines)
        fields = self.mapping(root, "", FIELDS)
        values: dict[str, object] = {}
        for name in ("name", "address"):
            if name in fields:
                values[name] = self.text_field(fields[name], name)
        for name in ("phone", "after_hours"):
            if name in fields:
                values[name] = self.phone(fields[name], name)
        if "website" in fields:
            values["website"] = self.website(fields["website"])
        if "paper" in fields:
            paper = self.text_field(fields["paper"], "paper")
            if paper is not None and paper.lower() not in PAPERS:
                self.fail(fields["paper"], "paper", f"must be letter or a4, not {paper!r}")
            values["paper"] = (paper or "letter").lower()
        if "logo" in fields:
            values["logo"] = self.logo(fields["logo"])
        if "email" in fields:
            values["email"] = self.email(fields["email"])
        if self.errors:
            raise ContentError.of(sorted(self.errors, key=lambda d: (d.line or 0, d.column or 0)))
        return Clinic(**values, path=str(self.path))  # type: ignore[arg-type]

    def fail(self, node: yaml.Node, field: str, message: str, hint: str | None = None) -> None:
        mark = node.start_mark
        source = self.lines[mark.line] if mark.line < len(self.lines) else None
        self.errors.append(
            Diagnostic(
                str(self.path),
                mark.line + 1,
                field,
                message,
                "error",
                mark.column + 1,
                hint,
                source=source,
            )
        )

    def mapping(self, node: yaml.Node, field: str, fields: dict[str, bool]) -> dict:
        if not isinstance(node, yaml.MappingNode):
            raise ContentError(
                str(self.path),
                node.start_mark.line + 1,
                field or "document",
                f"must be a mapping with {', '.join(fields)}",
            )
        out: dict[str, yaml.Node] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            sub = f"{field}.{name}" if field else str(name)
            if name not in fields:
                close = closest(name, fields)
                hint = f"did you mean {close!r}?" if close else None
                self.fail(key, sub, f"unknown field (expected {', '.join(fields)})", hint)
            elif name in out:
                self.fail(key, sub, "field given twice")
            else:
                out[name] = value
        for name, required in fields.items():
            if required and name not in out:
                self.fail(
                    node, f"{field}.{name}" if field else name, f"missing required field {name!r}"
                )
        return out

    def text_field(self, node: yaml.Node, field: str) -> str | None:
        """A one-line plain text: no control or format characters, at most MAX_TEXT long."""
        if not isinstance(node, yaml.ScalarNode) or node.tag.endswith(":null"):
            self.fail(node, field, "must be text")
            return None
        value = str(node.value).strip()
        bad = next((c for c in value if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp")), None)
        if not value:
            self.fail(node, field, "must not be empty")
        elif bad:
            self.fail(node, field, f"control character U+{ord(bad):04X} is not allowed")
        elif len(value) > MAX_TEXT:
            self.fail(node, field, f"is {len(value)} characters long (at most {MAX_TEXT})")
        else:
            return value
        return None

    def phone(self, node: yaml.Node, field: str) -> str | None:
        value = self.text_field(node, field)
        if value is not None and (len(value) > 40 or not PHONE.match(value)):
            self.fail(node, field, f"{value!r} is not a phone number (digits, spaces, + - ( ) .)")
            return None
        return value

    def website(self, node: yaml.Node) -> str | None:
        value = self.text_field(node, "website")
        if value is None:
            return None
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(value)
        except ValueError:
            parts = None
        if parts is None or parts.scheme.lower() != "https" or not parts.netloc or " " in value:
            self.fail(node, "website", f"{value!r} is not an https: address")
            return None
        return value

    def logo(self, node: yaml.Node) -> bytes | None:
        """A PNG or JPEG file beside clinic.yaml, read whole: it is checked by Pillow here, and
        the same bytes are what the PDF embeds."""
        name = self.text_field(node, "logo")
        if name is None:
            return None
        if "/" in name or "\\" in name or name.startswith("."):
            self.fail(node, "logo", f"{name!r}: give a file name beside the clinic profile")
            return None
        file = self.path.parent / name
        try:
            if not file.is_file():
                self.fail(node, "logo", f"{name}: file not found beside {self.path.name}")
                return None
            if file.stat().st_size > MAX_LOGO:
                self.fail(node, "logo", f"{name}: larger than {MAX_LOGO >> 20} MB")
                return None
            data = file.read_bytes()
        except OSError as e:
            self.fail(node, "logo", f"{name}: cannot read ({e.strerror})")
            return None
        problem = image_problem(data)
        if problem:
            self.fail(node, "logo", f"{name}: {problem}")
            return None
        return data

    def email(self, node: yaml.Node) -> Email | None:
        fields = self.mapping(node, "email", EMAIL_FIELDS)
        host = self.text_field(fields["host"], "email.host") if "host" in fields else None
        if host is not None and not HOST.match(host):
            self.fail(fields["host"], "email.host", f"{host!r} is not a host name")
            host = None
        security = "starttls"
        if "security" in fields:
            given = self.text_field(fields["security"], "email.security")
            if given not in SECURITY:
                self.fail(fields["security"], "email.security", "must be starttls, ssl or none")
            else:
                security = given
        if security == "none" and host is not None and not is_loopback(host):
            self.fail(
                fields["security"],
                "email.security",
                f"none (no encryption) is allowed only for a loopback host, not {host!r}",
            )
        port = DEFAULT_PORTS[security]
        if "port" in fields:
            p = fields["port"]
            if not (
                isinstance(p, yaml.ScalarNode) and p.value.isdigit() and 0 < int(p.value) < 65536
            ):
                self.fail(p, "email.port", "must be a port number (1-65535)")
            else:
                port = int(p.value)
        sender = self.text_field(fields["sender"], "email.sender") if "sender" in fields else None
        if sender is not None and not sender_address(sender):
            self.fail(fields["sender"], "email.sender", f"{sender!r} is not an email address")
        username = None
        if "username" in fields:
            username = self.text_field(fields["username"], "email.username")
        if host is None or sender is None:
            return None
        return Email(host, port, security, sender, username)


def sender_address(value: str) -> str | None:
    """The address in `Name <address>` or a bare address, if it is one."""
    from email.utils import parseaddr

    _, address = parseaddr(value)
    return address if ADDRESS.match(address or "") else None


def image_problem(data: bytes) -> str | None:
    """Why these bytes are not a logo we embed (a PNG or JPEG Pillow reads), or None."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format not in ("PNG", "JPEG"):
                return f"is {image.format or 'an unknown'} image, not PNG or JPEG"
            if image.width * image.height > MAX_LOGO_PIXELS:
                return f"is {image.width}x{image.height} pixels (too large for a logo)"
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return "not a PNG or JPEG image Pillow can read"
    return None


def fingerprint(path: str | Path) -> bytes:
    """The profile's bytes and its logo's, for batch's "has anything changed" key."""
    clinic = load_clinic(path)
    return Path(path).read_bytes() + (clinic.logo or b"")
