"""Word reports: DOCX with python-docx; old binary .doc and Kingsoft .wps through a converter.

DOCX
    The body's ``w:p`` and ``w:tbl`` children are read in document order (content controls and
    custom-XML wrappers are looked through), so a table stays between the paragraphs around it.
    Empty paragraphs are dropped. A merged cell's text stands in every grid position it spans:
    across (``w:gridSpan``, legacy ``w:hMerge``) and down (``w:vMerge``), so every row has the
    table's full width. ``w:gridBefore`` leaves empty leading positions.

    Nested tables: a table of one column (every row a single cell) is a layout frame, which is
    how reports box their whole body: its cells are read as body content, so the tables inside
    it come out as tables of their own. A table nested in a cell of a real (multi-column) table
    is folded into that cell's text, row by row, its cells separated by spaces.

    Text boxes are read after the paragraph that anchors them; ``mc:Fallback`` copies of
    drawings are skipped so their text is not read twice.

    Zip bombs: before anything is inflated, the zip's central directory is checked. The declared
    sizes bound what :mod:`zipfile` will ever inflate (it stops at the declared size and fails
    the CRC), so a total over ``max_unzipped_bytes``, an absurd compression ratio or an absurd
    number of members is refused as ``oversized_file`` without decompressing anything.

.doc / .wps
    Both are OLE containers in Word's binary format (Kingsoft WPS writes Word-compatible files).
    They are converted by a real tool found on ``PATH``:

    * ``soffice`` (LibreOffice): ``soffice -env:UserInstallation=file:///TMP/profile --headless
      --convert-to docx --outdir TMP/out TMP/input.doc``, then :func:`extract_docx`, so tables
      and their merges survive. Each run has its own profile directory, so parallel runs do not
      collide, and a timeout after which its whole process group is killed;
    * ``antiword``: ``antiword -x db TMP/input.doc`` (DocBook XML), whose tables keep their cell
      boundaries, horizontal merges resolved from the column widths. Vertical merges come out as
      empty cells: antiword does not write what they span. Its plain-text mode (``antiword -m
      UTF-8.txt -w 0``, read with :func:`parse_text`) is the fallback when the XML does not parse;
      it is not the first choice because it wraps long cells onto extra lines that read as rows.

    A failed conversion falls through to the next tool. Temporary files are removed.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from lxml import etree

from gxcrawl.extract.model import (
    CORRUPT_FILE,
    EMPTY_FILE,
    ENCRYPTED_FILE,
    NO_CONVERTER,
    OVERSIZED_FILE,
    Block,
    Document,
    Paragraph,
    Table,
)
from gxcrawl.extract.text import parse_text
from gxcrawl.filetypes import OLE

ZIP = b"PK\x03\x04"
RTF = b"{\\rtf"
# The stream an OLE container holds in place of the zip when an Office file has a password.
ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")

# Zip-bomb limits besides the total: no real document has more members, or inflates a large
# member more than this (Word's XML deflates 5-20 times; a run of zeros, about 1000 times).
MAX_ZIP_MEMBERS = 10_000
MAX_RATIO = 200
RATIO_CHECKED_FROM = 1024 * 1024  # small members may compress as well as they like

CONVERTERS = ("soffice", "antiword")
NO_CONVERTER_WARNING = f"{NO_CONVERTER}: install LibreOffice (soffice) or antiword to read .doc/.wps"

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Elements that only wrap body, row or cell content.
WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag"}
BREAKS = {f"{W}tab", f"{W}ptab", f"{W}br", f"{W}cr"}


# --- DOCX ---------------------------------------------------------------------------------------


def extract_docx(data: bytes, *, max_unzipped_bytes: int = 200 * 1024 * 1024) -> Document:
    if not data:
        return Document([], [EMPTY_FILE])
    if data.startswith(OLE):
        if _has_encrypted_package(data):
            return Document([], [f"{ENCRYPTED_FILE}: password-protected Office file"])
        return Document([], [f"{CORRUPT_FILE}: an OLE (Word 97-2003) file, not a docx"])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as error:
        return Document([], [f"{CORRUPT_FILE}: not a zip ({error})"])
    if refusal := _zip_refusal(infos, max_unzipped_bytes):
        return Document([], [refusal])
    try:
        body = _docx_body(data)
        if body is None:
            return Document([], [f"{CORRUPT_FILE}: no w:body in the main document part"])
        return Document(_blocks(body))
    except Exception as error:  # python-docx and lxml raise many kinds on a broken package
        return Document([], [f"{CORRUPT_FILE}: {type(error).__name__}: {error}"])


def _zip_refusal(infos: list[zipfile.ZipInfo], max_unzipped_bytes: int) -> str | None:
    """The warning for a zip that must not be opened, from its central directory alone."""
    if any(info.flag_bits & 0x1 for info in infos):
        return f"{ENCRYPTED_FILE}: zip members are encrypted"
    if len(infos) > MAX_ZIP_MEMBERS:
        return f"{OVERSIZED_FILE}: {len(infos)} zip members"
    total = sum(info.file_size for info in infos)
    if total > max_unzipped_bytes:
        return f"{OVERSIZED_FILE}: {total} bytes unzipped, over the {max_unzipped_bytes} limit"
    for info in infos:
        if info.file_size >= RATIO_CHECKED_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size // max(info.compress_size, 1)
            return f"{OVERSIZED_FILE}: {info.filename} inflates {ratio} times ({info.file_size} bytes)"
    return None


def _docx_body(data: bytes) -> etree._Element | None:
    # docx.Document() refuses .docm/.dotx content types; the package reader does not.
    from docx.oxml.parser import parse_xml
    from docx.package import Package

    part = Package.open(io.BytesIO(data)).main_document_part
    root = part.element if hasattr(part, "element") else parse_xml(part.blob)
    return root.find(f"{W}body")


def _children(element: etree._Element) -> Iterator[etree._Element]:
    """Child elements, looking through content controls and custom-XML wrappers."""
    for child in element:
        if child.tag in WRAPPERS:
            yield from _children(child)
        elif isinstance(child.tag, str):
            yield child


def _blocks(container: etree._Element) -> list[Block]:
    """Paragraphs and tables of a body, cell or text box, in document order."""
    blocks: list[Block] = []
    for child in _children(container):
        if child.tag == f"{W}p":
            text, boxes = _paragraph(child)
            if text:
                blocks.append(Paragraph(text))
            for box in boxes:
                blocks.extend(_blocks(box))
        elif child.tag == f"{W}tbl":
            blocks.extend(_table_blocks(child))
    return blocks


def _paragraph(p: etree._Element) -> tuple[str, list[etree._Element]]:
    """The paragraph's text (whitespace collapsed) and the text boxes anchored in it."""
    parts: list[str] = []
    boxes: list[etree._Element] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            tag = child.tag
            if tag == f"{W}t":
                parts.append(child.text or "")
            elif tag in BREAKS:
                parts.append(" ")
            elif tag == f"{W}noBreakHyphen":
                parts.append("-")
            elif tag == f"{W}txbxContent":
                boxes.append(child)
            elif tag != MC_FALLBACK and isinstance(tag, str):
                walk(child)

    walk(p)
    return " ".join("".join(parts).split()), boxes


