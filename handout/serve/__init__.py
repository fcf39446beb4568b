"""`handout serve`: the clinic desk, a web page where staff pick, personalise, preview, print
and email a handout (issue 10). Needs the [serve] extra: pip install "handout[serve]"."""

from __future__ import annotations

import os
from pathlib import Path

from handout.errors import HandoutError


def serve(library: str, clinic: str | None, host: str, port: int) -> int:
    """Check everything, then serve until Ctrl-C. Any address but loopback needs a staff
    password (HANDOUT_PASSWORD): the desk is then behind a login."""
    from handout.clinic import is_loopback, load_clinic
    from handout.options import Options

    folder = Path(library)
    if not folder.is_dir():
        raise HandoutError(f"{library}: not a folder of handouts")
    password = os.environ.get("HANDOUT_PASSWORD") or None
    if not is_loopback(host) and password is None:
        raise HandoutError(
            f"--host {host}: the desk is reachable from other machines there; set a staff "
            "password in HANDOUT_PASSWORD first (or serve on 127.0.0.1)"
        )
    options = Options(clinic=load_clinic(clinic) if clinic else None)
    if options.clinic is not None:
        options = Options(paper=options.clinic.paper, clinic=options.clinic)
    try:
        import uvicorn

        from handout.serve.app import create_app
    except ImportError as e:
        raise HandoutError(
            f'the desk needs the serve extra ({e.name} is missing): pip install "handout[serve]"'
        ) from None
    app = create_app(folder, options, password)
    print(f"handout desk: http://{host}:{port}/ serving {folder.resolve()}", flush=True)
    uvicorn.run(app, host=host, port=port, log_level="info", server_header=False)
    return 0
