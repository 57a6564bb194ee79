"""Counters of writes: ``control_periods`` is bumped by every write of the control periods,
so a server can keep the periods it decoded until the counter moves.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    counters = op.create_table(
        "counters",
        sa.Column("name", sa.String(40), primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.bulk_insert(counters, [{"name": "control_periods", "value": 0}])


def downgrade() -> None:
    op.drop_table("counters")
