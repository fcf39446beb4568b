"""The clinic desk's web app (Starlette): the library, the form, preview, download, print and
email; and its guards: login off loopback, CSRF tokens, strict headers, length and rate limits.

Patient fields (Prepared for, Notes, Patient email) come only in POST bodies, are used to build
one PDF in memory and then dropped: they are never logged, written or put in a URL."""

from __future__ import annotations

import asyncio
import base64
import hmac
import io
import logging
import secrets
import time
from collections import defaultdict, deque
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import parse_qs

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from handout.build import file_name
from handout.catalogue import fill, personal_labels
from handout.errors import HandoutError
from handout.fonts import FONT_DIR
from handout.options import MAX_NOTES, MAX_PREPARED_FOR, Options, Patient
from handout.serve.library import Entry, Language, Library
from handout.serve.mail import MailError, message, send, valid_address

HERE = Path(__file__).parent
LOG = logging.getLogger("handout.serve")
MAX_BODY = 16 << 10  # bytes of a form: every field's limit together, with room to spare
LIMITS = {
    "csrf": 100,
    "handout": 64,
    "language": 35,
    "paper": 10,
    "large": 5,
    "prepared_for": MAX_PREPARED_FOR,
    "notes": MAX_NOTES,
    "patient_email": 254,
    "action": 20,
    "password": 200,
}
LABELS = {  # the form's names, for messages
    "handout": "Handout",
    "language": "Language",
    "paper": "Paper",
    "large": "Large print",
    "prepared_for": "Prepared for",
    "notes": "Notes",
    "patient_email": "Patient email",
    "password": "Password",
}
EMAILS_PER_MINUTE = 20
LOGINS_PER_MINUTE = 5
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; frame-ancestors 'none'; "
    "base-uri 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]
PDF_HEADERS = [(b"content-security-policy", b"frame-ancestors 'none'"), *HEADERS[1:]]


class BadRequest(Exception):
    """A form or query that cannot be served: a message for the page and a 4xx status."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.status = message, status


class RateLimit:
    """At most `limit` events per minute (per key)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.events: defaultdict[str, deque[float]] = defaultdict(deque)

    def allow(self, key: str = "") -> bool:
        now, events = time.monotonic(), self.events[key]
        while events and now - events[0] > 60:
            events.popleft()
        if len(events) >= self.limit:
            return False
        events.append(now)
        return True


class Guard:
    """Pure ASGI middleware: security headers on every response and, when a password is set,
    a login before anything but the login page and the style sheet."""

    OPEN = ("/login", "/static/")

    def __init__(self, app, password: str | None) -> None:
        self.app, self.password = app, password

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(event) -> None:
            if event["type"] == "http.response.start":
                headers = list(event.get("headers", []))
                pdf = (b"content-type", b"application/pdf") in headers
                # a PDF opens in the browser's own viewer, which a page's policy would block
                extra = PDF_HEADERS if pdf else HEADERS
                event["headers"] = [*headers, *extra]
            await send(event)

        path = scope["path"]
        staff = scope.get("session", {}).get("staff")
        if self.password and not path.startswith(self.OPEN) and not staff:
            response: Response = Response("login required\n", status_code=401)
            if scope["method"] == "GET" and not path.startswith("/handouts"):
                response = RedirectResponse("/login", status_code=303)  # a person's browser
            await response(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)


