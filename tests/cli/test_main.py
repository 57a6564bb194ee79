"""The frontwatch command: ingest, docs, show, export, exit codes."""

from __future__ import annotations

import importlib
import io
import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
import sqlalchemy as sa
from typer.testing import CliRunner

from frontwatch import process
from frontwatch.claims import EXTRACTOR as ENGLISH_EXTRACTOR
from frontwatch.claims import ClaimExtractor, Extraction
from frontwatch.claims.cyrillic import EXTRACTOR as CYRILLIC_EXTRACTOR
from frontwatch.cli import app
from frontwatch.export import EXPORTS, ExportFormat
from frontwatch.ingest.fetch import DEFAULT_DEADLINE
from frontwatch.model import Document
from frontwatch.read import DEFAULT_MODEL
from frontwatch.read.language import detect_language
from frontwatch.store import open_store
from tests.serve.serve_helpers import build_store

runner = CliRunner()


def _jsonl(path: Path, reports: list[dict[str, str]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in reports), encoding="utf-8")
    return path


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    return _jsonl(
        tmp_path / "reports.jsonl",
        [
            {
                "id": "r1",
                "outlet": "Kharkiv Monitor",
                "published": "2022-09-08",
                "title": "One",
                "text": "Ukrainian troops entered Balakliia on Thursday.",
            },
            {
                "id": "r2",
                "outlet": "Demo Wire",
                "published": "2022-09-10",
                "title": "Two",
                "text": "Russian forces withdrew from Izium on Saturday.",
            },
        ],
    )


def _ingest(corpus: Path, db: str, *extra: str) -> str:
    result = runner.invoke(
        app, ["ingest", str(corpus), "--db", db, "--no-claims", "--json", *extra]
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_prints_a_json_summary(corpus: Path, db_url: str) -> None:
    last = json.loads(_ingest(corpus, db_url).splitlines()[-1])
    assert last["summary"]["ingested"] == 2
    again = json.loads(_ingest(corpus, db_url).splitlines()[-1])
    assert (again["summary"]["ingested"], again["summary"]["unchanged"]) == (0, 2)


def test_ingest_with_a_bad_file_exits_1_and_names_it(
    corpus: Path, tmp_path: Path, db_url: str
) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"id": "x", "text": "cut', encoding="utf-8")
    result = runner.invoke(
        app, ["ingest", str(corpus), str(bad), "--db", db_url, "--no-claims", "--json"]
    )
    assert result.exit_code == 1
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert any("broken.json" in line.get("failed", "") for line in lines)
    assert lines[-1]["summary"]["ingested"] == 2


def test_ingest_of_hostile_inputs_names_each_failure_and_exits_1(
    hostile_folder: Path, db_url: str
) -> None:
    result = runner.invoke(app, ["ingest", str(hostile_folder), "--db", db_url, "--no-claims"])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        "8 ingested, 0 revised, 0 duplicates, 0 unchanged, 0 skipped, 5 failed"
    )
    unwrapped = "".join(result.stderr.split())  # the console wraps long lines
    named = ("b-long-number.jsonl:2", "c-telegram.json", "f-loop-a", "f-loop-b", "i-surrogate")
    assert unwrapped.count("failed[E101]") == 5
    assert all(f"hostile/{name}" in unwrapped for name in named), result.stderr


def test_urls_to_private_addresses_are_refused_unless_allowed(db_url: str) -> None:
    url = "http://169.254.169.254/latest/meta-data/"
    result = runner.invoke(app, ["ingest", url, "--db", db_url, "--no-claims", "--json"])
    assert result.exit_code == 1
    failure = json.loads(result.stdout.splitlines()[0])
    assert (failure["failed"], failure["reason"]) == (
        url,
        "could not fetch: refused: 169.254.169.254 is a link-local address;"
        " pass --allow-private-urls to allow it",
    )


