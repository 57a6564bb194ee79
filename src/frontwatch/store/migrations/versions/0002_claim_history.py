"""Claims superseded by a corrected report or a re-extraction, kept with when and why.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.create_table(
        "claim_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("claim_id", sa.String(80), nullable=False, index=True),
        sa.Column(
            "doc_id", sa.String(200), sa.ForeignKey("documents.id"), nullable=False, index=True
        ),
        sa.Column("superseded_by_revision", sa.Integer, nullable=False),
        sa.Column("place_key", sa.String(200), index=True),
        sa.Column("superseded_at", sa.String(40), nullable=False),
        sa.Column("record", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("claim_history")
