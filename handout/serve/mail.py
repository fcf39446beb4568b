"""Emailing a handout through the clinic's SMTP server (smtplib and email, no more). The
password comes from HANDOUT_SMTP_PASSWORD only; the patient's address is checked before it
reaches a header, and nothing of the message is logged or kept."""

from __future__ import annotations

import os
import smtplib
import ssl
from email.message import EmailMessage
from email.policy import SMTP

from handout.clinic import ADDRESS, Email

MAX_ADDRESS = 254  # RFC 5321's limit on a path
TIMEOUT = 20  # seconds for the whole exchange with the server


class MailError(Exception):
    """The server refused or could not be reached: one line for the page."""


def valid_address(value: str) -> bool:
    """A plain address (no display name, no second address, no line break: nothing a header
    injection could hide in)."""
    return len(value) <= MAX_ADDRESS and bool(ADDRESS.match(value))


def message(
    server: Email, to: str, subject: str, body: str, pdf: bytes, filename: str
) -> EmailMessage:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = server.sender
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(body)
    msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    return msg


def send(server: Email, msg: EmailMessage) -> None:
    """Send one message; MailError with the server's reply in one line when it fails."""
    context = ssl.create_default_context()
    try:
        if server.security == "ssl":
            client: smtplib.SMTP = smtplib.SMTP_SSL(
                server.host, server.port, timeout=TIMEOUT, context=context
            )
        else:
            client = smtplib.SMTP(server.host, server.port, timeout=TIMEOUT)
        with client:
            if server.security == "starttls":
                client.starttls(context=context)
            if server.username:
                password = os.environ.get("HANDOUT_SMTP_PASSWORD")
                if not password:
                    raise MailError("HANDOUT_SMTP_PASSWORD is not set for the mail server login")
                client.login(server.username, password)
            client.send_message(msg)
    except smtplib.SMTPResponseException as e:
        text = e.smtp_error.decode("utf-8", "replace") if isinstance(e.smtp_error, bytes) else ""
        raise MailError(f"the mail server refused: {e.smtp_code} {one_line(text)}") from None
    except smtplib.SMTPRecipientsRefused:
        raise MailError("the mail server refused the address") from None
    except (smtplib.SMTPException, OSError) as e:
        reason = one_line(str(e)) or type(e).__name__
        raise MailError(f"could not send through {server.host}:{server.port}: {reason}") from None


def one_line(text: str) -> str:
    return " ".join(text.split())[:200]
