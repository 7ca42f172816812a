"""The `farmapos` command: the counter by default, and the back-office commands.

Every failure a user can cause ends in one clear line on stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from farmapos import __version__
from farmapos.config import AppConfig, load_config
from farmapos.domain.errors import FarmaposError

EXIT_USER_ERROR = 2
EXIT_DATABASE = 3


def _db_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="database URL (sqlite:///file.db, postgresql://user@host/name); else FARMAPOS_DB, config file",
    )


def _lang_option(parser: argparse.ArgumentParser, default: object = None) -> None:
    parser.add_argument(
        "--lang",
        choices=["es", "en"],
        default=default,
        help="the counter's language for this run; else [counter] language, FARMAPOS_LANG, the system's",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="farmapos", description="Punto de venta para farmacias.")
    parser.add_argument("--version", action="version", version=f"farmapos {__version__}")
    _db_option(parser)
    _lang_option(parser)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub = {}

    def add(name: str, help_text: str) -> argparse.ArgumentParser:
        command = commands.add_parser(name, help=help_text, description=help_text)
        _db_option(command, argparse.SUPPRESS)
        sub[name] = command
        return command

    counter = add("counter", "open the counter (the default command)")
    _lang_option(counter, argparse.SUPPRESS)
    db = add("db", "database schema")
    db.add_argument("action", choices=["upgrade", "status"])

    demo = add("demo-data", "create a demo pharmacy")
    demo.add_argument("--articles", type=int, default=20_000, help="catalogue size (default 20000)")
    demo.add_argument("--days", type=int, default=0, help="days of sales history to generate")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--if-missing", action="store_true", help="do nothing if the database has a pharmacy")

    imp = add("import", "import data from a file")
    imp.add_argument("what", choices=["articles"])
    imp.add_argument("file", type=Path)

    exp = add("export", "export data to a file")
    exp.add_argument("what", choices=["articles", "stock", "movements"])
    exp.add_argument("--csv", type=Path, required=True, metavar="FILE")
    cash = add("cash", "cash sessions: open, move, close, report")
    cash.add_argument("action", choices=["status", "open", "move", "close", "report", "verify", "collect"])
    cash.add_argument("--customer", default=None, help="collect: the customer's code, NIF or phone")
    cash.add_argument(
        "--method", default="cash", choices=["cash", "card", "transfer"], help="collect: how they pay"
    )
    cash.add_argument("--print", dest="to_printer", action="store_true", help="report: on the ticket printer")
    cash.add_argument("--seller", default=None, help="seller code (default: the first seller)")
    cash.add_argument(
        "--float", dest="opening_float", default=None, help="opening float (default: last left)"
    )
    cash.add_argument("--kind", choices=["payment_in", "payment_out", "withdrawal", "correction"])
    cash.add_argument("--amount", default=None)
    cash.add_argument("--reason", default="")
    cash.add_argument("--counted", default=None, help="cash counted at the close")
    cash.add_argument("--leave", default="0", help="cash left in the drawer for the next session")
    cash.add_argument("--session", type=int, default=None, help="session number for `report` (default: last)")
    cash.add_argument("--pdf", type=Path, default=None, metavar="FILE")

    bill = add("billing", "monthly prescription billing to a payer")
    bill.add_argument("--month", required=True, metavar="YYYY-MM")
    bill.add_argument("--payer", default="SNS")
    bill.add_argument(
        "--final", action="store_true", help="freeze the month (refused while there are discrepancies)"
    )
    out = bill.add_mutually_exclusive_group(required=True)
    out.add_argument("--pdf", type=Path, metavar="FILE")
    out.add_argument("--csv", type=Path, metavar="FILE")

    register = add("register", "the register book (psychotropics, narcotics) as PDF")
    register.add_argument("--book", choices=["psychotropics", "narcotics"], required=True)
    register.add_argument("--from", dest="date_from", metavar="YYYY-MM-DD")
    register.add_argument("--to", dest="date_to", metavar="YYYY-MM-DD", help="inclusive")
    register.add_argument(
        "--year-summary", type=int, metavar="YEAR", help="narcotics: yearly summary per medicine"
    )
    register.add_argument("--pdf", type=Path, metavar="FILE")
    register.add_argument("--start", type=int, metavar="N", help="continue a paper book: the next entry is N")
    register.add_argument("--correct", type=int, metavar="N", help="add an entry correcting entry number N")
    register.add_argument("--note", default="", help="with --correct: what was wrong")

    blocks = add("blocks", "prescription blocks: list, close one, print its cover")
    blocks.add_argument("--close", type=int, metavar="ID")
    blocks.add_argument("--cover", type=int, metavar="ID")
    blocks.add_argument("--pdf", type=Path, metavar="FILE")

    devices = add("devices", "test the devices, or read a captured ticket")
    devices.add_argument("action", choices=["test", "show-ticket"])
    devices.add_argument("file", nargs="?", type=Path, help="for show-ticket: the captured ESC/POS bytes")
    devices.add_argument("--code-page", default=None, help="cp858 or cp1252 (default: the workstation's)")

    labels = add("labels", "shelf labels as PDF on A4 label sheets")
    labels.add_argument("--codes", nargs="+", required=True, metavar="CODE")
    labels.add_argument("--pdf", type=Path, required=True, metavar="FILE")
    labels.add_argument("--layout", default="apli-1273", help="apli-1273, avery-l7160, avery-l7651")
    labels.add_argument(
        "--start", type=int, default=1, help="first free position on the sheet (1 = top left)"
    )
    labels.add_argument("--copies", type=int, default=1)

    ticket = add("ticket", "a past ticket again: as text, or on the ticket printer")
    ticket.add_argument("action", choices=["show", "print"])
    ticket.add_argument("number", help="the ticket's full number, e.g. T1-2026-000123")

    rx = add("prescriptions", "pending prescriptions: list them, or complete one")
    rx.add_argument("action", choices=["pending", "complete"])
    rx.add_argument("--line", type=int, help="complete: the line number shown by `pending`")
    rx.add_argument("--number", default="", help="complete: the prescription's number")

    copay = add("copay", "co-payment types and payers (rules are data with validity dates)")
    copay.add_argument("action", choices=["list", "add", "add-payer"])
    copay.add_argument("--code")
    copay.add_argument("--name")
    copay.add_argument("--pct", help="the patient's percentage")
    copay.add_argument("--payer", default="SNS", help="who owes the rest (a payer code)")
    copay.add_argument("--from", dest="valid_from", metavar="YYYY-MM-DD")
    copay.add_argument("--to", dest="valid_to", metavar="YYYY-MM-DD")
    copay.add_argument("--cap-pack", default=None)
    copay.add_argument("--cap-month", default=None)
    copay.add_argument("--kind", default="private", choices=["public", "mutual", "private"], help="add-payer")

    orders = add("orders", "supplier orders: min/max reorder proposal, create, send, receive, cancel")
    orders.add_argument("action", choices=["propose", "create", "list", "show", "send", "cancel", "receive"])
    orders.add_argument("number", nargs="?", type=int, help="show, send, cancel, receive: the order's number")
    orders.add_argument(
        "--warehouse", metavar="CODE", help="propose, create: warehouse (default: this counter's)"
    )
    orders.add_argument("--csv", nargs="?", const="-", metavar="FILE", help="propose: CSV to FILE or stdout")
    orders.add_argument("--supplier", metavar="CODE", help="create: the supplier; list: only its orders")
    orders.add_argument("--from-proposal", action="store_true", help="create: the reorder proposal's lines")
    orders.add_argument(
        "--line", action="append", default=[], metavar="CODE:QTY",
        help="create: CODE:QTY[:COST]; receive: CODE:QTY[:BATCH[:YYYY-MM-DD]]; one per article, repeated",
    )  # fmt: skip
    orders.add_argument("--all", dest="all_pending", action="store_true", help="receive: everything pending")
    orders.add_argument("--delivery-note", default="", metavar="NUMBER", help="receive: the delivery note")
    orders.add_argument("--note", default="", help="create: a note on the order")
    orders.add_argument("--state", choices=["draft", "sent", "partial", "received", "cancelled"], help="list")
    orders.add_argument("--seller", default=None, help="create, receive: seller code (default: the first)")

    suppliers = add("suppliers", "suppliers (wholesalers) the pharmacy orders from")
    suppliers.add_argument("action", choices=["add", "list", "withdraw", "restore"],
                           help="withdraw: no new orders to it (its orders stay); restore: take it back")  # fmt: skip
    suppliers.add_argument("--code")
    suppliers.add_argument("--name")
    suppliers.add_argument("--nif", default="")
    suppliers.add_argument("--phone", default="")
    suppliers.add_argument("--email", default="")
    suppliers.add_argument("--all", dest="include_inactive", action="store_true", help="list: withdrawn too")

    add("verify-chain", "recompute every VERI*FACTU fingerprint and name the first broken record")
    return parser


def _config(args: argparse.Namespace) -> AppConfig:
    return load_config(getattr(args, "db", None))


def cmd_counter(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from farmapos.ui.main import run_counter

    config = _config(args)
    if getattr(args, "lang", None):
        config = replace(config, language=args.lang)
    return run_counter(config)


def cmd_db(args: argparse.Namespace) -> int:
    from farmapos import migrate
    from farmapos.app import describe_url, open_database

    config = _config(args)
    database = open_database(config, require_head=False)
    try:
        if args.action == "upgrade":
            before, after = migrate.upgrade(database.engine)
            if before == after:
                print(f"{describe_url(config.database_url)}: ya está en la última versión ({after}).")
            else:
                print(f"{describe_url(config.database_url)}: actualizada de {before or 'vacía'} a {after}.")
        else:
            current, head = migrate.current_revision(database.engine), migrate.head_revision()
            state = "al día" if current == head else f"pendiente de actualizar a {head}"
            print(
                f"{describe_url(config.database_url)} ({config.source}): versión {current or 'vacía'}, {state}."
            )
    finally:
        database.dispose()
    return 0


def cmd_demo_data(args: argparse.Namespace) -> int:
    from farmapos import migrate
    from farmapos.app import describe_url, open_database
    from farmapos.demo.pharmacy import build_demo_pharmacy, has_pharmacy

    if args.articles < 1:
        raise FarmaposError("--articles debe ser al menos 1.")
    config = _config(args)
    database = open_database(config, require_head=False)
    try:
        migrate.upgrade(database.engine)
        if has_pharmacy(database):
            if args.if_missing:
                print(f"{describe_url(config.database_url)} ya tiene una farmacia; se usa tal cual.")
                return 0
            raise FarmaposError(
                f"{describe_url(config.database_url)} ya tiene una farmacia; la demo necesita una base de datos "
                "vacía (use otra con --db)."
            )
        summary = build_demo_pharmacy(database, articles=args.articles, days=args.days, seed=args.seed,
                                      data_dir=config.data_dir)  # fmt: skip
        print(summary)
    finally:
        database.dispose()
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    from farmapos.app import open_database
    from farmapos.domain.article_import import import_articles

    database = open_database(_config(args))
    try:
        count = import_articles(database.uow(), args.file)
        database.analyze()
        database.checkpoint(truncate=True)  # a bulk job: leave no large log for the counter to open behind
    finally:
        database.dispose()
    print(f"Importados {count} artículos de {args.file}.")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from farmapos.app import open_database
    from farmapos.domain.exports import export_csv

    database = open_database(_config(args))
    try:
        with database.uow(read_only=True) as uow:
            count = export_csv(uow.session, args.what, args.csv)
    except OSError as exc:
        raise FarmaposError(f"No se puede escribir {args.csv}: {exc.strerror}.") from None
    finally:
        database.dispose()
    print(f"Exportadas {count} filas ({args.what}) a {args.csv}.")
    return 0


def cmd_verify_chain(args: argparse.Namespace) -> int:
    from farmapos.app import open_database
    from farmapos.domain.fiscal import verify_chains

    database = open_database(_config(args))
    try:
        with database.uow(read_only=True) as uow:
            reports = verify_chains(uow.session)
    finally:
        database.dispose()
    if not reports:
        print("No hay registros de facturación.")
    failed = False
    for report in reports:
        if report.broken is None:
            print(f"{report.issuer_nif}: {report.records} registros, cadena correcta.")
        else:
            failed = True
            print(
                f"{report.issuer_nif}: cadena ROTA en el registro {report.broken.index + 1} "
                f"({report.broken.series_number}): {report.broken.reason}."
            )
    return 1 if failed else 0


def _amount(text: str | None, label: str) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation:
        raise FarmaposError(f"{label}: {text!r} no es un importe.") from None


def cmd_cash(args: argparse.Namespace) -> int:
    from farmapos.app import open_database
    from farmapos.domain.cash import CashService
    from farmapos.domain.counter import workstation_view
    from farmapos.domain.zreport import z_report
    from farmapos.formats import format_money

    config = _config(args)
    database = open_database(config)
    try:
        workstation = workstation_view(database, config.workstation)
        seller = _seller(database, args.seller)
        cash = CashService(database, workstation.id)
        if args.action == "status":
            current = cash.current()
            print(f"Caja abierta desde {current.opened_at.astimezone():%d/%m/%Y %H:%M}, fondo "
                  f"{format_money(current.opening_float)}, esperado {format_money(current.expected_cash)}."
                  if current else "No hay caja abierta.")  # fmt: skip
        elif args.action == "open":
            view = cash.open(seller.id, _amount(args.opening_float, "--float"))
            print(f"Caja {view.id} abierta con {format_money(view.opening_float)}.")
        elif args.action == "move":
            if not args.kind or args.amount is None:
                raise FarmaposError("Indique --kind y --amount (y --reason).")
            view = cash.move(seller.id, args.kind, _amount(args.amount, "--amount"), args.reason)
            print(f"Anotado. Efectivo esperado: {format_money(view.expected_cash)}.")
        elif args.action == "close":
            if args.counted is None:
                raise FarmaposError("Indique el efectivo contado con --counted.")
            view = cash.close(seller.id, counted=_amount(args.counted, "--counted"),
                              left_in_drawer=_amount(args.leave, "--leave"))  # fmt: skip
            print(f"Caja {view.id} cerrada: esperado {format_money(view.expected_cash)}, contado "
                  f"{format_money(view.counted_cash)}, diferencia {format_money(view.difference)}.")  # fmt: skip
        elif args.action == "collect":
            from farmapos.domain.customers import search_customers

            found = search_customers(database, args.customer or "", limit=2)
            if len(found) != 1:
                raise FarmaposError(f"Indique un cliente inequívoco con --customer ({len(found)} coinciden).")
            owed = cash.collect_credit(seller.id, found[0].id, _amount(args.amount, "--amount"), args.method)
            print(f"Cobrado. {found[0].name} debe {format_money(owed)}.")
        elif args.action == "verify":
            if args.session is None:
                raise FarmaposError("Indique la sesión con --session.")
            cash.verify(args.session, seller.id)
            print(f"Sesión {args.session} verificada por {seller.name}.")
        else:
            with database.uow(read_only=True) as uow:
                report = z_report(uow.session, args.session, workstation.id)
            if args.to_printer:
                from farmapos.app import device_settings
                from farmapos.devices import DeviceError
                from farmapos.devices.printer import TicketPrinter
                from farmapos.devices.ticket_render import render_report

                try:
                    settings = device_settings(workstation, config)
                    TicketPrinter(settings).send(render_report(
                        f"Cierre de caja {report.session_id}", report.rows(), settings,
                        header=f"{report.pharmacy_name} · NIF {report.pharmacy_nif}"))  # fmt: skip
                except DeviceError as exc:
                    raise FarmaposError(f"Impresora: {exc}") from None
                print(f"Cierre de la sesión {report.session_id} enviado a la impresora.")
            elif args.pdf:
                from farmapos.reports.zreport_pdf import write_z_report_pdf

                write_z_report_pdf(report, args.pdf)
                print(f"Cierre de la sesión {report.session_id} en {args.pdf}.")
            else:
                width = max(len(label) for label, _ in report.rows())
                for label, value in report.rows():
                    print(f"{label:<{width}}  {value:>14}")
    finally:
        database.dispose()
    return 0


def _header(session) -> str:
    from sqlalchemy import select

    from farmapos.domain.models import Pharmacy

    pharmacy = session.scalar(select(Pharmacy).limit(1))
    return (
        f"{pharmacy.display_name} · NIF {pharmacy.nif} · {pharmacy.address} {pharmacy.city}"
        if pharmacy
        else ""
    )


def cmd_billing(args: argparse.Namespace) -> int:
    from farmapos.app import open_database
    from farmapos.domain.base import utcnow
    from farmapos.domain.billing import billing, finalize, write_billing_csv
    from farmapos.reports.prescriptions_pdf import write_billing_pdf

    database = open_database(_config(args))
    try:
        with database.uow() as uow:
            result = finalize(uow.session, args.month, args.payer, utcnow()) if args.final else billing(
                uow.session, args.month, args.payer
            )  # fmt: skip
            header = _header(uow.session)
            uow.commit()
    finally:
        database.dispose()
    if args.csv:
        write_billing_csv(result, args.csv)
    else:
        write_billing_pdf(args.pdf, header, result)
    totals = result.totals
    print(f"{args.month} {args.payer}: {totals.prescriptions} recetas, PVP {totals.pvp_total}, aportación "
          f"{totals.copay_total}, a facturar {totals.invoice_total}"
          + (f"; {len(result.discrepancies)} discrepancias" if result.discrepancies else "")
          + (" (definitiva)." if result.final else " (borrador)."))  # fmt: skip
    return 0


def _date_arg(text: str | None, label: str):
    from datetime import datetime

    if text is None:
        raise FarmaposError(f"Indique {label} (AAAA-MM-DD).")
    try:
        return datetime.strptime(text, "%Y-%m-%d").astimezone()
    except ValueError:
        raise FarmaposError(f"{label}: {text!r} no es una fecha AAAA-MM-DD.") from None


def cmd_prescriptions(args: argparse.Namespace) -> int:
    from farmapos.app import open_database
    from farmapos.domain.counter import workstation_view
    from farmapos.domain.sales.service import SaleService

    config = _config(args)
    database = open_database(config)
    try:
        service = SaleService(database, workstation_view(database, config.workstation).id)
        if args.action == "pending":
            pending = service.pending_prescriptions()
            for line_id, number, description, quantity in pending:
                print(f"{line_id:>7}  {number}  {format(quantity.normalize(), 'f'):>4} × {description}")
            print(f"{len(pending)} recetas pendientes.")
        else:
            if args.line is None:
                raise FarmaposError(
                    "Indique la línea con --line (la muestra `farmapos prescriptions pending`)."
                )
            print(service.complete_prescription(args.line, args.number).message)
    finally:
        database.dispose()
    return 0


def cmd_copay(args: argparse.Namespace) -> int:
    from farmapos.app import open_database
    from farmapos.domain.copay_admin import add_copay_type, add_payer, copay_table

    database = open_database(_config(args))
    try:
        if args.action == "list":
            for row in copay_table(database):
                print(row)
        elif args.action == "add-payer":
            add_payer(database, code=args.code or "", name=args.name or "", kind=args.kind)
            print(f"Entidad {args.code} añadida.")
        else:
            add_copay_type(
                database, code=args.code or "", name=args.name or "", patient_pct=_amount(args.pct, "--pct"),
                payer=args.payer, valid_from=_date_arg(args.valid_from, "--from").date(),
                valid_to=_date_arg(args.valid_to, "--to").date() if args.valid_to else None,
                cap_per_pack=_amount(args.cap_pack, "--cap-pack"), cap_per_month=_amount(args.cap_month, "--cap-month"),
            )  # fmt: skip
            print(f"Tipo de aportación {args.code} en vigor desde {args.valid_from}.")
    finally:
        database.dispose()
    return 0


def cmd_register(args: argparse.Namespace) -> int:
    from datetime import timedelta

    from farmapos.app import open_database
    from farmapos.domain.register import entries, narcotics_year_summary
    from farmapos.reports.prescriptions_pdf import write_narcotics_summary_pdf, write_register_pdf

    database = open_database(_config(args))
    try:
        if args.correct is not None:
            from sqlalchemy import select

            from farmapos.domain.base import utcnow
            from farmapos.domain.models import RegisterEntry
            from farmapos.domain.register import correct_entry

            with database.uow() as uow:
                entry_id = uow.session.scalar(
                    select(RegisterEntry.id).where(
                        RegisterEntry.book == args.book, RegisterEntry.number == args.correct
                    )
                )
                if entry_id is None:
                    raise FarmaposError(f"No hay asiento {args.correct} en el libro de {args.book}.")
                number = correct_entry(uow.session, entry_id, args.note, utcnow(), None).number
                uow.commit()
            print(f"Asiento {number} corrige el asiento {args.correct}.")
            return 0
        if args.start is not None:
            from farmapos.domain.register import set_book_start

            with database.uow() as uow:
                set_book_start(uow.session, args.book, args.start)
                uow.commit()
            print(f"El libro de {args.book} continúa en el asiento {args.start}.")
            return 0
        if args.pdf is None:
            raise FarmaposError("Indique el fichero con --pdf.")
        with database.uow(read_only=True) as uow:
            header = _header(uow.session)
            if args.year_summary:
                if args.book != "narcotics":
                    raise FarmaposError("El resumen anual es del libro de estupefacientes.")
                summary = narcotics_year_summary(uow.session, args.year_summary)
                write_narcotics_summary_pdf(args.pdf, header, args.year_summary, summary)
                print(f"Resumen {args.year_summary}: {len(summary)} medicamentos en {args.pdf}.")
                return 0
            start = _date_arg(args.date_from, "--from")
            end = _date_arg(args.date_to, "--to") + timedelta(days=1)
            rows = entries(uow.session, args.book, start, end)
            write_register_pdf(args.pdf, header, args.book, rows, start, end)
    finally:
        database.dispose()
    print(f"{len(rows)} asientos en {args.pdf}.")
    return 0


def cmd_blocks(args: argparse.Namespace) -> int:
    from farmapos.app import open_database
    from farmapos.domain.base import utcnow
    from farmapos.domain.blocks import block_lines, block_views, close_block
    from farmapos.reports.prescriptions_pdf import write_block_cover

    database = open_database(_config(args))
    try:
        with database.uow() as uow:
            if args.close:
                close_block(uow.session, args.close, utcnow())
                uow.commit()
            views = block_views(uow.session)
            if args.cover:
                if not args.pdf:
                    raise FarmaposError("Indique el fichero de la solapa con --pdf.")
                view = next((v for v in views if v.id == args.cover), None)
                if view is None:
                    raise FarmaposError(f"No existe el bloque {args.cover}.")
                write_block_cover(args.pdf, _header(uow.session), view, block_lines(uow.session, view.id))
                print(f"Solapa del bloque {view.copay_code} {view.number} en {args.pdf}.")
                return 0
    finally:
        database.dispose()
    for v in views:
        closed = v.closed_at.astimezone().strftime("%d/%m/%Y") if v.closed_at else "—"
        print(f"{v.id:>5}  {v.copay_code:<8} nº {v.number:<4} {v.state:<7} {v.count:>3}/{v.capacity:<3} "
              f"PVP {v.pvp_total:>9}  aportación {v.copay_total:>8}  "
              f"{v.opened_at.astimezone():%d/%m/%Y} – {closed}")  # fmt: skip
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from farmapos.devices import DeviceError
    from farmapos.devices.commands import devices_test, show_ticket

    if args.action == "show-ticket":
        if args.file is None:
            raise FarmaposError("Indique el fichero capturado: farmapos devices show-ticket FICHERO.")
        try:
            show_ticket(args.file, args.code_page or "cp858", sys.stdout)
        except DeviceError as exc:
            raise FarmaposError(str(exc)) from None
        return 0
    from farmapos.app import device_settings, open_database
    from farmapos.domain.counter import workstation_view

    config = _config(args)
    database = open_database(config)
    try:
        workstation = workstation_view(database, config.workstation)
    finally:
        database.dispose()
    try:
        settings = device_settings(workstation, config)
    except DeviceError as exc:
        raise FarmaposError(str(exc)) from None
    return 0 if devices_test(settings, sys.stdout) else 1


def cmd_labels(args: argparse.Namespace) -> int:
    from farmapos.app import open_database
    from farmapos.devices import DeviceError
    from farmapos.devices.labels import LabelData, labels_pdf
    from farmapos.domain.labels import label_info
    from farmapos.formats import format_money

    database = open_database(_config(args))
    try:
        with database.uow(read_only=True) as uow:
            infos = [label_info(uow.session, code) for code in args.codes]
    finally:
        database.dispose()
    labels = [
        LabelData(i.description, i.price, i.code, i.barcode,
                  f"{format_money(i.unit_price)}/{i.unit}" if i.unit_price is not None else "")
        for i in infos for _ in range(max(1, args.copies))
    ]  # fmt: skip
    try:
        pages = labels_pdf(labels, args.pdf, args.layout, args.start)
    except DeviceError as exc:
        raise FarmaposError(str(exc)) from None
    print(f"{len(labels)} etiquetas en {pages} hoja(s): {args.pdf}.")
    return 0


def cmd_ticket(args: argparse.Namespace) -> int:
    from farmapos.app import device_settings, open_database
    from farmapos.devices import DeviceError
    from farmapos.devices.escpos_text import escpos_to_text
    from farmapos.devices.printer import TicketPrinter
    from farmapos.devices.ticket_render import render_ticket
    from farmapos.domain.counter import workstation_view
    from farmapos.domain.sales.service import SaleService

    config = _config(args)
    database = open_database(config)
    try:
        workstation = workstation_view(database, config.workstation)
        ticket = SaleService(database, workstation.id).ticket(args.number)
    finally:
        database.dispose()
    try:
        settings = device_settings(workstation, config)
        data = render_ticket(ticket, settings, copy=True)
        if args.action == "print":
            TicketPrinter(settings).send(data)
            print(f"Copia del ticket {ticket.full_number} enviada a la impresora.")
        else:
            sys.stdout.write(escpos_to_text(data, settings.code_page))
    except DeviceError as exc:
        raise FarmaposError(str(exc)) from None
    return 0


def _seller(database, code: str | None):
    """The active seller of that code, else the first one."""
    from farmapos.domain.counter import list_sellers

    sellers = list_sellers(database)
    if not sellers:
        raise FarmaposError("No hay vendedores activos.")
    seller = next((s for s in sellers if s.code == (code or sellers[0].code).upper()), None)
    if seller is None:
        raise FarmaposError(f"No existe el vendedor {code!r}.")
    return seller


def _seller_id(database, code: str | None) -> int:
    return _seller(database, code).id


def _units(value: Decimal) -> str:
    """A quantity without trailing zeros or exponent: 10, 4.5."""
    return format(value.normalize(), "f")


def _order_lines(database, texts: list[str], receiving: bool) -> list[tuple[int, Decimal, list[str]]]:
    """`CODE:QTY[:…]` arguments as (article id, quantity, the rest); the code as typed or scanned."""
    from farmapos.domain.catalogue import find_article

    parsed = []
    with database.uow(read_only=True) as uow:
        for text in texts:
            code, _, rest = text.partition(":")
            quantity, *extra = rest.split(":") if rest else [""]
            if not code.strip() or not quantity.strip() or len(extra) > (2 if receiving else 1):
                shape = "CÓDIGO:CANTIDAD[:LOTE[:AAAA-MM-DD]]" if receiving else "CÓDIGO:CANTIDAD[:COSTE]"
                raise FarmaposError(f"--line {text!r}: escriba {shape}.")
            article = find_article(uow.session, code)
            if article is None:
                raise FarmaposError(f"--line {text!r}: no existe el artículo {code.strip()!r}.")
            try:
                units = Decimal(quantity.replace(",", "."))
            except InvalidOperation:
                units = Decimal("NaN")
            if not units.is_finite():
                raise FarmaposError(f"--line {text!r}: {quantity!r} no es una cantidad.")
            parsed.append((article.id, units, extra))
    return parsed


def _write_proposal_csv(rows, handle) -> None:
    import csv

    writer = csv.writer(handle, delimiter=";", lineterminator="\n")
    writer.writerow(["code", "description", "on_hand", "on_order", "min", "max", "proposed"])
    for r in rows:
        writer.writerow([r.code, r.description, *map(_units, (r.on_hand, r.on_order, r.min_stock, r.max_stock,
                                                               r.proposed))])  # fmt: skip


def _orders_warehouse(args: argparse.Namespace, config: AppConfig, database) -> int:
    """`--warehouse CODE`, else this counter's warehouse: the one its receptions go to."""
    from farmapos.domain.counter import workstation_view
    from farmapos.domain.orders import resolve_warehouse

    if args.warehouse:
        return resolve_warehouse(database, args.warehouse)
    return workstation_view(database, config.workstation).warehouse_id


