// What a workbook says about its sheets besides their cells, which liborcus
// 0.17 does not report: whether a sheet is hidden, and (.xlsx) which part of
// the zip archive holds it. Read from the parts themselves with liborcus's
// own zip and XML readers: an .xlsx file's workbook part and its
// relationships, an .ods file's content.xml (its table styles).
#pragma once

#include "workbook/container_check.hpp"
#include "workbook/sheet_reader.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck::workbook {

struct SheetEntry {
    std::string name;
    bool hidden = false;  // xlsx: state "hidden" or "veryHidden"; ods: a table style with display="false"
    std::string part;     // xlsx: the part the sheet's relationship names, normalised ("xl/worksheets/sheet1.xml")
};

// The sheets in workbook order. Empty when the parts that list them are
// missing (liborcus then says what is wrong). Throws liborcus's exceptions
// for XML or a zip it cannot read; call it under the orcus mutex.
std::vector<SheetEntry> list_sheets(std::string_view bytes, WorkbookFormat format);

// Two sheets that name the same part (compared without case, as OPC part
// names are): liborcus would read the part once per sheet, though the size
// limit counted it once (256 sheets on one 64 MiB part: 16 GiB of XML).
// The problem names both sheets and points at the later one's A1.
std::optional<ReadProblem> shared_part_problem(const std::vector<SheetEntry>& sheets);

// Marks the sheets liborcus read that `sheets` lists as hidden (by name, in order).
void mark_hidden_sheets(Workbook& workbook, const std::vector<SheetEntry>& sheets);

// A part name resolved against the folder of the part that names it
// ("worksheets/../worksheets/sheet1.xml" from "xl/" is
// "xl/worksheets/sheet1.xml"; a leading '/' starts at the archive's root).
std::string resolve_part_name(std::string_view base_folder, std::string_view target);

}  // namespace lmacheck::workbook
