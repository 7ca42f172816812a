"""The workstation's device settings, edited in the app (Ctrl+Alt+D) and checked before they are saved."""

from __future__ import annotations

import itertools

from PySide6.QtWidgets import QDialog, QFormLayout, QLabel, QLineEdit

from farmapos.devices import DeviceConfigError, DeviceSettings
from farmapos.ui.i18n import tr_message


class DeviceSettingsDialog(QDialog):
    def __init__(self, current: DeviceSettings, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dispositivos de este mostrador"))
        self.settings: DeviceSettings | None = None
        self.printer = QLineEdit(current.printer)
        self.display = QLineEdit(current.display)
        self.drawer = QLineEdit(current.drawer)
        self.scanner = QLineEdit(current.scanner)
        self.columns = QLineEdit(str(current.columns))
        self.profile = QLineEdit(current.profile)
        self.code_page = QLineEdit(current.code_page)
        self.error = QLabel("")
        self.error.setWordWrap(True)
        layout = QFormLayout(self)
        rows = ((self.tr("Impresora"), self.printer), (self.tr("Visor"), self.display), (self.tr("Cajón"), self.drawer),
                (self.tr("Lector"), self.scanner), (self.tr("Columnas (32/42/48)"), self.columns),
                (self.tr("Perfil de impresora"), self.profile),
                (self.tr("Página de códigos"), self.code_page))  # fmt: skip
        for label, field in rows:
            layout.addRow(label, field)
        layout.addRow(QLabel(self.tr("Ej.: usb://04b8:0202 · tcp://192.168.1.50:9100 · serial:///dev/ttyS1?baudrate=9600"
                                     "&protocol=cd5220 · printer:2 · file:///ruta · sim:// · none")))  # fmt: skip
        layout.addRow(self.error)
        fields = [field for _label, field in rows]
        for current_field, following in itertools.pairwise(fields):
            current_field.returnPressed.connect(following.setFocus)
        fields[-1].returnPressed.connect(self._accept)

    def _accept(self) -> None:
        try:
            columns = int(self.columns.text())
            settings = DeviceSettings(
                printer=self.printer.text().strip() or "none", display=self.display.text().strip() or "none",
                drawer=self.drawer.text().strip() or "none", scanner=self.scanner.text().strip() or "keyboard",
                columns=columns, profile=self.profile.text().strip() or "default",
                code_page=self.code_page.text().strip().lower() or "cp858",
            ).validate()  # fmt: skip
        except (DeviceConfigError, ValueError) as exc:
            self.error.setText(tr_message(exc))
            return
        self.settings = settings
        self.accept()