def _orders_propose(args: argparse.Namespace, config: AppConfig, database) -> None:
    from farmapos.domain.orders import reorder_proposal

    rows = reorder_proposal(database, _orders_warehouse(args, config, database))
    if args.csv == "-":
        _write_proposal_csv(rows, sys.stdout)
        return
    if args.csv:
        try:
            with Path(args.csv).open("w", encoding="utf-8", newline="") as handle:
                _write_proposal_csv(rows, handle)
        except OSError as exc:
            raise FarmaposError(f"No se puede escribir {args.csv}: {exc.strerror}.") from None
        print(f"{len(rows)} artículos a pedir en {args.csv}.")
        return
    print(f"{'CÓDIGO':<14} {'DESCRIPCIÓN':<44} {'STOCK':>6} {'PEDIDO':>6} {'MÍN':>5} {'MÁX':>5} PROPUESTA")
    for r in rows:
        print(f"{r.code:<14} {r.description[:44]:<44} {_units(r.on_hand):>6} {_units(r.on_order):>6} "
              f"{_units(r.min_stock):>5} {_units(r.max_stock):>5} {_units(r.proposed):>9}")  # fmt: skip
    total = sum((r.proposed for r in rows), Decimal(0))
    print(f"{len(rows)} artículos, {_units(total)} unidades propuestas.")


