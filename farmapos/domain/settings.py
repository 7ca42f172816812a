"""The pharmacy's settings, read once per transaction rather than once per rule that needs one."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from farmapos.domain.models import Pharmacy

_KEY = "farmapos.pharmacy"
FIRST_PHARMACY = select(func.min(Pharmacy.id)).correlate(None).scalar_subquery()
"""The id of the settings row (there is one), for queries that read it along with something else."""


def pharmacy(session: Session) -> Pharmacy | None:
    """The pharmacy row, cached in the session for the rest of its transaction."""
    if _KEY not in session.info:
        session.info[_KEY] = session.scalar(select(Pharmacy).order_by(Pharmacy.id).limit(1))
    return session.info[_KEY]


def remember(session: Session, row: Pharmacy | None) -> None:
    """Cache the pharmacy row a query read along with other rows (`FIRST_PHARMACY`), as `pharmacy` would."""
    session.info[_KEY] = row
