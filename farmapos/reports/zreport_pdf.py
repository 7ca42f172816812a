"""The Z report as an A4 PDF with the pharmacy's header."""

from __future__ import annotations

from pathlib import Path

from farmapos.domain.zreport import ZReport
from farmapos.reports.pdf import write_table_pdf


def write_z_report_pdf(report: ZReport, path: Path) -> Path:
    opened = report.opened_at.astimezone().strftime("%d/%m/%Y %H:%M")
    closed = report.closed_at.astimezone().strftime("%d/%m/%Y %H:%M") if report.closed_at else "abierta"
    return write_table_pdf(
        path,
        header=f"{report.pharmacy_name} · NIF {report.pharmacy_nif}",
        title=f"Cierre de caja (Z) · sesión {report.session_id} · {report.workstation_name} · {opened} – {closed}",
        columns=("Concepto", "Importe (€)"),
        rows=report.rows(),
        widths_mm=(110, 60),
        numeric_from=1,
    )
