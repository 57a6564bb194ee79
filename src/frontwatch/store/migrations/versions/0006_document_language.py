"""The language each document was detected in (``documents.detected_language``), beside the
language its source declared, so that listings filter on what the text is, per Telegram
message where messages are documents.

Documents stored before this revision keep a null value: listings fall back to their
declared language until they are ingested again.

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("detected_language", sa.String(20)))
        batch.create_index("ix_documents_detected_language", ["detected_language"])


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_index("ix_documents_detected_language")
        batch.drop_column("detected_language")
