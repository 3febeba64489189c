// Which files a directory run picks up (issue 12, "For CI"): a CI gate run on
// a repository root must not trip over files no one meant to validate.
#pragma once

#include "engine/inputs.hpp"

#include <string>
#include <vector>

namespace lmacheck {

// What a directory walk leaves out, besides what it always leaves out: hidden
// entries (a name starting with '.', e.g. .git/ and .lmacheck.json) and
// node_modules/. Files named on the command line are never left out.
//
// A glob without '/' is matched against the name of each file and directory
// below the walked directory (an excluded directory is not entered); a glob
// with '/' against the path relative to the walked directory and against the
// path as reports show it. '*' also matches '/' in the latter (fnmatch
// without FNM_PATHNAME), so `drafts/*` leaves out everything below drafts/.
struct InputSelection {
    std::vector<std::string> exclude;  // leave out what matches any
    std::vector<std::string> include;  // when not empty: keep only files matching one
    std::vector<FileId> skip;          // the run's own report files (--output, --report), left out when
                                       // they hold an earlier JSON report ("report_version" first)
};

// Whether `glob` (fnmatch, see above) matches the entry `name` at `relative`
// (to the walked directory) shown in reports as `shown`.
bool glob_matches(const std::string& glob, const std::string& name, const std::string& relative,
                  const std::string& shown);

// collect_inputs, with `selection` applied to what directory walks find.
std::vector<InputFile> collect_inputs(const std::vector<std::string>& paths, const InputSelection& selection);

}  // namespace lmacheck
