"""The tables, in SQLAlchemy Core. Migrations under ``migrations/`` create them.

Records that later stages produce (mentions, claims, events, control periods) are kept
whole as JSON in ``record``, with the columns that queries filter on beside it.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

documents = sa.Table(
    "documents",
    metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("url", sa.Text),
    sa.Column("canonical_url", sa.Text, index=True),
    sa.Column("outlet", sa.Text, index=True),
    sa.Column("published", sa.String(40), index=True),
    sa.Column("published_note", sa.Text),
    sa.Column("title", sa.Text),
    sa.Column("language", sa.String(20)),
    # The language the text was detected in (frontwatch.read.language), per document.
    sa.Column("detected_language", sa.String(20), index=True),
    sa.Column("license", sa.Text),
    sa.Column("forwarded_from", sa.Text),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False, index=True),
    sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
    sa.Column("ingested_at", sa.String(40), nullable=False),
    # How far processing got (see frontwatch.store.stages): read, extracted, fused or failed;
    # the claims extractor (name@version) that made the stored mentions and claims; the
    # place keys whose claims the last extraction moved to the history, to fuse again.
    sa.Column("stage", sa.String(10), nullable=False, server_default="read", index=True),
    sa.Column("extractor", sa.String(80)),
    sa.Column("vacated", sa.Text),
)

document_origins = sa.Table(
    "document_origins",
    metadata,
    sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("origin", sa.Text, primary_key=True),
    sa.Column("first_seen", sa.String(40), nullable=False),
)

document_revisions = sa.Table(
    "document_revisions",
    metadata,
    sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("revision", sa.Integer, primary_key=True),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("superseded_at", sa.String(40), nullable=False),
)

mentions = sa.Table(
    "mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Column("geonameid", sa.BigInteger, index=True),
    sa.Column("record", sa.Text, nullable=False),
)

claims = sa.Table(
    "claims",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("kind", sa.String(20), nullable=False, index=True),
    sa.Column("side", sa.String(10)),
    sa.Column("place_key", sa.String(200), index=True),
    sa.Column("place_name", sa.Text),
    sa.Column("event_start", sa.String(10)),
    sa.Column("event_end", sa.String(10)),
    sa.Column("claim_time", sa.String(40)),
    sa.Column("record", sa.Text, nullable=False),
)

claim_history = sa.Table(
    "claim_history",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("claim_id", sa.String(80), nullable=False, index=True),
    sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id"), nullable=False, index=True),
    sa.Column("superseded_by_revision", sa.Integer, nullable=False),
    sa.Column("place_key", sa.String(200), index=True),
    sa.Column("superseded_at", sa.String(40), nullable=False),
    sa.Column("record", sa.Text, nullable=False),
)

claim_links = sa.Table(
    "claim_links",
    metadata,
    sa.Column("source", sa.String(80), primary_key=True),
    sa.Column("target", sa.String(80), primary_key=True),
    sa.Column("relation", sa.String(20), primary_key=True),
    sa.Column("place_key", sa.String(200), index=True),
    sa.Column("reason", sa.Text),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(80), primary_key=True),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("place_key", sa.String(200), index=True),
    sa.Column("record", sa.Text, nullable=False),
)

control_periods = sa.Table(
    "control_periods",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("place_key", sa.String(200), nullable=False, index=True),
    sa.Column("place_name", sa.Text, nullable=False),
    sa.Column("side", sa.String(10), nullable=False),
    sa.Column("start", sa.String(10)),
    sa.Column("end", sa.String(10)),
    sa.Column("record", sa.Text, nullable=False),
)

#: What fusion reads from a document's text, kept so that re-fusing a place reads no text:
#: the MinHash signature whose bands find near-duplicates (null: a text with no words),
#: where the headline ends, the language the translation test needs, the wire agencies
#: credited (newline-separated). A row holds while ``content_hash`` is the document's and
#: ``version`` the one fusion computes with (the MinHash settings and the wire lexicon).
document_facts = sa.Table(
    "document_facts",
    metadata,
    sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id"), primary_key=True),
    sa.Column("content_hash", sa.String(64), nullable=False),
    sa.Column("version", sa.String(40), nullable=False),
    sa.Column("signature", sa.LargeBinary),
    sa.Column("headline_end", sa.Integer, nullable=False),
    sa.Column("language", sa.String(20)),
    sa.Column("wires", sa.Text, nullable=False),
)

#: Counters bumped in the transaction that changes what they count, so that a reader can
#: tell with one row whether anything changed since it last looked. ``CONTROL_COUNTER``
#: counts the writes of ``control_periods``, ``CLAIMS_COUNTER`` those of ``claims`` (its row
#: is made by the first write that counts it: a store without the row has had none since).
counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("value", sa.Integer, nullable=False),
)
CONTROL_COUNTER = "control_periods"
CLAIMS_COUNTER = "claims"
