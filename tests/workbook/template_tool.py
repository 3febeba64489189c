#!/usr/bin/env python3
"""Reads and fills the .xlsx template of `lmacheck template` for the tests,
with the standard library only (zipfile and ElementTree), so that what the
tests check is the file's own XML, not what lmacheck's reader makes of it.

  template_tool.py inspect FILE.xlsx
      prints JSON: per sheet its name, state (visible/hidden), cells
      ({"A1": value}), data validations (type, sqref, formula1, the values a
      list formula names on its sheet) and comments ({"A1": text}).
  template_tool.py fill TEMPLATE.xlsx SUBMISSION.json OUT.xlsx
      writes the template with the submission's values in its cells: field
      sheets in column B of the field's row (a field the template lacks is an
      error), record sheets one row per record under the header.
"""
import json
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
RECORD_SHEETS = {"locations", "capacity", "capacity_totals", "explanations"}


def q(tag):
    return "{%s}%s" % (MAIN, tag)


def split_ref(ref):
    m = re.fullmatch(r"\$?([A-Z]+)\$?([0-9]+)", ref)
    return m.group(1), int(m.group(2))


def column_number(letters):
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def column_letters(n):
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(65 + rest) + out
    return out


def text_of(element):
    return "".join(t.text or "" for t in element.iter(q("t")))


class Book:
    def __init__(self, path):
        self.zip = zipfile.ZipFile(path)
        self.parts = {name: self.zip.read(name) for name in self.zip.namelist()}
        self.strings = []
        if "xl/sharedStrings.xml" in self.parts:
            root = ET.fromstring(self.parts["xl/sharedStrings.xml"])
            self.strings = [text_of(si) for si in root.findall(q("si"))]
        workbook = ET.fromstring(self.parts["xl/workbook.xml"])
        rels = self.relationships("xl/workbook.xml")
        self.sheets = []  # (name, state, part)
        for sheet in workbook.find(q("sheets")):
            target = rels[sheet.get("{%s}id" % REL)]
            self.sheets.append((sheet.get("name"), sheet.get("state", "visible"), "xl/" + target.lstrip("/").removeprefix("xl/")))

    def number_formats(self):
        """The number format code of each cell style (xf) index."""
        builtin = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%", 49: "@"}
        root = ET.fromstring(self.parts["xl/styles.xml"])
        custom = {}
        numfmts = root.find(q("numFmts"))
        if numfmts is not None:
            custom = {int(f.get("numFmtId")): f.get("formatCode") for f in numfmts.findall(q("numFmt"))}
        codes = []
        for xf in root.find(q("cellXfs")).findall(q("xf")):
            number = int(xf.get("numFmtId", "0"))
            codes.append(custom.get(number, builtin.get(number, str(number))))
        return codes

    def formats(self, part):
        """The number formats of columns ({"A": code}) and rows ({"2": code})."""
        codes = self.number_formats()
        root = ET.fromstring(self.parts[part])
        columns, rows = {}, {}
        cols = root.find(q("cols"))
        if cols is not None:
            for col in cols.findall(q("col")):
                if col.get("style") is None:
                    continue
                for n in range(int(col.get("min")), int(col.get("max")) + 1):
                    columns[column_letters(n)] = codes[int(col.get("style"))]
        for row in root.iter(q("row")):
            if row.get("customFormat") == "1" and row.get("s") is not None:
                rows[row.get("r")] = codes[int(row.get("s"))]
        return columns, rows

    def relationships(self, part):
        folder, name = part.rsplit("/", 1)
        rels_part = folder + "/_rels/" + name + ".rels"
        if rels_part not in self.parts:
            return {}
        root = ET.fromstring(self.parts[rels_part])
        return {r.get("Id"): r.get("Target") for r in root.findall("{%s}Relationship" % PKG_REL)}

    def cell_value(self, c):
        kind = c.get("t", "n")
        v = c.find(q("v"))
        if kind == "inlineStr":
            return text_of(c.find(q("is")))
        if v is None:
            return None
        if kind == "s":
            return self.strings[int(v.text)]
        if kind == "b":
            return v.text == "1"
        if kind in ("str", "e"):
            return v.text
        number = float(v.text)
        return int(number) if number.is_integer() else number

    def cells(self, part):
        root = ET.fromstring(self.parts[part])
        return {c.get("r"): self.cell_value(c) for c in root.iter(q("c"))}

    def comments(self, part):
        out = {}
        for target in self.relationships(part).values():
            if "comments" not in target:
                continue
            path = "xl/" + target.replace("../", "")
            root = ET.fromstring(self.parts[path])
            for comment in root.iter(q("comment")):
                out[comment.get("ref")] = text_of(comment.find(q("text")))
        return out

    def list_values(self, formula):
        # lists!$A$2:$A$4 -> the cells' values
        m = re.fullmatch(r"=?'?([^'!]+)'?!\$?([A-Z]+)\$?([0-9]+):\$?([A-Z]+)\$?([0-9]+)", formula)
        if not m:
            return None
        sheet, c1, r1, c2, r2 = m.groups()
        part = next(p for n, _, p in self.sheets if n == sheet)
        cells = self.cells(part)
        return [cells.get("%s%d" % (c1, r)) for r in range(int(r1), int(r2) + 1)]

    def validations(self, part):
        root = ET.fromstring(self.parts[part])
        out = []
        for dv in root.iter(q("dataValidation")):
            f1 = dv.find(q("formula1"))
            f2 = dv.find(q("formula2"))
            item = {"type": dv.get("type"), "operator": dv.get("operator"), "sqref": dv.get("sqref"),
                    "formula1": None if f1 is None else f1.text, "formula2": None if f2 is None else f2.text}
            if item["type"] == "list" and item["formula1"]:
                item["values"] = self.list_values(item["formula1"])
            out.append(item)
        return out


