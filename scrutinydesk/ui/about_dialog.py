"""Help → About: the version, the database open, the data folder, the settings IT preconfigured, and
the licences of every component bundled with the app (read from the installed distributions' metadata,
which the packaged app carries too)."""
from __future__ import annotations

import platform
import re
from dataclasses import dataclass
from importlib import metadata
from importlib.util import find_spec
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scrutinydesk import __version__
from scrutinydesk.core.config import load_settings
from scrutinydesk.core.dates import long_date
from scrutinydesk.core.errors import UserFacingError
from scrutinydesk.core.paths import APP_NAME, resources_dir
from scrutinydesk.core.releases import OpenRelease
from scrutinydesk.ui.text_sizes import resize_to_text

LICENCE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE|AUTHORS)", re.IGNORECASE)


@dataclass(frozen=True)
class Component:
    """One bundled component: what it is, its version, its licence and, where shipped, the licence text."""

    name: str
    version: str
    licence: str
    text: str


def _licence_of(meta: metadata.PackageMetadata) -> str:
    expression = meta.get("License-Expression")
    if expression:
        return expression
    declared = (meta.get("License") or "").strip()
    if declared and "\n" not in declared and len(declared) <= 80:
        return declared  # some put the whole licence text here; then the classifiers say it better
    classifiers = [c.rsplit(" :: ", 1)[-1] for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    return ", ".join(classifiers) or (declared.splitlines()[0] if declared else "not stated")


def _licence_text(dist: metadata.Distribution, licence: str) -> str:
    texts = []
    for file in dist.files or []:
        in_metadata = file.parts[0].endswith((".dist-info", ".egg-info"))
        if in_metadata and LICENCE_FILE.search(file.name):
            try:
                text = Path(file.locate()).read_text(encoding="utf-8", errors="replace").strip()
            except OSError:
                continue
            texts.append(f"── {file.name} ──\n{text}")
    if texts:
        return "\n\n".join(texts)
    home = dist.metadata.get("Home-page") or next(
        (url.split(",", 1)[1].strip() for url in dist.metadata.get_all("Project-URL") or [] if "," in url), "")
    return (f"{dist.metadata['Name']} does not ship its licence text with its metadata. Its licence is: {licence}."
            + (f"\nSee {home}" if home else ""))


def _requirement_name(requirement: str) -> str | None:
    """The distribution a ``Requires-Dist`` line names, or None for an optional (extra) one."""
    if "extra ==" in requirement.replace('"', "").replace("'", ""):
        return None
    match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    return match.group(0) if match else None


def _is_bundled(dist: metadata.Distribution) -> bool:
    """Whether the code of ``dist`` is importable here (the packaged app carries only what it uses)."""
    tops = {f.parts[0].split(".")[0] for f in dist.files or [] if f.suffix in (".py", ".so", ".pyd")
            and not f.parts[0].endswith((".dist-info", ".data")) and f.parts[0] != ".."}
    return any(find_spec(top) is not None for top in tops if top.isidentifier())


def bundled_components(root: str = APP_NAME) -> list[Component]:
    """Every distribution ``root`` requires, directly or not, that is present; then Python and the fonts."""
    seen: dict[str, Component] = {}
    todo = [root]
    while todo:
        name = todo.pop()
        key = re.sub(r"[-_.]+", "-", name).lower()
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform or Python version
        licence = _licence_of(dist.metadata)
        if name != root and _is_bundled(dist):
            seen[key] = Component(dist.metadata["Name"], dist.version, licence, _licence_text(dist, licence))
        else:
            seen[key] = Component("", "", "", "")  # visited, not listed
        todo += [n for n in map(_requirement_name, dist.requires or []) if n]
    listed = sorted((c for c in seen.values() if c.name), key=lambda c: c.name.lower())
    python = Component("Python", platform.python_version(), "PSF-2.0",
                       "The Python interpreter and standard library, under the Python Software Foundation "
                       "License Version 2.\nSee https://docs.python.org/3/license.html")
    qt = Component("Qt", qVersion(), "LGPL-3.0-only",
                   "The Qt libraries (through PySide6) are used under the GNU Lesser General Public License "
                   "version 3. They are separate files in the app's folder, which you may replace with your "
                   "own build of the same version.\nSource: https://code.qt.io")
    return [*listed, python, qt, *_resource_licences()]


def _resource_licences() -> list[Component]:
    """Files shipped in resources/ under their own licence (fonts), each with a LICENSE-<name>.txt beside it."""
    found = []
    for path in sorted(resources_dir().rglob("LICENSE-*")):
        text = path.read_text(encoding="utf-8", errors="replace")
        declared = re.search(r"^License:\s*(\S.*)$", text, re.MULTILINE)  # Debian copyright format
        found.append(Component(f"{path.stem.removeprefix('LICENSE-')} {path.parent.name}", "",
                               declared.group(1).strip() if declared else "see the licence text", text))
    return found


def describe_release(release: OpenRelease, built_at: str | None = None) -> str:
    """One line saying which database is open, as the status bar does."""
    if release.version is None:
        return "The database bundled with the app" + (f", built {long_date(built_at)}" if built_at else "")
    text = f"Release v{release.version}"
    if release.published_at:
        text += f", published {long_date(release.published_at)}"
    if release.published_by:
        text += f" by {release.published_by}"
    return text


class ComponentsModel(QAbstractTableModel):
    COLUMNS = ("Component", "Version", "Licence")

    def __init__(self, components: list[Component], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.components = components

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.components)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        component = self.components[index.row()]
        return (component.name, component.version, component.licence)[index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: ANN201
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.COLUMNS[section]
        return None


class AboutDialog(QDialog):
    """What a member or IT needs when asking for help: which version, which database, which folder."""

    def __init__(self, release: OpenRelease, data_dir: Path, built_at: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        resize_to_text(self, 126, 45)
        self.data_dir = data_dir

        heading = QLabel(f"<h2>{APP_NAME} {__version__}</h2>"
                         "<p>Meetings, resolutions, actions and indicators of a council scrutiny committee, "
                         "offline.</p>")
        heading.setWordWrap(True)
        top = QHBoxLayout()
        icon = QLabel()
        pixmap = QPixmap(str(resources_dir() / "icons" / f"{APP_NAME}-64.png"))
        if not pixmap.isNull():
            icon.setPixmap(pixmap)
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(heading, 1)

        form = QFormLayout()
        self.fields: dict[str, QLabel] = {}
        shared, trusted = self._settings_text()
        open_folder = QPushButton("Open data folder")
        open_folder.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.data_dir))))
        for label, value in (("Version", __version__), ("Database open", describe_release(release, built_at)),
                             ("Database file", str(release.path)), ("Data folder", str(data_dir)),
                             ("Shared folder", shared), ("Trusted officer key", trusted),
                             ("Built with", f"Python {platform.python_version()}, Qt {qVersion()}, "
                                            f"PySide6 {pyside_version}")):
            field = QLabel(value)
            field.setWordWrap(True)
            field.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            field.setAccessibleName(label)
            self.fields[label] = field
            form.addRow(f"{label}:", field)
        folder_row = QHBoxLayout()
        folder_row.addWidget(open_folder)
        folder_row.addStretch(1)
        form.addRow("", folder_row)

        self.model = ComponentsModel(bundled_components(), self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Bundled components and their licences")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.licence_text = QPlainTextEdit()
        self.licence_text.setReadOnly(True)
        self.licence_text.setAccessibleName("Licence text")
        self.licence_text.setPlaceholderText("Choose a component to read its licence.")
        self.table.selectionModel().currentRowChanged.connect(self._show_licence)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.licence_text)
        splitter.setSizes([260, 160])

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Bundled components and their licences</b>"))
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        if self.model.rowCount():
            self.table.selectRow(0)

    def _settings_text(self) -> tuple[str, str]:
        try:
            settings = load_settings(self.data_dir)
        except UserFacingError as error:
            return str(error), str(error)
        shared = str(settings.shared_folder) if settings.shared_folder else "Not set (File → Settings…)"
        key = settings.trusted_key
        trusted = (f"{key.get('name') or 'officer'} (key id {key.get('key_id', 'not given')})" if key
                   else "Not set (File → Settings…)")
        return shared, trusted

    def _show_licence(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self.licence_text.setPlainText(self.model.components[current.row()].text)
