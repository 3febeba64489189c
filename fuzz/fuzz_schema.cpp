// libFuzzer target comparing the two judges of the schema layer: the fast
// one (core/src/schema/fast_schema.hpp), which decides alone whenever it
// accepts a document, and valijson, which explains the rest. They must agree
// on every document and every schema of the repository; a document the fast
// judge accepted but valijson would not is a finding lost.
#include "document/document.hpp"
#include "schema/structure_check.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>
#include <vector>

namespace {

std::vector<std::unique_ptr<lmacheck::CompiledSchema>> load_schemas() {
    std::vector<std::unique_ptr<lmacheck::CompiledSchema>> schemas;
    for (const char* name : {"institution-1.0.schema.json", "municipality-1.0.schema.json",
                             "envelope-1.0.schema.json", "ruleset.schema.json", "municipalities.schema.json"}) {
        std::ifstream in(std::string(LMACHECK_SOURCE_DIR) + "/schemas/" + name);
        auto schema = std::make_unique<lmacheck::CompiledSchema>(name, nlohmann::json::parse(in));
        if (schema->fast() == nullptr) std::fprintf(stderr, "fuzz_schema: %s has no fast judge\n", name);
        schemas.push_back(std::move(schema));
    }
    return schemas;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto schemas = load_schemas();
    static lmacheck::StructureChecker checker;
    const lmacheck::Document doc = lmacheck::parse_document(std::string(reinterpret_cast<const char*>(data), size),
                                                            "fuzz.json", lmacheck::LoadLimits{});
    if (!doc.json) return 0;
    for (const auto& schema : schemas) {
        if (schema->fast() == nullptr) continue;
        const bool fast = schema->fast()->accepts(*doc.json);
        const bool slow = checker.valijson_accepts(*schema, *doc.json);
        if (fast != slow) {
            std::fprintf(stderr, "fuzz_schema: %s: the fast judge says %s, valijson %s\n", schema->name().c_str(),
                         fast ? "valid" : "invalid", slow ? "valid" : "invalid");
            std::abort();
        }
    }
    return 0;
}