def _table_blocks(tbl: etree._Element) -> list[Block]:
    rows = [[tc for tc in _children(tr) if tc.tag == f"{W}tc"] for tr in _children(tbl) if tr.tag == f"{W}tr"]
    if rows and all(len(cells) == 1 for cells in rows):
        # A one-column table is a frame around content: read its cells as body content.
        blocks: list[Block] = []
        for (tc,) in rows:
            if not _continues_down(tc):
                blocks.extend(_blocks(tc))
        return blocks
    grid = _resolved_rows(tbl)
    return [Table.from_rows(grid)] if any(any(row) for row in grid) else []


def _resolved_rows(tbl: etree._Element) -> list[list[str]]:
    """Rows with every merged cell's text in each position it spans."""
    grid: list[list[str]] = []
    for tr in _children(tbl):
        if tr.tag != f"{W}tr":
            continue
        row = [""] * _count(tr.find(f"{W}trPr"), "gridBefore", 0)
        for tc in _children(tr):
            if tc.tag != f"{W}tc":
                continue
            tc_pr = tc.find(f"{W}tcPr")
            span = _count(tc_pr, "gridSpan", 1)
            column = len(row)
            if _continues_down(tc):
                text = grid[-1][column] if grid and column < len(grid[-1]) else ""
            elif _merge_continues(tc_pr, "hMerge") and row:
                text = row[-1]
            else:
                text = _cell_text(tc)
            row.extend([text] * span)
        grid.append(row)
    return grid


