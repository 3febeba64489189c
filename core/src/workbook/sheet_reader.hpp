// Reading a workbook's cells with liborcus: every sheet, in order, each
// non-empty cell with its row, column and value (a formula cell with the
// value the spreadsheet program last computed). Nothing is evaluated and no
// other file is ever opened: a formula that refers to another workbook only
// marks its cell.
#pragma once

#include "workbook/cell_address.hpp"
#include "workbook/container_check.hpp"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace lmacheck::workbook {

struct CellValue {
    enum class Type {
        number,
        boolean,
        text,
        date,                   // `text` holds the RFC 3339 date-time in UTC
        formula_without_value,  // a formula the program never computed (or computed to nothing)
        external_reference,     // a formula that takes its value from another file
    };
    Type type = Type::text;
    double number = 0;
    bool boolean = false;
    std::string text;
};

struct Sheet {
    std::string name;
    std::map<CellAddress, CellValue> cells;  // in row order, then column order
    bool hidden = false;                     // hidden sheets are not part of the submission
};

struct Workbook {
    std::vector<Sheet> sheets;
};

struct ReadLimits {
    ContainerLimits container;
    std::uint64_t max_cells = 250000;  // a year's workbook holds a few hundred; also caps the shared strings
};

// Why the cells cannot be read: a message id of document.unreadable and its
// arguments.
struct ReadProblem {
    std::string message_id;
    std::string detail{};
    std::uint64_t number = 0;
    std::string cell{};  // "sheet!A1" when the problem has a place
};

std::variant<Workbook, ReadProblem> read_workbook(std::string_view bytes, const ReadLimits& limits);

// What read_workbook does, with liborcus; reached through the workbook
// module (workbook_module.hpp). Nothing else calls it.
std::variant<Workbook, ReadProblem> read_workbook_cells(std::string_view bytes, const ReadLimits& limits);

}  // namespace lmacheck::workbook