def test_docs_json_fields_and_filters(corpus: Path, db_url: str) -> None:
    _ingest(corpus, db_url)
    result = runner.invoke(app, ["docs", "--db", db_url, "--json", "--outlet", "kharkiv"])
    (row,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert set(row) == {
        "id",
        "url",
        "outlet",
        "published",
        "title",
        "language",
        "detected_language",
        "chars",
    }
    assert (row["id"], row["chars"]) == (
        "r1",
        len("Ukrainian troops entered Balakliia on Thursday."),
    )
    result = runner.invoke(app, ["docs", "--db", db_url, "--json", "--since", "2022-09-09"])
    assert [json.loads(line)["id"] for line in result.stdout.splitlines()] == ["r2"]


def test_show_and_missing_document(corpus: Path, db_url: str) -> None:
    _ingest(corpus, db_url)
    shown = runner.invoke(app, ["show", "r2", "--db", db_url, "--json"])
    assert json.loads(shown.stdout)["text"] == "Russian forces withdrew from Izium on Saturday."
    missing = runner.invoke(app, ["show", "nope", "--db", db_url])
    assert missing.exit_code == 3
    assert "nope" in missing.stderr


@pytest.mark.parametrize("what", ["claims", "control"])
def test_export_of_an_unprocessed_store_writes_an_empty_file(
    what: str, corpus: Path, db_url: str, tmp_path: Path
) -> None:
    _ingest(corpus, db_url)
    target = tmp_path / f"{what}.jsonl"
    result = runner.invoke(app, ["export", what, "-o", str(target), "--db", db_url])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == ""


def test_export_rejects_unknown_targets(db_url: str) -> None:
    assert runner.invoke(app, ["export", "everything", "--db", db_url]).exit_code == 2


def test_unopenable_store_exits_4(corpus: Path) -> None:
    db = "sqlite:////no-such-folder-fw/x.db"
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db, "--no-claims"])
    assert result.exit_code == 4
    assert "does not exist" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["docs"],
        ["show", "r1"],
        ["claims"],
        ["control"],
        ["timeline", "Izium"],
        ["events"],
        ["places", "mentions", "r1"],
        ["process"],
        ["fuse", "--rebuild"],
        ["export", "claims"],
    ],
)
@pytest.mark.parametrize("form", ["path", "url"])
def test_a_read_command_on_a_missing_sqlite_file_is_no_store_not_an_empty_one(
    command: list[str], form: str, tmp_path: Path
) -> None:
    path = tmp_path / "tpyo.db"
    db = str(path) if form == "path" else f"sqlite:///{path}"
    result = runner.invoke(app, [*command, "--db", db])
    assert (result.exit_code, _flat(result.stderr)) == (
        4,
        _flat(f"error: no store at {path} (check --db or $FRONTWATCH_DB)"),
    )
    assert not path.exists()


def test_ingest_creates_a_new_store_and_says_so_once(corpus: Path, store_url: str) -> None:
    first = runner.invoke(app, ["ingest", str(corpus), "--db", store_url, "--no-claims"])
    again = runner.invoke(app, ["ingest", str(corpus), "--db", store_url, "--no-claims"])
    assert (first.exit_code, again.exit_code) == (0, 0)
    assert "created a new store at" in first.stderr
    assert "created" not in again.stderr
    assert runner.invoke(app, ["docs", "--db", store_url, "--json"]).stdout.count("\n") == 2


#: A channel that mixes languages, post by post: (message id, text, language, places claimed).
MIXED_CHANNEL = [
    (11, "Минулої доби ворог обстріляв Херсон та Берислав.", "uk", {"Kherson", "Beryslav"}),
    (12, "Российские войска заняли Купянск после долгих боёв.", "ru", {"Kupiansk"}),
    (13, "Ukrainian forces retook Izium on Saturday, the General Staff said.", "en", {"Izium"}),
    (14, "Взяли Кліщіївку", "uk", {"Klishchiivka"}),  # short: by its letters
    (15, "Наши взяли Бахмут", "ru", {"Bakhmut"}),  # short: by «наши»
]


def _telegram_export(path: Path) -> Path:
    messages: list[dict[str, object]] = [
        {"id": 10, "type": "service", "date": "2023-09-16T08:00:00", "action": "pin_message"}
    ]
    for msg_id, text, _, _ in MIXED_CHANNEL:
        words = text.split(" ")  # the export's entity form: plain strings and a bold word
        body = [" ".join(words[:-1]) + " ", {"type": "bold", "text": words[-1]}]
        messages.append(
            {"id": msg_id, "type": "message", "date": "2023-09-17T09:30:00", "text": body}
        )
    export = {"name": "Front Notes", "type": "public_channel", "id": 777, "messages": messages}
    path.write_text(json.dumps(export, ensure_ascii=False), encoding="utf-8")
    return path


