// What the workbook tests share: reading a workbook that must be readable,
// and running the program.
#pragma once

#include "support/subprocess.hpp"
#include "workbook/sheet_reader.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace lmacheck::workbook_test {

// The cells of `bytes`; fails the test (and returns an empty workbook) when
// the reader refuses it.
inline workbook::Workbook read_ok(const std::string& bytes, std::uint64_t max_cells = workbook::ReadLimits{}.max_cells) {
    workbook::ReadLimits limits;
    limits.max_cells = max_cells;
    auto result = workbook::read_workbook(bytes, limits);
    if (const auto* problem = std::get_if<workbook::ReadProblem>(&result)) {
        ADD_FAILURE() << "unreadable: " << problem->message_id << " " << problem->detail;
        return {};
    }
    return std::get<workbook::Workbook>(std::move(result));
}

// Runs `lmacheck ARGS...` to its end.
inline test::ProcessResult lmacheck(std::vector<std::string> args) {
    args.insert(args.begin(), LMACHECK_EXE);
    return test::run_process(args, {.timeout = std::chrono::seconds(120)});
}

}  // namespace lmacheck::workbook_test