def _orders_create(args: argparse.Namespace, config: AppConfig, database) -> None:
    from farmapos.domain import orders
    from farmapos.domain.suppliers import find_supplier

    if not args.supplier:
        raise FarmaposError("Indique el proveedor con --supplier CÓDIGO.")
    if args.from_proposal == bool(args.line):
        raise FarmaposError(
            "Indique las líneas con --line CÓDIGO:CANTIDAD o con --from-proposal (una de las dos)."
        )
    supplier = find_supplier(database, args.supplier)
    warehouse_id = _orders_warehouse(args, config, database)
    if args.from_proposal:
        lines = orders.lines_from_proposal(orders.reorder_proposal(database, warehouse_id))
        if not lines:
            raise FarmaposError("La propuesta está vacía: ningún artículo ha llegado a su mínimo.")
    else:
        lines = [
            orders.OrderLineInput(article_id, quantity, _amount(extra[0], "coste") if extra else None)
            for article_id, quantity, extra in _order_lines(database, args.line, receiving=False)
        ]
    view = orders.create_order(database, supplier.id, lines, _seller_id(database, args.seller),
                               warehouse_id=warehouse_id, note=args.note)  # fmt: skip
    units = sum((line.quantity for line in view.lines), Decimal(0))
    print(f"{view.reference} a {view.supplier_name} (borrador): {len(view.lines)} líneas, {_units(units)} "
          f"unidades. Envíelo con `farmapos orders send {view.number}`.")  # fmt: skip