def inspect(path):
    book = Book(path)
    sheets = []
    for name, state, part in book.sheets:
        columns, rows = book.formats(part)
        sheets.append({"name": name, "state": state, "cells": book.cells(part),
                       "validations": book.validations(part), "comments": book.comments(part),
                       "column_formats": columns, "row_formats": rows})
    json.dump({"sheets": sheets}, sys.stdout, indent=1, ensure_ascii=False)


def flatten(prefix, value, out):
    if isinstance(value, dict) and value:
        for key, inner in value.items():
            flatten(prefix + "." + key if prefix else key, inner, out)
    else:
        out.append((prefix, value))


def make_cell(ref, value, style, strings):
    c = ET.Element(q("c"), {"r": ref})
    if style is not None:
        c.set("s", style)
    if value is None:
        ET.SubElement(c, q("f")).text = "NA()"
    elif isinstance(value, bool):
        c.set("t", "b")
        ET.SubElement(c, q("v")).text = "1" if value else "0"
    elif isinstance(value, (int, float)):
        ET.SubElement(c, q("v")).text = repr(value)
    elif isinstance(value, str):
        # A shared string, as Excel writes text (liborcus 0.17 does not
        # read inline strings, t="inlineStr").
        c.set("t", "s")
        ET.SubElement(c, q("v")).text = str(strings.index(value))
    else:
        raise SystemExit("a cell cannot hold %r" % (value,))
    return c


def set_cells(root, values, strings):
    """values: {(row, column): value}, 1-based."""
    data = root.find(q("sheetData"))
    rows = {int(r.get("r")): r for r in data.findall(q("row"))}
    for (row, column), value in values.items():
        if row not in rows:
            rows[row] = ET.Element(q("row"), {"r": str(row)})
        element = rows[row]
        ref = "%s%d" % (column_letters(column), row)
        for old in element.findall(q("c")):
            if old.get("r") == ref:
                element.remove(old)
        element.append(make_cell(ref, value, element.get("s") if element.get("customFormat") == "1" else None,
                                  strings))
        cells = sorted(element.findall(q("c")), key=lambda c: column_number(split_ref(c.get("r"))[0]))
        for c in element.findall(q("c")):
            element.remove(c)
        element.extend(cells)
        element.attrib.pop("spans", None)
    for r in data.findall(q("row")):
        data.remove(r)
    for number in sorted(rows):
        data.append(rows[number])


def shared_strings_part(strings):
    root = ET.Element(q("sst"), {"count": str(len(strings)), "uniqueCount": str(len(strings))})
    for text in strings:
        t = ET.SubElement(ET.SubElement(root, q("si")), q("t"))
        t.text = text
        if text != text.strip():
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return ET.tostring(root, xml_declaration=True, encoding="UTF-8")


def fill(template, submission_path, out_path):
    book = Book(template)
    with open(submission_path, encoding="utf-8") as f:
        submission = json.load(f)
    strings = list(book.strings)
    envelope = {k: v for k, v in submission.items()
                if not isinstance(v, list) and not (isinstance(v, dict) and k != "submitter")}
    for name, _, part in book.sheets:
        ET.register_namespace("", MAIN)
        ET.register_namespace("r", REL)
        root = ET.fromstring(book.parts[part])
        cells = book.cells(part)
        values = {}
        if name == "lists":
            continue
        if name in RECORD_SHEETS:
            headers = {}
            for ref, value in cells.items():
                letters, row = split_ref(ref)
                if row == 1:
                    headers[value] = column_number(letters)
            section = submission.get(name)
            if section is None:
                continue
            records = list(section.items()) if name == "capacity_totals" else list(enumerate(section))
            for index, (key, record) in enumerate(records):
                row = index + 2
                if name == "capacity_totals":
                    values[(row, headers["financing"])] = key
                for field, value in record.items():
                    if field not in headers:
                        raise SystemExit("%s: the template has no column %s" % (name, field))
                    values[(row, headers[field])] = value
        else:
            rows = {}
            for ref, value in cells.items():
                letters, row = split_ref(ref)
                if letters == "A" and row > 1:
                    rows[value] = row
            section = envelope if name == "submission" else submission.get(name)
            if section is None:
                continue
            pairs = []
            flatten("", section, pairs)
            for path, value in pairs:
                if path not in rows:
                    raise SystemExit("%s: the template has no field %s" % (name, path))
                values[(rows[path], 2)] = value
        for value in values.values():
            if isinstance(value, str) and value not in strings:
                strings.append(value)
        set_cells(root, values, strings)
        book.parts[part] = ET.tostring(root, xml_declaration=True, encoding="UTF-8")
    book.parts["xl/sharedStrings.xml"] = shared_strings_part(strings)
    with zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED) as out:
        for name in book.zip.namelist():
            out.writestr(name, book.parts[name])


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "inspect":
        inspect(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "fill":
        fill(sys.argv[2], sys.argv[3], sys.argv[4])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
