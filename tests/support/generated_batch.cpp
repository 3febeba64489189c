#include "support/generated_batch.hpp"

namespace lmacheck::test {

namespace fs = std::filesystem;

fs::path generated_batch(const std::string& name) { return fs::path(LMACHECK_TEST_BATCH_DIR) / name; }

std::string missing_generated_batch(const std::string& name) {
    const fs::path dir = generated_batch(name);
    std::error_code error;
    if (fs::is_directory(dir / "data", error)) return "";
    return "no generated batch at " + dir.string() + ": run the tests with ctest, whose setup test generate_batch_" +
           name + " writes it (or `ctest -R generate_batch_" + name + "` once)";
}

}  // namespace lmacheck::test