def _orders_receive(args: argparse.Namespace, config: AppConfig, database, order_id: int) -> None:
    from farmapos.domain.counter import workstation_view
    from farmapos.domain.orders import order_view
    from farmapos.domain.reception import ReceivedLine, receive_goods

    if args.all_pending == bool(args.line):
        raise FarmaposError("Indique lo recibido con --line CÓDIGO:CANTIDAD o con --all (una de las dos).")
    lines: list[ReceivedLine] | None = None  # --all: what is pending, read by the reception under the order's lock
    if not args.all_pending:
        lines = []
        for article_id, quantity, extra in _order_lines(database, args.line, receiving=True):
            expiry = _date_arg(extra[1], "caducidad").date() if len(extra) > 1 and extra[1] else None
            lines.append(ReceivedLine(article_id, quantity, extra[0] if extra else None, expiry))
    receive_goods(database, workstation_id=workstation_view(database, config.workstation).id,
                  seller_id=_seller_id(database, args.seller), document=args.delivery_note, lines=lines,
                  order_id=order_id)  # fmt: skip
    view = order_view(database, order_id)
    left = f"; quedan {_units(view.pending)} unidades pendientes" if view.pending else ""
    received = f"{len(lines)} líneas recibidas" if lines is not None else "todo lo pendiente recibido"
    print(f"{view.reference}: {received}, {view.state_name}{left}.")


