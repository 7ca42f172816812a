"""Printer status over DLE EOT and the print queue: a printer fault never loses or blocks a sale."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator

import pytest

from farmapos.devices.config import DeviceSettings
from farmapos.devices.errors import DeviceError
from farmapos.devices.escpos_text import escpos_to_text
from farmapos.devices.printer import PrintJob, PrintQueue, TicketPrinter
from farmapos.devices.simulators import PrinterSimulator, simulator
from farmapos.devices.ticket_render import render_ticket
from farmapos.devices.transports import MemoryTransport
from tests.devices.conftest import make_ticket

TCP = DeviceSettings(printer="tcp://10.0.0.9:9100")


class NetworkPrinter:
    """A printer on a real TCP port, answering status requests through a PrinterSimulator."""

    def __init__(self, port: int, device: PrinterSimulator) -> None:
        self.device = device
        self.served = threading.Event()
        """Set when a client has sent everything and closed its connection."""
        self.server = socket.create_server(("127.0.0.1", port), reuse_port=False)
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            with connection:
                while chunk := connection.recv(65536):
                    self.device.write(chunk)
                    if reply := self.device.read(16):
                        connection.sendall(reply)
            self.served.set()

    def close(self) -> None:
        self.server.close()


@pytest.fixture
def free_port() -> Iterator[int]:
    """A port nothing listens on (yet): connecting to it is refused at once."""
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    yield port


def test_status_online_paper_out_cover_open_offline_and_unknown(tmp_path) -> None:
    device = PrinterSimulator()
    printer = TicketPrinter(TCP, transport_factory=lambda: device)
    assert printer.status().state == "online"
    assert device.requests == [b"\x10\x04\x01", b"\x10\x04\x04"]  # DLE EOT 1 then DLE EOT 4
    device.paper_near_end = True
    assert (printer.status().state, printer.status().detail) == ("online", "queda poco papel")
    device.paper = False
    assert printer.status().state == "paper_out"
    device.paper, device.cover_open = True, True
    device.requests.clear()
    assert printer.status() == printer.status().__class__("offline", "tapa abierta")
    assert device.requests[-1] == b"\x10\x04\x02"  # the offline cause is asked only when offline
    device.connected = False
    assert printer.status().state == "offline"
    silent = TicketPrinter(TCP, transport_factory=lambda: MemoryTransport(replies=[]))
    assert silent.status().state == "unknown"
    garbage = TicketPrinter(TCP, transport_factory=lambda: MemoryTransport(replies=[b"\xff"]))
    assert garbage.status().state == "unknown"  # not a status byte: not trusted
    capture = tmp_path / "t.escpos"
    assert TicketPrinter(DeviceSettings(printer=f"file://{capture}")).status().state == "unknown"
    assert not capture.exists()  # asking a file for its status writes nothing into the capture
    assert TicketPrinter(DeviceSettings()).status().state == "none"


def test_status_of_a_serial_printer_through_a_pseudo_terminal(pty_pair) -> None:
    import os

    controller, device_path = pty_pair
    device = PrinterSimulator(paper=False)

    def answer() -> None:
        for _ in range(3):
            request = os.read(controller, 3)
            device.write(request)
            os.write(controller, device.read(1))

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    status = TicketPrinter(DeviceSettings(printer=f"serial://{device_path}?baudrate=19200")).status()
    thread.join(5)
    assert status.state == "paper_out"
    assert device.requests == [b"\x10\x04\x01", b"\x10\x04\x04", b"\x10\x04\x02"]


def test_an_offline_printer_leaves_the_job_failed_and_a_retry_prints_it(free_port: int) -> None:
    printer = TicketPrinter(DeviceSettings(printer=f"tcp://127.0.0.1:{free_port}"))
    queue = PrintQueue(printer)
    seen: list[tuple[int, str]] = []
    queue.listen(lambda job: seen.append((job.id, job.state)))
    ticket = render_ticket(make_ticket(), printer.settings)
    job = queue.submit("T1-2026-000007", ticket)  # returns at once, never raises
    assert job.state == "queued"
    assert queue.wait_idle(5)
    failed = queue.jobs()[0]
    assert failed.state == "failed" and "no responde" in failed.error and failed.attempts == 1
    assert (queue.waiting(), queue.state()) == (1, "failed")
    assert seen == [(1, "queued"), (1, "printing"), (1, "failed")]
    device = PrinterSimulator()
    network = NetworkPrinter(free_port, device)  # the printer is switched back on
    try:
        queue.retry(job.id)
        assert queue.wait_idle(5) and network.served.wait(5)
    finally:
        network.close()
    done = queue.jobs()[0]
    assert (done.state, done.attempts, done.error) == ("done", 2, "")
    assert bytes(device.data) == ticket and device.requests[0] == b"\x10\x04\x01"
    assert (queue.waiting(), queue.state()) == (0, "idle")
    assert seen[3:] == [(1, "queued"), (1, "printing"), (1, "done")]
    queue.close()


def test_a_printer_out_of_paper_keeps_the_job_instead_of_swallowing_it() -> None:
    device = PrinterSimulator(paper=False)
    queue = PrintQueue(TicketPrinter(TCP, transport_factory=lambda: device))
    job = queue.submit("T1", b"ticket")
    assert queue.wait_idle(5)
    assert queue.jobs()[0].state == "failed" and queue.jobs()[0].error == "sin papel"
    assert device.held == b"" and device.data == b""  # nothing was sent to be lost in the printer
    device.paper = True
    assert queue.retry_failed() == 1 and queue.wait_idle(5)
    assert queue.jobs()[0].state == "done" and bytes(device.data) == b"ticket"
    reprint = queue.reprint(job.id)
    assert queue.wait_idle(5) and reprint.id != job.id
    assert bytes(device.data) == b"ticketticket" and [j.state for j in queue.jobs()] == ["done", "done"]
    queue.close()


def test_jobs_print_in_order_and_faults_of_any_kind_stay_in_the_queue() -> None:
    device = PrinterSimulator()
    calls = iter([device, RuntimeError("driver bug"), device])

    def factory():
        item = next(calls)
        if isinstance(item, Exception):
            raise item
        return item

    queue = PrintQueue(TicketPrinter(DeviceSettings(printer="sim://"), transport_factory=factory))
    broken: list[PrintJob] = []
    queue.listen(lambda job: 1 / 0)  # a broken listener does not stop printing
    queue.listen(lambda job: broken.append(job) if job.state == "failed" else None)
    for title in ("A", "B", "C"):
        queue.submit(title, title.encode())
    assert queue.wait_idle(5)
    assert [(j.title, j.state) for j in queue.jobs()] == [("A", "done"), ("B", "failed"), ("C", "done")]
    assert bytes(device.data) == b"AC" and broken[0].error == "driver bug"
    with pytest.raises(KeyError):
        queue.retry(99)
    queue.close()
    closed = queue.submit("D", b"D")  # after close: kept as failed, still no exception
    assert closed.state == "failed" and "cerrada" in closed.error


def test_sim_printer_keeps_tickets_readable() -> None:
    printer = TicketPrinter(DeviceSettings(printer="sim://"))
    printer.send(render_ticket(make_ticket(), printer.settings))
    captured = simulator("printer")
    assert "13,61 €" in escpos_to_text(bytes(captured.data))
    with pytest.raises(DeviceError, match="No hay impresora"):
        TicketPrinter(DeviceSettings()).send(b"x")


def test_usb_without_pyusb_is_a_clear_offline_status_and_a_failed_job() -> None:
    from escpos.printer import Usb

    if Usb.is_usable():
        pytest.skip("pyusb is installed here: the message for its absence cannot be shown")
    printer = TicketPrinter(DeviceSettings(printer="usb://04b8:0202"))
    status = printer.status()
    assert status.state == "offline" and "pyusb" in status.detail and "file:///dev/usb/lp0" in status.detail
    queue = PrintQueue(printer)
    queue.submit("T1", b"x")
    assert queue.wait_idle(5) and "pyusb" in queue.jobs()[0].error
    queue.close()