def test_a_telegram_channel_of_mixed_languages_is_read_post_by_post(
    tmp_path: Path, store_url: str
) -> None:
    export = _telegram_export(tmp_path / "result.json")
    result = runner.invoke(app, ["ingest", str(export), "--db", store_url, "--json"])
    assert result.exit_code == 0, result.output
    store = open_store(store_url)
    try:
        for msg_id, text, language, places in MIXED_CHANNEL:
            doc = store.get_document(f"tg-777-{msg_id}")
            assert doc is not None and doc.text == text
            assert detect_language(doc.text).code == language
            claims = store.claims(doc=doc.id)
            reader = CYRILLIC_EXTRACTOR if language in ("uk", "ru") else ENGLISH_EXTRACTOR
            assert {c.extractor for c in claims} == {reader}, text
            assert {c.place.name for c in claims if c.place} == places, text
            for claim in claims:  # every span points into the post's own text
                span = claim.evidence
                assert doc.text[span.start : span.end] == span.text
    finally:
        store.close()


@pytest.mark.parametrize("command", [["docs"], ["show", "r1"], ["claims"], ["events"]])
def test_a_read_command_on_a_database_without_a_store_is_an_error_naming_it(
    command: list[str], store_url: str
) -> None:
    """Regression: a --db naming an empty SQLite file or another PostgreSQL database was
    migrated into an empty store and listed nothing with exit 0."""
    if store_url.startswith("sqlite"):
        Path(store_url.removeprefix("sqlite:///")).touch()
    result = runner.invoke(app, [*command, "--db", store_url])
    shown_url = sa.engine.make_url(store_url).database or ""
    assert result.exit_code == 4
    assert "nofrontwatchstoreat" in _flat(result.stderr)
    assert _flat(shown_url) in _flat(result.stderr)
    engine = sa.create_engine(store_url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.connect() as conn:
        assert sa.inspect(conn).get_table_names() == []
    engine.dispose()


@pytest.mark.parametrize("url", ["postgresq://fw@127.0.0.1:1/fw", "postgresql://fw@127.0.0.1:1/fw"])
def test_a_read_command_on_a_misspelt_or_unreachable_url_names_it(url: str) -> None:
    result = runner.invoke(app, ["docs", "--db", url])
    assert result.exit_code == 4
    assert "cannotopenstore" in _flat(result.stderr)
    assert "127.0.0.1:1/fw" in _flat(result.stderr)


def _flat(text: str) -> str:
    """``text`` without whitespace: the console wraps long lines, within words too."""
    return "".join(text.split())


def _processed(stdout: str) -> dict[str, int]:
    last: dict[str, dict[str, int]] = json.loads(stdout.splitlines()[-1])
    return last["processed"]


def test_ingest_finishes_documents_an_earlier_run_left_unextracted(
    corpus: Path, db_url: str
) -> None:
    _ingest(corpus, db_url)  # --no-claims: both stored, neither extracted
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db_url, "--json"])
    assert result.exit_code == 0, result.output
    assert _processed(result.stdout)["documents"] == 2
    again = runner.invoke(app, ["ingest", str(corpus), "--db", db_url, "--json"])
    assert json.loads(again.stdout.splitlines()[-1])["processed"] is None


@pytest.mark.parametrize("command", ["ingest", "process"])
def test_workers_extract_and_none_is_a_usage_error(command: str, corpus: Path, db_url: str) -> None:
    _ingest(corpus, db_url)
    target = [str(corpus)] if command == "ingest" else ["--all"]
    args = [command, *target, "--db", db_url, "--json"]
    refused = runner.invoke(app, [*args, "--workers", "0"])
    assert refused.exit_code == 2
    assert "--workers" in refused.stderr
    result = runner.invoke(app, [*args, "--workers", "2"])
    assert result.exit_code == 0, result.output
    assert _processed(result.stdout)["documents"] == 2


@pytest.mark.parametrize(
    ("args", "extracted"),
    [([], 2), (["--pending"], 2), (["--all"], 2), (["r2"], 1), (["r1", "r1"], 1)],
)
def test_process_extracts_pending_all_or_named_documents(
    corpus: Path, db_url: str, args: list[str], extracted: int
) -> None:
    _ingest(corpus, db_url)
    result = runner.invoke(app, ["process", *args, "--db", db_url, "--json"])
    assert result.exit_code == 0, result.output
    assert _processed(result.stdout)["documents"] == extracted


def test_process_pending_leaves_finished_documents_and_all_redoes_them(
    corpus: Path, db_url: str
) -> None:
    _ingest(corpus, db_url)
    runner.invoke(app, ["process", "--db", db_url, "--json"])
    pending = runner.invoke(app, ["process", "--pending", "--db", db_url, "--json"])
    assert _processed(pending.stdout)["documents"] == 0
    every = runner.invoke(app, ["process", "--all", "--db", db_url, "--json"])
    assert _processed(every.stdout)["documents"] == 2


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--all", "--pending"], 2, "one of"),
        (["--all", "r1"], 2, "one of"),
        (["r1", "nope"], 3, "'nope'"),
    ],
)
def test_process_usage_and_unknown_ids(
    corpus: Path, db_url: str, args: list[str], code: int, message: str
) -> None:
    _ingest(corpus, db_url)
    result = runner.invoke(app, ["process", *args, "--db", db_url])
    assert result.exit_code == code
    assert message in result.stderr


