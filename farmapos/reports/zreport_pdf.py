"""The Z report as an A4 PDF with the pharmacy's header (reportlab)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from farmapos.domain.zreport import ZReport


def write_z_report_pdf(report: ZReport, path: Path) -> Path:
    styles = getSampleStyleSheet()
    opened = report.opened_at.astimezone().strftime("%d/%m/%Y %H:%M")
    closed = report.closed_at.astimezone().strftime("%d/%m/%Y %H:%M") if report.closed_at else "abierta"
    story = [
        Paragraph(f"{report.pharmacy_name} · NIF {report.pharmacy_nif}", styles["Title"]),
        Paragraph(
            f"Cierre de caja (Z) · sesión {report.session_id} · {report.workstation_name} · {opened} – {closed}",
            styles["Heading2"],
        ),
        Spacer(1, 4 * mm),
    ]
    table = Table([["Concepto", "Importe (€)"], *report.rows()], colWidths=[110 * mm, 60 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold"),
                ("ALIGN", (1, 0), (1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#F2F2F2")]),
            ]
        )
    )
    story.append(table)
    document = SimpleDocTemplate(
        str(path), pagesize=A4, title=f"Cierre de caja {report.session_id}", author=report.pharmacy_name,
        leftMargin=18 * mm, rightMargin=18 * mm, topMargin=15 * mm, bottomMargin=15 * mm,
    )  # fmt: skip
    document.build(story)
    return path
