"""How the server runs: which store, who may ingest, how large a request may be."""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path

WEB_DIR = Path(__file__).resolve().parent / "web"
#: The map library and basemap files that ``scripts/build_web.sh`` puts in place.
VENDOR_DIR = WEB_DIR / "vendor"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
DEFAULT_MAX_BODY = 2 * 1024 * 1024  # a posted report is text; 2 MiB is already a long one
DEFAULT_TIME_LIMIT = 30.0  # seconds for a read; /ingest gets INGEST_TIME_LIMIT
INGEST_TIME_LIMIT = 600.0
#: Threads for the routes that query the store (and as many again for /control's kept
#: answers): more only queue for the interpreter lock, and hold a connection each.
DEFAULT_THREADS = 4
TOKEN_VAR = "FRONTWATCH_TOKEN"  # noqa: S105 (the variable's name, not a secret)
#: Where ``frontwatch serve --workers N`` hands its options (but the token) to the workers.
OPTIONS_VAR = "FRONTWATCH_SERVE_OPTIONS"


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """The store URL (``None``: $FRONTWATCH_DB or ./frontwatch.db, as the CLI); ``token``:
    the bearer token ``POST /ingest`` needs (``None``: ingest is refused); ``max_body``: the
    largest request body in bytes; ``allow_private_urls``: let ``POST /ingest?url=`` reach
    loopback, private and link-local addresses; ``web_dir``: where the map's files are;
    ``threads``: how many requests query the store at once."""

    db: str | None = None
    token: str | None = None
    max_body: int = DEFAULT_MAX_BODY
    allow_private_urls: bool = False
    time_limit: float = DEFAULT_TIME_LIMIT
    ingest_time_limit: float = INGEST_TIME_LIMIT
    web_dir: Path = WEB_DIR
    threads: int = DEFAULT_THREADS

    def to_environment(self) -> None:
        """Put these options in the environment that worker processes inherit: the token
        in ``$FRONTWATCH_TOKEN``, the rest as JSON in ``$FRONTWATCH_SERVE_OPTIONS``."""
        fields = dataclasses.asdict(self)
        token = fields.pop("token")
        fields["web_dir"] = str(self.web_dir)
        os.environ[OPTIONS_VAR] = json.dumps(fields)
        if token is not None:
            os.environ[TOKEN_VAR] = token

    @classmethod
    def from_environment(cls) -> ServeOptions:
        """The options :meth:`to_environment` put in this process's environment."""
        fields = json.loads(os.environ[OPTIONS_VAR])
        fields["web_dir"] = Path(fields["web_dir"])
        return cls(**fields, token=os.environ.get(TOKEN_VAR))
