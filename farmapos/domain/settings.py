"""The pharmacy's settings, read once per transaction rather than once per rule that needs one."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from farmapos.domain.models import Pharmacy

_KEY = "farmapos.pharmacy"


def pharmacy(session: Session) -> Pharmacy | None:
    """The pharmacy row, cached in the session for the rest of its transaction."""
    if _KEY not in session.info:
        session.info[_KEY] = session.scalar(select(Pharmacy).limit(1))
    return session.info[_KEY]
