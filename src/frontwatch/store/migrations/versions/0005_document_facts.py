"""What fusion reads from each document's text (near-duplicate signature, headline end,
language, credited wires), kept per document so that re-fusing a place reads no text.

Existing stores start with the table empty: fusion fills a document's row the first time
it needs it (``frontwatch fuse --rebuild`` fills them all).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    op.create_table(
        "document_facts",
        sa.Column("doc_id", sa.String(200), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("version", sa.String(40), nullable=False),
        sa.Column("signature", sa.LargeBinary),
        sa.Column("headline_end", sa.Integer, nullable=False),
        sa.Column("language", sa.String(20)),
        sa.Column("wires", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("document_facts")