def _print_order(view) -> None:
    sent = f", enviado el {view.sent_at.astimezone():%d/%m/%Y %H:%M}" if view.sent_at else ""
    print(f"{view.reference} a {view.supplier_name} ({view.supplier_code}): {view.state_name}; creado el "
          f"{view.created_at.astimezone():%d/%m/%Y %H:%M} por {view.created_by}{sent}.")  # fmt: skip
    if view.note:
        print(f"Nota: {view.note}")
    print(f"{'CÓDIGO':<14} {'DESCRIPCIÓN':<44} {'PEDIDO':>7} {'RECIBIDO':>8} {'PENDIENTE':>9}")
    for line in view.lines:
        excess = f"  ({_units(line.excess)} de más)" if line.excess else ""
        print(f"{line.code:<14} {line.description[:44]:<44} {_units(line.quantity):>7} {_units(line.received):>8} "
              f"{_units(line.pending):>9}{excess}")  # fmt: skip


def cmd_orders(args: argparse.Namespace) -> int:
    from farmapos.app import open_database
    from farmapos.domain import orders
    from farmapos.domain.suppliers import find_supplier

    config = _config(args)
    database = open_database(config)
    try:
        if args.action == "propose":
            _orders_propose(args, config, database)
        elif args.action == "create":
            _orders_create(args, config, database)
        elif args.action == "list":
            supplier_id = find_supplier(database, args.supplier).id if args.supplier else None
            states = [args.state] if args.state else None
            found = orders.list_orders(database, states=states, supplier_id=supplier_id)
            for o in found:
                print(f"{o.number:>6}  {o.created_at.astimezone():%d/%m/%Y}  {o.state_name:<17} {o.supplier_code:<10} "
                      f"{o.lines:>4} líneas  {_units(o.received):>6}/{_units(o.ordered)} uds recibidas")  # fmt: skip
            print(f"{len(found)} pedidos.")
        else:
            if args.number is None:
                raise FarmaposError(f"Indique el número del pedido: farmapos orders {args.action} N.")
            order_id = orders.find_order(database, args.number)
            if args.action == "show":
                _print_order(orders.order_view(database, order_id))
            elif args.action == "send":
                view = orders.send_order(database, order_id)
                print(
                    f"{view.reference} enviado a {view.supplier_name}: {_units(view.pending)} unidades pedidas."
                )
            elif args.action == "cancel":
                print(f"{orders.cancel_order(database, order_id).reference} anulado.")
            else:
                _orders_receive(args, config, database, order_id)
    finally:
        database.dispose()
    return 0


