// The values of .xlsx cells that liborcus 0.17 reads without them: inline
// strings (`<c t="inlineStr"><is><t>text</t></is></c>`, what streaming
// writers produce) come through as no cell at all, and a formula's cached
// boolean (`<c t="b"><f>TRUE()</f><v>1</v></c>`, how LibreOffice saves a
// TRUE) as a formula without a value, and a date cell (`t="d"`, an ISO 8601
// text) as no cell at all. This walk over a sheet part finds
// every cell that has such a value, so the reader can fill in what liborcus
// dropped.
#pragma once

#include "workbook/cell_address.hpp"
#include "workbook/sheet_reader.hpp"

#include <functional>
#include <string_view>

namespace lmacheck::workbook {

// Calls `found` for each cell of the sheet part's XML whose value is an
// inline string, a date (as an RFC 3339 date-time in UTC; text in another
// form as text), or a formula's cached number, boolean or text (types "n",
// "b", "str"; an error or a shared-string index is no such value). The
// cell's place follows the part's `r` attributes and, where they are
// missing, counts on from the previous row or cell as liborcus does; a cell
// outside the sheet is skipped (liborcus rejects it). Throws liborcus's
// exceptions for XML it cannot parse.
void find_cached_values(std::string_view sheet_xml,
                        const std::function<void(CellAddress, CellValue)>& found);

}  // namespace lmacheck::workbook
