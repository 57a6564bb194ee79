"""A document's processing stage (read, extracted, fused, failed) and its extractor.

Existing rows: a document with claims was extracted by the only extractor there was
(``frontwatch.claims@1``); it counts as fused unless the store holds no event and no
control period at all (an ingest killed before fusion), then as extracted, so the next
ingest fuses it. A document without claims counts as read and is extracted again: it
may have been cut off between its mentions and its claims (they were written apart),
and extracting one with nothing to find again costs little.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"

_FIRST_EXTRACTOR = "frontwatch.claims@1"


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("stage", sa.String(10), nullable=False, server_default="read"))
        batch.add_column(sa.Column("extractor", sa.String(80)))
        batch.add_column(sa.Column("vacated", sa.Text))
        batch.create_index("ix_documents_stage", ["stage"])
    _mark_existing()


def _mark_existing() -> None:
    conn = op.get_bind()
    fused = any(
        conn.execute(sa.select(sa.literal(1)).select_from(sa.table(name)).limit(1)).first()
        is not None
        for name in ("events", "control_periods")
    )
    conn.execute(
        sa.text(
            "UPDATE documents SET stage = :stage, extractor = :extractor"
            " WHERE id IN (SELECT doc_id FROM claims)"
        ),
        {"stage": "fused" if fused else "extracted", "extractor": _FIRST_EXTRACTOR},
    )


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_stage")
        batch.drop_column("vacated")
        batch.drop_column("extractor")
        batch.drop_column("stage")
