"""The words the tool itself prints, per language. A content file may override any of them
under `labels:`; a language missing here is an error, never a quiet fall-back to English."""

from __future__ import annotations

from handout.errors import HandoutError

KEYS = (
    "kicker",
    "page",
    "revised",
    "draft_mark",
    "draft_notice",
    "qr_hint",
    "qr_alt",
    "identifiers_sep",
    "language_name",
)

CATALOGUE: dict[str, dict[str, str]] = {
    "en": {
        "kicker": "Patient information",
        "page": "Page {page} of {pages}",
        "revised": "Revised {date}",
        "draft_mark": "DRAFT",
        "draft_notice": "Draft: not yet reviewed for use with patients",
        "qr_hint": "Scan with your phone camera, or type:",
        "qr_alt": "QR code: {caption}. Opens {url}",
        "identifiers_sep": ": ",
        "language_name": "English",
    },
}


def labels_for(language: str, overrides: dict[str, str], file: str) -> dict[str, str]:
    """The catalogue entry for a BCP 47 tag (its primary subtag), with the file's overrides."""
    base = CATALOGUE.get(language) or CATALOGUE.get(language.split("-")[0].lower())
    if base is None:
        missing = [k for k in KEYS if k not in overrides]
        if missing:
            raise HandoutError(
                f"{file}: labels: no built-in labels for language {language!r}; "
                f"give them under 'labels:' ({', '.join(missing)})"
            )
        base = {}
    return {**base, **overrides}
