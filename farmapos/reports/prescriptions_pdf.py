"""Prescription documents as PDF: block covers, monthly billing, the register book, the narcotics summary."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from farmapos.domain.billing import Billing
from farmapos.domain.blocks import BlockView
from farmapos.domain.models import RegisterEntry, SaleLine
from farmapos.domain.register import YearSummary
from farmapos.reports.pdf import write_table_pdf


def _q(value: object) -> str:
    return format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)


def write_block_cover(
    path: Path, header: str, block: BlockView, slots: list[tuple[int, SaleLine, str]]
) -> Path:
    rows = [(slot, number, line.code, line.description, _q(line.quantity), f"{line.amount + line.payer_amount:.2f}",
             f"{line.amount:.2f}", f"{line.payer_amount:.2f}") for slot, line, number in slots]  # fmt: skip
    rows.append(("", "", "", f"{block.count} recetas", "", f"{block.pvp_total:.2f}", f"{block.copay_total:.2f}",
                 f"{block.pvp_total - block.copay_total:.2f}"))  # fmt: skip
    opened = block.opened_at.astimezone().strftime("%d/%m/%Y")
    closed = block.closed_at.astimezone().strftime("%d/%m/%Y") if block.closed_at else "abierto"
    return write_table_pdf(
        path, header=header,
        title=f"Solapa del bloque {block.copay_code} nº {block.number} · {opened} – {closed} · "
        f"capacidad {block.capacity}",
        columns=("Hueco", "Ticket", "CN", "Medicamento", "Uds.", "PVP", "Aportación", "A facturar"),
        rows=rows, widths_mm=(12, 30, 16, 62, 10, 18, 20, 18), numeric_from=4,
    )  # fmt: skip


def write_billing_pdf(path: Path, header: str, result: Billing) -> Path:
    rows = [(r.copay_code, r.copay_name, r.prescriptions, f"{r.pvp_total:.2f}", f"{r.copay_total:.2f}",
             f"{r.invoice_total:.2f}") for r in (*result.rows, result.totals)]  # fmt: skip
    rows += [("Discrepancia", text, "", "", "", "") for text in result.discrepancies]
    mode = "DEFINITIVA" if result.final else "borrador (previsualización)"
    return write_table_pdf(
        path, header=header, title=f"Facturación de recetas {result.month} · {result.payer} · {mode}",
        columns=("Tipo", "Descripción", "Recetas", "PVP", "Aportación", "A facturar"), rows=rows,
        widths_mm=(22, 70, 18, 24, 24, 24), numeric_from=2,
    )  # fmt: skip


def write_register_pdf(path: Path, header: str, book: str, entries: list[RegisterEntry], start: datetime,
                       end: datetime) -> Path:  # fmt: skip
    names = {"psychotropics": "Libro recetario · psicótropos", "narcotics": "Libro de estupefacientes"}
    rows = [
        (e.number, e.created_at.astimezone().strftime("%d/%m/%Y %H:%M"), e.kind, e.code, e.description, _q(e.quantity),
         e.document, "receta" if e.on_prescription else "libre", e.copay_code or "",
         f"{e.patient_name} {e.patient_id_document}".strip(), f"{e.prescriber_name} {e.prescriber_number}".strip(),
         e.counterpart, _q(e.stock_before) if e.stock_before is not None else "",
         _q(e.stock_after) if e.stock_after is not None else "",
         (e.observations + (f" (corrige nº {e.corrects_id})" if e.corrects_id else "")).strip())
        for e in entries
    ]  # fmt: skip
    return write_table_pdf(
        path, header=header,
        title=f"{names[book]} · {start.astimezone():%d/%m/%Y} – {end.astimezone():%d/%m/%Y}",
        columns=("Nº", "Fecha", "Tipo", "CN", "Medicamento", "Uds.", "Receta/doc.", "Venta", "Aport.", "Paciente",
                 "Médico", "Proveedor/médico", "Antes", "Después", "Observaciones"),
        rows=rows, wide=True, widths_mm=(10, 22, 18, 14, 42, 10, 18, 12, 12, 28, 28, 24, 11, 12, 16),
    )  # fmt: skip


def write_narcotics_summary_pdf(path: Path, header: str, year: int, summary: list[YearSummary]) -> Path:
    rows = [
        (s.code, s.description, _q(s.opening), _q(s.received), _q(s.dispensed), _q(s.closing))
        for s in summary
    ]
    return write_table_pdf(
        path, header=header, title=f"Resumen anual de movimientos de estupefacientes · {year}",
        columns=("CN", "Medicamento", "Existencia 1/1", "Entradas", "Salidas", "Existencia 31/12"), rows=rows,
        widths_mm=(18, 80, 20, 18, 18, 24), numeric_from=2,
    )  # fmt: skip
