// The national batches tools/generate-batch.py writes for the tests: each is
// written once per ctest run, by a setup test (tests/CMakeLists.txt,
// lmacheck_add_test_batch), into the build tree; every test that reads one
// requires that setup test's fixture, so `ctest -R <one test>` writes it
// first and `ctest -j` never writes it twice. The tests only read a batch.
#pragma once

#include <filesystem>
#include <string>

namespace lmacheck::test {

// The output directory of the batch `name` (OUT/YEAR/*.json, OUT/data,
// OUT/defects.json), whether or not it has been written.
std::filesystem::path generated_batch(const std::string& name);

// "" when the batch `name` has been written; otherwise what is missing and
// how to write it (for an ASSERT in a test run outside ctest).
std::string missing_generated_batch(const std::string& name);

}  // namespace lmacheck::test
