"""One A4 layout for every back-office PDF: the pharmacy's header, a title, a table that repeats its header."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle


def write_table_pdf(
    path: Path,
    *,
    header: str,
    title: str,
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    widths_mm: Sequence[float] | None = None,
    wide: bool = False,
    numeric_from: int | None = None,
) -> Path:
    """Write `rows` under `columns`; columns from `numeric_from` on are right-aligned."""
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=7.5, leading=9)
    cells = [[Paragraph(str(value), small) if isinstance(value, str) and len(value) > 30 else str(value)
              for value in row] for row in rows]  # fmt: skip
    table = Table([list(columns), *cells], colWidths=[w * mm for w in widths_mm] if widths_mm else None,
                  repeatRows=1)  # fmt: skip
    style = [
        ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 8),
        ("FONT", (0, 1), (-1, -1), "Helvetica", 7.5),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F2F2")]),
    ]
    if numeric_from is not None:
        style.append(("ALIGN", (numeric_from, 0), (-1, -1), "RIGHT"))
    table.setStyle(TableStyle(style))
    story = [
        Paragraph(header, styles["Title"]),
        Paragraph(title, styles["Heading2"]),
        Spacer(1, 4 * mm),
        table,
    ]
    page = landscape(A4) if wide else A4
    SimpleDocTemplate(str(path), pagesize=page, title=title, leftMargin=12 * mm, rightMargin=12 * mm,
                      topMargin=12 * mm, bottomMargin=12 * mm).build(story)  # fmt: skip
    return path