def create_app(library: str | Path, options: Options, password: str | None = None) -> Starlette:
    """The desk for one folder of handouts; `password` (HANDOUT_PASSWORD) turns on login."""
    lib = Library(library, options)
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True)
    )
    emails, logins = RateLimit(EMAILS_PER_MINUTE), RateLimit(LOGINS_PER_MINUTE)
    # ReportLab and pdfium keep state in globals and one core does the work anyway: one thread
    # renders, in turn (many threads would only add memory: one malloc arena each)
    renderer = ThreadPoolExecutor(1, thread_name_prefix="handout-render")

    async def in_renderer(function, *args):
        return await asyncio.get_running_loop().run_in_executor(renderer, function, *args)

    clinic = options.clinic

    def csrf(request: Request) -> str:
        token = request.session.get("csrf")
        if not token:
            token = request.session["csrf"] = secrets.token_urlsafe(24)
        return token

    def page(request: Request, status: int = 200, **context) -> HTMLResponse:
        entries = lib.entries()
        handouts = [e for e in entries if not e.error]
        chosen = context.pop("entry", None) or _chosen(handouts, request.query_params)
        form = context.pop("form", {})
        language = form.get("language") or request.query_params.get("language", "")
        lang = chosen.language(language) if chosen else None
        if chosen and lang is None:
            lang = chosen.languages[0] if chosen.languages else None
        html = env.get_template("desk.html").render(
            clinic=clinic,
            entries=entries,
            handouts=handouts,
            chosen=chosen,
            lang=lang,
            form=form,
            csrf=csrf(request),
            login=bool(password),
            email=bool(clinic and clinic.email),
            **context,
        )
        return HTMLResponse(html, status_code=status)

    async def index(request: Request) -> Response:
        return page(request)

    async def handouts(request: Request) -> Response:
        return JSONResponse([e.as_json() for e in lib.entries()])

    async def machine_pdf(request: Request) -> Response:
        name = request.path_params["file"]
        if not name.endswith(".pdf"):
            return Response("not found\n", status_code=404, media_type="text/plain")
        paper = request.query_params.get("paper", clinic.paper if clinic else "letter")
        large = request.query_params.get("large", "0")
        if paper not in ("letter", "a4") or large not in ("0", "1"):
            return Response(
                "paper must be letter or a4, large 0 or 1\n",
                status_code=400,
                media_type="text/plain",
            )
        try:
            entry, lang = lib.find(request.path_params["handout"], name.removesuffix(".pdf"))
        except LookupError as e:
            return Response(f"{e}\n", status_code=404, media_type="text/plain")
        chosen = Options(paper=paper, large=large == "1")
        return await _pdf_response(entry, lang, chosen, "inline")

    async def render(entry: Entry, lang: Language, chosen: Options) -> tuple[bytes, int]:
        """The PDF in memory; BadRequest for what the content or the fields cannot print."""
        try:
            return await in_renderer(lib.pdf, entry, lang, chosen)
        except HandoutError as e:
            raise BadRequest(str(e), 422) from None
        except Exception as e:  # a bug; its message may quote the patient's text: not logged
            LOG.error("internal error while building a PDF: %s", type(e).__name__)
            raise BadRequest("internal error while building the PDF", 500) from None

    async def _pdf_response(entry: Entry, lang: Language, chosen: Options, how: str) -> Response:
        try:
            data, _ = await render(entry, lang, chosen)
        except BadRequest as e:
            return Response(f"{e.message}\n", status_code=e.status, media_type="text/plain")
        return _pdf(data, entry, lang, chosen, how)

    async def make(request: Request) -> Response:
        """The form's Preview, Download PDF and Print."""
        try:
            fields = await _form(request)
            entry, lang, chosen = _choice(lib, fields, clinic)
        except BadRequest as e:
            return await _refused(request, e)
        try:
            data, pages = await render(entry, lang, chosen)
        except BadRequest as e:
            return page(request, e.status, error=e.message, form=_kept(fields), entry=entry)
        action = fields.get("action", "preview")
        if action in ("download", "print"):
            return _pdf(
                data, entry, lang, chosen, "attachment" if action == "download" else "inline"
            )
        images = await in_renderer(page_images, data)
        return page(request, form=_kept(fields), entry=entry, images=images, pages=pages)

    async def email(request: Request) -> Response:
        try:
            fields = await _form(request)
            entry, lang, chosen = _choice(lib, fields, clinic)
            to = fields.get("patient_email", "").strip()
            if not to:
                raise BadRequest("Patient email: type the patient's email address")
            if not valid_address(to):
                raise BadRequest("Patient email: this is not one email address")
            if clinic is None or clinic.email is None:
                raise BadRequest("email is not set up: the clinic profile has no email section")
            if not emails.allow():
                raise BadRequest(
                    f"too many emails: at most {EMAILS_PER_MINUTE} a minute; try again soon", 429
                )
        except BadRequest as e:
            return await _refused(request, e)
        kept = _kept(fields)
        try:
            data, _ = await render(entry, lang, chosen)
        except BadRequest as e:
            return page(request, e.status, error=e.message, form=kept, entry=entry)
        words = personal_labels(lang.tag)
        values = {"title": entry.title, "clinic": clinic.name, "phone": clinic.phone}
        msg = message(
            clinic.email,
            to,
            fill(words["email_subject"], **values),
            fill(words["email_body"], **values),
            data,
            file_name(entry.id, lang.tag, chosen.paper, chosen.large),
        )
        try:
            await run_in_threadpool(send, clinic.email, msg)
        except MailError as e:
            return page(request, 502, error=f"Not sent: {e}", form=kept, entry=entry)
        return page(request, form=kept, entry=entry, sent=True)

    async def _refused(request: Request, e: BadRequest) -> Response:
        if e.status in (403, 413, 415):  # no form worth showing back
            return Response(f"{e.message}\n", status_code=e.status, media_type="text/plain")
        return page(request, e.status, error=e.message)

    async def _form(request: Request) -> dict[str, str]:
        """The form's fields, checked: its size, its type, the CSRF token, each length."""
        kind = request.headers.get("content-type", "").split(";")[0].strip()
        if kind != "application/x-www-form-urlencoded":
            raise BadRequest("send the form as application/x-www-form-urlencoded", 415)
        body = b""
        async for chunk in request.stream():
            body += chunk
            if len(body) > MAX_BODY:
                raise BadRequest(f"the form is larger than {MAX_BODY >> 10} KB", 413)
        try:
            parsed = parse_qs(
                body.decode("utf-8"),
                keep_blank_values=True,
                strict_parsing=False,
                max_num_fields=len(LIMITS),
            )
        except (UnicodeDecodeError, ValueError):
            raise BadRequest("the form is not readable", 400) from None
        fields = {k: v[-1] for k, v in parsed.items() if k in LIMITS}
        if not hmac.compare_digest(fields.get("csrf", ""), request.session.get("csrf", "-")):
            raise BadRequest("the form has expired or did not come from this desk: reload it", 403)
        for key, value in fields.items():
            if len(value) > LIMITS[key]:
                name = LABELS.get(key, key)
                raise BadRequest(f"{name}: at most {LIMITS[key]} characters ({len(value)} given)")
        return fields

    async def login(request: Request) -> Response:
        if request.method == "GET":
            html = env.get_template("login.html").render(csrf=csrf(request), clinic=clinic)
            return HTMLResponse(html)
        client = request.client.host if request.client else ""
        if not logins.allow(client):
            return _login_page(request, "too many attempts: wait a minute", 429)
        try:
            fields = await _form(request)
        except BadRequest as e:
            return _login_page(request, e.message, e.status)
        given = fields.get("password", "").encode()
        if password and hmac.compare_digest(given, password.encode()):
            request.session.clear()
            request.session["staff"] = True
            return RedirectResponse("/", status_code=303)
        return _login_page(request, "wrong password", 401)

    def _login_page(request: Request, error: str, status: int) -> HTMLResponse:
        html = env.get_template("login.html").render(csrf=csrf(request), clinic=clinic, error=error)
        return HTMLResponse(html, status_code=status)

    async def logout(request: Request) -> Response:
        try:
            await _form(request)
        except BadRequest as e:
            return await _refused(request, e)
        request.session.clear()
        return RedirectResponse("/login" if password else "/", status_code=303)

    async def failed(request: Request, exc: Exception) -> Response:
        LOG.error("internal error: %s", type(exc).__name__)  # never the message: it may quote
        return Response("internal error\n", status_code=500, media_type="text/plain")

    routes = [
        Route("/", index),
        Route("/handouts", handouts),
        Route("/handouts/{handout}/{file}", machine_pdf),
        Route("/pdf", make, methods=["POST"]),
        Route("/email", email, methods=["POST"]),
        Route("/login", login, methods=["GET", "POST"]),
        Route("/logout", logout, methods=["POST"]),
        # the handouts' own fonts draw the library's names in every script on any machine
        Mount("/static/fonts", StaticFiles(directory=FONT_DIR), name="fonts"),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    middleware = [
        Middleware(
            SessionMiddleware,
            secret_key=secrets.token_urlsafe(32),
            session_cookie="handout_desk",
            same_site="strict",
            max_age=12 * 3600,
        ),
        Middleware(Guard, password=password),
    ]
    return Starlette(routes=routes, middleware=middleware, exception_handlers={500: failed})


def _pdf(data: bytes, entry: Entry, lang: Language, chosen: Options, how: str) -> Response:
    """The PDF, named as `handout build` names it; `how`: attachment or inline."""
    name = file_name(entry.id, lang.tag, chosen.paper, chosen.large)
    return Response(
        data,
        media_type="application/pdf",
        headers={"content-disposition": f'{how}; filename="{name}"'},
    )


def _chosen(handouts: list[Entry], query) -> Entry | None:
    wanted = query.get("handout", "")
    return next((e for e in handouts if e.id == wanted), handouts[0] if handouts else None)


def _choice(lib: Library, fields: dict[str, str], clinic) -> tuple[Entry, Language, Options]:
    """The handout, language and options the form asks for; BadRequest (404/400) if not."""
    paper = fields.get("paper", "letter")
    if paper not in ("letter", "a4"):
        raise BadRequest("Paper: choose Letter or A4")
    try:
        entry, lang = lib.find(fields.get("handout", ""), fields.get("language", ""))
    except LookupError as e:
        raise BadRequest(str(e), 404) from None
    patient = Patient(fields.get("prepared_for", "").strip(), fields.get("notes", "").strip())
    for label, text in (("Prepared for", patient.prepared_for), ("Notes", patient.notes)):
        if any(ord(c) < 32 and c not in "\n\r\t" or ord(c) == 127 for c in text):
            raise BadRequest(f"{label}: control characters are not allowed")
    options = Options(paper=paper, large=fields.get("large") in ("1", "on"), patient=patient)
    return entry, lang, options


def _kept(fields: dict[str, str]) -> dict[str, str]:
    """What the form shows again after a request: every field but the token."""
    return {k: v for k, v in fields.items() if k not in ("csrf", "password")}


def page_images(data: bytes, scale: float = 1.0) -> list[str]:
    """Each page of the PDF as a PNG data: URL (never a file)."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        out = []
        for index in range(len(pdf)):
            image = pdf[index].render(scale=scale).to_pil()
            buffer = io.BytesIO()
            image.save(buffer, "PNG", compress_level=1)
            out.append("data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode())
        return out
    finally:
        pdf.close()
