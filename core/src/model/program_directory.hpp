// Where the running program lies: what it needs is installed relative to it
// (plugins and data in ../lib/lmacheck and ../share/lmacheck, the workbook
// module, lmacheck-serve beside it), so that a build tree, an installed
// prefix and a copied directory all work without configuration.
#pragma once

#include <filesystem>
#include <system_error>

namespace lmacheck {

// The directory of the running program, from /proc/self/exe; empty, with
// `error` set, when the kernel cannot say (no /proc, a deleted binary).
std::filesystem::path program_directory(std::error_code& error);

}  // namespace lmacheck
