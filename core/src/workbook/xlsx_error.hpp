// libxlsxwriter's error codes turned into WriteError, for both writers (the
// converter's and the blank template's).
#pragma once

#include "workbook/workbook_writer.hpp"

#include <xlsxwriter.h>

#include <string>

namespace lmacheck::workbook {

// Throws WriteError naming `what` and libxlsxwriter's reason, unless `error`
// is LXW_NO_ERROR.
inline void check_xlsx(lxw_error error, const std::string& what) {
    if (error != LXW_NO_ERROR) throw WriteError(what + ": " + lxw_strerror(error));
}

}  // namespace lmacheck::workbook