def _cell_text(tc: etree._Element) -> str:
    texts: list[str] = []
    for block in _blocks(tc):
        if isinstance(block, Paragraph):
            texts.append(block.text)
        else:  # a nested table, folded into the cell row by row; a merged cell's text once
            for row in block.rows:
                texts.extend(cell for i, cell in enumerate(row) if cell and (i == 0 or cell != row[i - 1]))
    return " ".join(texts)


def _continues_down(tc: etree._Element) -> bool:
    return _merge_continues(tc.find(f"{W}tcPr"), "vMerge")


def _merge_continues(tc_pr: etree._Element | None, name: str) -> bool:
    merge = tc_pr.find(f"{W}{name}") if tc_pr is not None else None
    return merge is not None and merge.get(f"{W}val", "continue") != "restart"


def _count(properties: etree._Element | None, name: str, default: int) -> int:
    """A grid count property (gridSpan, gridBefore), kept within Word's 63 columns."""
    element = properties.find(f"{W}{name}") if properties is not None else None
    try:
        value = int(element.get(f"{W}val")) if element is not None else default
    except (TypeError, ValueError):
        value = default
    return max(default, min(value, 63))


# --- .doc / .wps ----------------------------------------------------------------------------------


def extract_doc(
    data: bytes, kind: str = "doc", *, converters: Sequence[str] = CONVERTERS, timeout: float = 120
) -> Document:
    """``kind`` is ``doc`` or ``wps``. ``converters`` are tried in order, those on ``PATH`` only."""
    if not data:
        return Document([], [EMPTY_FILE])
    if data.startswith(ZIP):  # a docx saved with the old extension
        return extract_docx(data)
    if data.startswith(OLE):
        if _has_encrypted_package(data):
            return Document([], [f"{ENCRYPTED_FILE}: password-protected Office file"])
        if _word_fib_encrypted(data):
            return Document([], [f"{ENCRYPTED_FILE}: password-protected {kind} file"])
    elif not data.startswith(RTF):  # LibreOffice would read anything else as plain text
        return Document([], [f"{CORRUPT_FILE}: not a Word 97-2003 or WPS {kind} file"])
    found = [(name, path) for name in converters if (path := _find(name))]
    if not found:
        return Document([], [NO_CONVERTER_WARNING])
    failures: list[str] = []
    try:
        with tempfile.TemporaryDirectory(prefix="gxcrawl-word-", ignore_cleanup_errors=True) as tmp:
            source = Path(tmp) / ("input.rtf" if data.startswith(RTF) else "input.doc")  # never .wps: MS Works
            source.write_bytes(data)
            for name, path in found:
                try:
                    document, failure = _CONVERT[name](path, source, Path(tmp), timeout)
                except Exception as error:  # the tool's output broke the reader: try the next tool
                    document, failure = None, f"{type(error).__name__}: {error}"
                if document is not None:
                    return document
                failures.append(f"{name}: {failure}")
    except OSError as error:  # no room for the temporary files
        failures.append(f"{type(error).__name__}: {error}")
    if any("encrypted" in failure.lower() for failure in failures):
        return Document([], [f"{ENCRYPTED_FILE}: {'; '.join(failures)}"])
    return Document([], [f"{CORRUPT_FILE}: {'; '.join(failures)}"])


