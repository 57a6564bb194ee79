"""Documents with origins and revisions; mentions, claims, links, events, control periods.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

_DOC_ID = sa.String(200)


def upgrade() -> None:
    _documents()
    _document_children()
    _derived()


def _documents() -> None:
    op.create_table(
        "documents",
        sa.Column("id", _DOC_ID, primary_key=True),
        sa.Column("url", sa.Text),
        sa.Column("canonical_url", sa.Text, index=True),
        sa.Column("outlet", sa.Text, index=True),
        sa.Column("published", sa.String(40), index=True),
        sa.Column("published_note", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("language", sa.String(20)),
        sa.Column("license", sa.Text),
        sa.Column("forwarded_from", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False, index=True),
        sa.Column("revision", sa.Integer, nullable=False, server_default="1"),
        sa.Column("ingested_at", sa.String(40), nullable=False),
    )


def _document_children() -> None:
    op.create_table(
        "document_origins",
        sa.Column("doc_id", _DOC_ID, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("origin", sa.Text, primary_key=True),
        sa.Column("first_seen", sa.String(40), nullable=False),
    )
    op.create_table(
        "document_revisions",
        sa.Column("doc_id", _DOC_ID, sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("revision", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("superseded_at", sa.String(40), nullable=False),
    )


def _derived() -> None:
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("doc_id", _DOC_ID, sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("geonameid", sa.BigInteger, index=True),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("doc_id", _DOC_ID, sa.ForeignKey("documents.id"), nullable=False, index=True),
        sa.Column("kind", sa.String(20), nullable=False, index=True),
        sa.Column("side", sa.String(10)),
        sa.Column("place_key", sa.String(200), index=True),
        sa.Column("place_name", sa.Text),
        sa.Column("event_start", sa.String(10)),
        sa.Column("event_end", sa.String(10)),
        sa.Column("claim_time", sa.String(40)),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_table(
        "claim_links",
        sa.Column("source", sa.String(80), primary_key=True),
        sa.Column("target", sa.String(80), primary_key=True),
        sa.Column("relation", sa.String(20), primary_key=True),
        sa.Column("place_key", sa.String(200), index=True),
        sa.Column("reason", sa.Text),
    )
    op.create_table(
        "events",
        sa.Column("id", sa.String(80), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("place_key", sa.String(200), index=True),
        sa.Column("record", sa.Text, nullable=False),
    )
    op.create_table(
        "control_periods",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("place_key", sa.String(200), nullable=False, index=True),
        sa.Column("place_name", sa.Text, nullable=False),
        sa.Column("side", sa.String(10), nullable=False),
        sa.Column("start", sa.String(10)),
        sa.Column("end", sa.String(10)),
        sa.Column("record", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for table in (
        "control_periods",
        "events",
        "claim_links",
        "claims",
        "mentions",
        "document_revisions",
        "document_origins",
        "documents",
    ):
        op.drop_table(table)
