"""Suggestion rejections: codes a coder refused on a sentence, never suggested there again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 17:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "suggestion_rejection",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("coder_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=False),
        sa.Column("code_id", sa.Integer(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("rejected_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('start < "end"', name=op.f("ck_suggestion_rejection_offsets")),
        sa.ForeignKeyConstraint(
            ["code_id"],
            ["code.id"],
            name=op.f("fk_suggestion_rejection_code_id_code"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["coder_id"],
            ["coder.id"],
            name=op.f("fk_suggestion_rejection_coder_id_coder"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["document.id"],
            name=op.f("fk_suggestion_rejection_document_id_document"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_suggestion_rejection")),
        sa.UniqueConstraint(
            "coder_id",
            "document_id",
            "code_id",
            "start",
            "end",
            name=op.f("uq_suggestion_rejection_coder_id"),
        ),
    )
    with op.batch_alter_table("suggestion_rejection", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_suggestion_rejection_code_id"), ["code_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_suggestion_rejection_document_id"), ["document_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("suggestion_rejection", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_suggestion_rejection_document_id"))
        batch_op.drop_index(batch_op.f("ix_suggestion_rejection_code_id"))

    op.drop_table("suggestion_rejection")
