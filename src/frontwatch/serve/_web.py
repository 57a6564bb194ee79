"""The map page at ``/`` and its files under ``/static``.

The page is static HTML; the server only marks on it whether the map library is in place
(``scripts/build_web.sh`` fetches it from the npm registry), so that without the build the
page says what is missing while the API works as ever.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from frontwatch.serve._options import ServeOptions

router = APIRouter()
LIBRARY_FILES = ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css")
_MARK = "__MAP_LIBRARY__"


def library_present(web_dir: Path) -> bool:
    """Whether the map library's files are where the page loads them from."""
    return all((web_dir / name).is_file() for name in LIBRARY_FILES)


def page_html(web_dir: Path) -> str:
    """The map page, marked ``present`` or ``missing`` for the map library."""
    html = (web_dir / "index.html").read_text(encoding="utf-8")
    return html.replace(_MARK, "present" if library_present(web_dir) else "missing")


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def index(request: Request) -> HTMLResponse:
    options: ServeOptions = request.app.state.options
    return HTMLResponse(page_html(options.web_dir), headers={"cache-control": "no-cache"})