def cmd_suppliers(args: argparse.Namespace) -> int:
    from farmapos.app import open_database
    from farmapos.domain.suppliers import add_supplier, find_supplier, list_suppliers, set_supplier_active

    database = open_database(_config(args))
    try:
        if args.action == "add":
            if not args.code or not args.name:
                raise FarmaposError("Indique --code y --name (y, si quiere, --nif, --phone, --email).")
            add_supplier(
                database, code=args.code, name=args.name, nif=args.nif, phone=args.phone, email=args.email
            )
            print(f"Proveedor {args.code.strip().upper()} añadido.")
        elif args.action in ("withdraw", "restore"):
            if not args.code:
                raise FarmaposError("Indique el proveedor con --code CÓDIGO.")
            supplier = find_supplier(database, args.code)
            set_supplier_active(database, supplier.id, args.action == "restore")
            done = (
                "vuelve a estar de alta" if args.action == "restore" else "dado de baja: no se le harán pedidos nuevos"
            )
            print(f"Proveedor {supplier.code} ({supplier.name}) {done}.")
        else:
            found = list_suppliers(database, include_inactive=args.include_inactive)
            for s in found:
                print(f"{s.code:<12} {s.name:<40} {s.nif or '':<10} {s.phone:<15} {s.email}"
                      + ("" if s.active else "  (de baja)"))  # fmt: skip
            print(f"{len(found)} proveedores.")
    finally:
        database.dispose()
    return 0


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "counter": cmd_counter,
    "db": cmd_db,
    "demo-data": cmd_demo_data,
    "import": cmd_import,
    "export": cmd_export,
    "verify-chain": cmd_verify_chain,
    "cash": cmd_cash,
    "billing": cmd_billing,
    "register": cmd_register,
    "blocks": cmd_blocks,
    "devices": cmd_devices,
    "labels": cmd_labels,
    "ticket": cmd_ticket,
    "prescriptions": cmd_prescriptions,
    "copay": cmd_copay,
    "orders": cmd_orders,
    "suppliers": cmd_suppliers,
}


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    command = COMMANDS[args.command or "counter"]
    try:
        return command(args)
    except FarmaposError as exc:
        print(f"farmapos: {exc}", file=sys.stderr)
        return EXIT_USER_ERROR
    except DBAPIError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else exc.__class__.__name__
        print(f"farmapos: error de base de datos: {reason}", file=sys.stderr)
        return EXIT_DATABASE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # a defect, not a user error: keep the details in the log, show one line
        log = _log_exception(args)
        print(
            f"farmapos: error interno ({exc.__class__.__name__}: {exc}); detalles en {log}", file=sys.stderr
        )
        return 1


def _log_exception(args: argparse.Namespace) -> Path:
    import traceback
    from datetime import datetime

    from farmapos.config import data_dir

    path = data_dir() / "farmapos.log"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {datetime.now().isoformat()} farmapos {args.command or 'counter'}\n")
        handle.write(traceback.format_exc())
    return path


if __name__ == "__main__":
    sys.exit(main())