def _find(name: str) -> str | None:
    if name not in CONVERTERS:
        raise ValueError(f"unknown converter {name!r}: use {CONVERTERS}")
    if name == "soffice":
        return shutil.which("soffice") or shutil.which("libreoffice")
    return shutil.which(name)


def _convert_soffice(program: str, source: Path, tmp: Path, timeout: float) -> tuple[Document | None, str]:
    outdir = tmp / "soffice-out"
    profile = tmp / "soffice-profile"
    code, _, err = _run(
        [program, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", "--nolockcheck",
         "--nologo", "--nodefault", "--convert-to", "docx", "--outdir", str(outdir), str(source)],
        timeout,
    )
    converted = outdir / f"{source.stem}.docx"
    if not converted.is_file():
        return None, _why(code, err, timeout, source)
    return extract_docx(converted.read_bytes()), ""


def _convert_antiword(program: str, source: Path, tmp: Path, timeout: float) -> tuple[Document | None, str]:
    code, out, err = _run([program, "-x", "db", str(source)], timeout)
    if code != 0:
        return None, _why(code, err, timeout, source)
    if (document := _from_docbook(out)) is not None:
        return document, ""
    code, out, err = _run([program, "-m", "UTF-8.txt", "-w", "0", str(source)], timeout)
    if code != 0:
        return None, _why(code, err, timeout, source)
    return parse_antiword_text(out.decode("utf-8", errors="replace")), ""


_CONVERT = {"soffice": _convert_soffice, "antiword": _convert_antiword}


def _run(args: list[str], timeout: float) -> tuple[int | None, bytes, bytes]:
    """(exit code, stdout, stderr); exit code None when it timed out and its process group was killed."""
    try:
        process = subprocess.Popen(
            args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
        )
    except OSError as error:
        return -1, b"", str(error).encode()
    try:
        out, err = process.communicate(timeout=timeout)
        return process.returncode, out, err
    except subprocess.TimeoutExpired:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # soffice's real work is done by a child
        except OSError:
            pass
        process.communicate()
        return None, b"", b""


def _why(code: int | None, err: bytes, timeout: float, source: Path) -> str:
    if code is None:
        return f"timed out after {timeout:g}s"
    # The tools' own complaints, less the noise they always print and the temporary file's path.
    noise = ("HOME directory", "javaldx", "mapping file")
    text = err.decode("utf-8", errors="replace").replace(str(source), "the file")
    lines = [line.strip() for line in text.splitlines()]
    message = " ".join(line for line in lines if line and not any(word in line for word in noise))
    return message[-300:] or f"exit code {code}, no output"


def _has_encrypted_package(data: bytes) -> bool:
    return ENCRYPTED_PACKAGE in data


def _word_fib_encrypted(data: bytes) -> bool:
    """Whether the Word FIB's fEncrypted flag is set (password-protected .doc and .wps).

    The OLE directory entry named ``WordDocument`` (always in big sectors: the stream is well
    over the 4096-byte mini-stream cutoff) gives the first sector of the stream, which starts
    with the FIB: wIdent 0xA5EC, then the flags word at offset 0x0A with fEncrypted as bit 8.
    """
    if len(data) < 512:
        return False
    sector_size = 1 << int.from_bytes(data[0x1E:0x20], "little")
    if sector_size not in (512, 4096):
        return False
    name = "WordDocument".encode("utf-16-le")
    at = data.find(name, 512)
    while at != -1:
        entry = data[at : at + 128]
        if (at - 512) % 128 == 0 and len(entry) == 128 and entry[0x40:0x42] == b"\x1a\x00" and entry[0x42] == 2:
            start = int.from_bytes(entry[0x74:0x78], "little")
            fib = data[(start + 1) * sector_size :][:12]
            if len(fib) == 12 and fib[:2] == b"\xec\xa5":
                return bool(int.from_bytes(fib[0x0A:0x0C], "little") & 0x0100)
        at = data.find(name, at + 1)
    return False