class _Crashes(ClaimExtractor):
    """The real extractor, except that it raises on every document (as a parser bug would)."""

    def extract(self, doc: Document) -> Extraction:
        raise RuntimeError("parser crashed")

    def extract_many(self, docs: Sequence[Document]) -> list[Extraction]:
        raise RuntimeError("parser crashed")


def test_process_names_each_failed_document_and_exits_1(
    corpus: Path, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _ingest(corpus, db_url)
    monkeypatch.setattr(process, "ClaimExtractor", _Crashes)
    result = runner.invoke(app, ["process", "r1", "--db", db_url])
    assert result.exit_code == 1
    assert "r1: RuntimeError: parser crashed" in result.stderr


def test_ingest_names_a_report_it_read_only_in_part(tmp_path: Path, db_url: str) -> None:
    run_on = ("Russian forces shelled Izium and " * 40)[:1_400] + ". "
    reports = _jsonl(
        tmp_path / "long.jsonl",
        [{"id": "long", "published": "2022-09-08", "text": run_on * 40}],
    )
    result = runner.invoke(app, ["ingest", str(reports), "--db", db_url, "--json"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    partly = [line for line in lines if "partly_read" in line]
    assert partly == [{"partly_read": "long", "reason": partly[0]["reason"]}]
    assert "past the first 40000 characters" in partly[0]["reason"]
    assert lines[-1]["processed"]["partly_read"] == 1


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", "-1", "0"])
def test_max_mb_outside_its_range_is_a_usage_error(value: str, corpus: Path, db_url: str) -> None:
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db_url, "--max-mb", value])
    assert result.exit_code == 2
    assert _flat("--max-mb takes a size above 0 and at most 1000000") in _flat(result.stderr)


@pytest.mark.parametrize(
    ("target", "reason"),
    [("missing/claims.jsonl", "no folder"), (".", "it is a folder")],
)
def test_export_to_a_path_it_cannot_write_names_it_and_is_a_usage_error(
    target: str, reason: str, corpus: Path, db_url: str, tmp_path: Path
) -> None:
    _ingest(corpus, db_url)
    output = tmp_path / target
    result = runner.invoke(app, ["export", "claims", "-o", str(output), "--db", db_url])
    assert result.exit_code == 2
    assert _flat(result.stderr).startswith(_flat(f"error: cannot write {output}: {reason}"))


@pytest.mark.parametrize("files", [{}, {"photo.jpg": b"\xff\xd8", "notes.pdf": b"%PDF"}])
def test_ingest_of_a_folder_with_nothing_to_read_warns(
    files: dict[str, bytes], tmp_path: Path, db_url: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    result = runner.invoke(app, ["ingest", str(folder), "--db", db_url, "--no-claims"])
    assert result.exit_code == 0
    assert _flat(f"warning: nothing was read from {folder}") in _flat(result.stderr)


def test_ingest_that_reads_something_does_not_warn(corpus: Path, db_url: str) -> None:
    result = runner.invoke(app, ["ingest", str(corpus), "--db", db_url, "--no-claims"])
    assert "warning" not in result.stderr


@pytest.mark.parametrize(("flags", "ingested"), [((), 1), (("--follow-symlinks",), 2)])
def test_links_to_files_outside_the_folder_are_read_only_when_asked(
    flags: tuple[str, ...], ingested: int, tmp_path: Path, db_url: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Izium was retaken on Sunday.", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("Not for the store.", encoding="utf-8")
    (folder / "b.txt").symlink_to(tmp_path / "secret.txt")
    result = runner.invoke(app, ["ingest", str(folder), "--db", db_url, "--no-claims", *flags])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"{ingested} ingested")


def test_the_command_line_defaults_are_the_librarys() -> None:
    main = importlib.import_module("frontwatch.cli.main")  # the module, not cli.main()
    assert (main.DEFAULT_MODEL, main.DEFAULT_DEADLINE) == (DEFAULT_MODEL, DEFAULT_DEADLINE)


def test_help_loads_no_stage() -> None:
    """``frontwatch --help`` starts fast: spaCy, the store, Alembic and httpx load only in a
    command that uses them."""
    heavy = (
        *("spacy", "sqlalchemy", "alembic", "httpx", "ray"),
        *("frontwatch.claims", "frontwatch.store", "frontwatch.ingest.cluster"),
    )
    code = (
        "import sys\n"
        "from frontwatch.cli import app\n"
        "try:\n    app(['--help'])\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in {heavy!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines()[-1] == "[]"


def test_ingest_without_claims_loads_no_parser(tmp_path: Path) -> None:
    """``frontwatch ingest --no-claims`` reads and stores reports without importing spaCy
    (nor Ray, which only ``--ray`` loads)."""
    report = tmp_path / "r.txt"
    report.write_text("Russian forces shelled Izium overnight.", encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'store.db'}"
    code = (
        "import sys\n"
        "from frontwatch.cli import app\n"
        f"try:\n    app(['ingest', {str(report)!r}, '--no-claims', '--db', {url!r}])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('spacy', 'frontwatch.claims', 'ray') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert "1 ingested" in done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


@pytest.mark.parametrize("as_json", [True, False])
def test_ingest_reports_a_feed_date_it_left_unknown_and_stores_the_entry(
    tmp_path: Path, db_url: str, as_json: bool
) -> None:
    feed = tmp_path / "wire.atom"
    feed.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title><entry><title>t</title>'
        '<published>2022-02-30</published><content type="text">Izium.</content></entry></feed>',
        encoding="utf-8",
    )
    args = ["ingest", str(feed), "--db", db_url, "--no-claims"]
    result = runner.invoke(app, [*args, "--json"] if as_json else args)
    assert result.exit_code == 0
    reason = "date left unknown: feed date not understood: '2022-02-30'"
    if as_json:
        lines = [json.loads(line) for line in result.stdout.splitlines()]
        assert {"warning": f"{feed}#entry-1", "reason": reason} in lines
        assert lines[-1]["summary"]["ingested"] == 1
    else:
        assert _flat(f"warning {feed}#entry-1: {reason}") in _flat(result.stderr)
    docs = runner.invoke(app, ["docs", "--db", db_url, "--json"])
    assert json.loads(docs.stdout)["published"] is None


# export: every format the API serves ------------------------------------------------


@pytest.fixture()
def fused_db(db_url: str) -> str:
    build_store(open_store(db_url)).close()
    return db_url


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.filename)
def test_export_writes_the_same_bytes_as_the_api(
    export: ExportFormat, fused_db: str, tmp_path: Path
) -> None:
    target = tmp_path / export.filename
    args = ["export", export.what, "--format", export.fmt, "-o", str(target), "--db", fused_db]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    store = open_store(fused_db)
    try:
        buffer = io.BytesIO()
        count = export.write(store, buffer)
    finally:
        store.close()
    expected = buffer.getvalue()
    assert target.read_bytes() == expected
    assert _flat(f"wrote {count} records to {target}") in _flat(result.stderr)
    piped = runner.invoke(app, ["export", export.what, "--format", export.fmt, "--db", fused_db])
    assert piped.stdout_bytes == expected


def test_events_export_defaults_to_geojson(fused_db: str) -> None:
    result = runner.invoke(app, ["export", "events", "--db", fused_db])
    assert json.loads(result.stdout)["type"] == "FeatureCollection"


@pytest.mark.parametrize(
    "args",
    [["claims", "--format", "csv"], ["events", "--format", "jsonl"], ["control", "--format", "x"]],
)
def test_an_export_that_does_not_exist_lists_those_that_do(args: list[str], db_url: str) -> None:
    result = runner.invoke(app, ["export", *args, "--db", db_url])
    assert result.exit_code == 2
    assert _flat("events (geojson, csv, geoparquet)") in _flat(result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("what", ["claims", "events", "control"])
def test_geoparquet_into_a_missing_folder_is_a_usage_error_not_a_traceback(
    what: str, fused_db: str, tmp_path: Path
) -> None:
    output = tmp_path / "missing" / f"{what}.parquet"
    args = ["export", what, "--format", "geoparquet", "-o", str(output), "--db", fused_db]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert _flat(f"error: cannot write {output}: no folder") in _flat(result.stderr)
    assert "Traceback" not in result.output


def test_geoparquet_is_not_written_to_a_terminal(
    fused_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    main = importlib.import_module("frontwatch.cli.main")
    monkeypatch.setattr(main, "stdout_is_terminal", lambda: True)
    result = runner.invoke(app, ["export", "claims", "--format", "geoparquet", "--db", fused_db])
    assert (result.exit_code, result.stdout_bytes) == (2, b"")
    assert "geoparquet is binary" in result.stderr