# --- antiword output ------------------------------------------------------------------------------

# DocBook elements antiword puts inside a paragraph's text; every other element ends a paragraph.
DOCBOOK_INLINE = {"emphasis", "ulink", "link", "superscript", "subscript", "phrase", "literal", "anchor"}


def _from_docbook(xml: bytes) -> Document | None:
    """antiword's ``-x db`` output as a Document; None when it does not parse."""
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False)
    try:
        root = etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        return None
    if root is None or root.tag != "book":
        return None
    blocks: list[Block] = []
    words: list[str] = []

    def flush() -> None:
        if text := " ".join("".join(words).split()):
            blocks.append(Paragraph(text))
        words.clear()

    def read(element: etree._Element) -> None:
        if element.tag in ("informaltable", "table"):
            flush()
            if (table := _docbook_table(element)) is not None:
                blocks.append(table)
        elif isinstance(element.tag, str):
            inline = element.tag in DOCBOOK_INLINE
            if not inline:
                flush()
            words.append(element.text or "")
            for child in element:
                read(child)
                words.append(child.tail or "")
            if not inline:
                flush()

    for child in root:
        if child.tag not in ("title", "bookinfo"):  # the file's properties, not its text
            read(child)
    flush()
    return Document(blocks)


def _docbook_table(table: etree._Element) -> Table | None:
    """antiword starts a new ``tgroup`` where the cells change; column widths line them up."""
    groups = []
    for tgroup in table.iter("tgroup"):
        widths = [_points(spec.get("colwidth", "")) for spec in tgroup.findall("colspec")]
        rows = [[" ".join("".join(entry.itertext()).split()) for entry in row.iter("entry")] for row in tgroup.iter("row")]
        groups.append((widths, rows))
    if not any(rows for _, rows in groups):
        return None
    if not all(widths and all(widths) for widths, _ in groups):
        return Table.from_rows([row for _, rows in groups for row in rows])
    tolerance = 2.0  # points
    edges: list[float] = []  # right edges of the grid's columns
    for widths, _ in groups:
        for edge in _right_edges(widths):
            if all(abs(edge - known) > tolerance for known in edges):
                edges.append(edge)
    edges.sort()
    resolved = []
    for widths, rows in groups:
        right_edges = _right_edges(widths)
        for row in rows:
            cells: list[str] = []
            for i, text in enumerate(row):
                if i >= len(right_edges):
                    cells.append(text)
                    continue
                left = right_edges[i - 1] if i else 0.0
                spanned = sum(1 for edge in edges if left + tolerance < edge <= right_edges[i] + tolerance)
                cells.extend([text] * max(spanned, 1))
            resolved.append(cells)
    return Table.from_rows(resolved)


def _right_edges(widths: list[float]) -> list[float]:
    edges, total = [], 0.0
    for width in widths:
        total += width
        edges.append(total)
    return edges


def _points(colwidth: str) -> float:
    match = re.match(r"\s*([\d.]+)\s*pt\s*$", colwidth)
    try:
        return float(match.group(1)) if match else 0.0
    except ValueError:
        return 0.0


def parse_antiword_text(text: str) -> Document:
    """antiword's plain-text output: table rows are ``|cell |cell |``, read as pipe rows."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        if stripped.startswith("|") and stripped.endswith("|") and len(stripped) > 1:
            line = stripped[1:]  # parse_text takes the leading pipe for an empty first cell
        lines.append(line)
    return parse_text("\n".join(lines))
