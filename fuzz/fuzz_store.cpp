// libFuzzer target for the store of accepted submissions over a damaged
// file: opening it, reading every version (`history`), every current version
// of each year (`export`), and what the level-2 and level-3 rules read; with
// the flag below also opening it for `accept` and storing one more version.
// Whatever the file holds, each of these must work or throw a StoreError (the
// command line's exit 2 naming the store): any other exception, a crash, a
// hang or undefined behaviour is a finding.
//
// A small valid store is made once, when the fuzzer starts (the samples of
// samples/history, two years, one submission in two versions). An input is
// edits to that store's bytes, so every run starts from a real store:
//   byte 0     flags: bit 0 also opens the file read-write and accepts one
//              more submission; bit 1 truncates the file to (byte 0 >> 2)/64
//              of its size
//   then       groups of 3 bytes: a 16-bit offset (modulo the file's size)
//              and the byte to put there
// An input that starts with SQLite's header ("SQLite format 3") is taken as
// the whole file instead.
#include "fuzz_support.hpp"
#include "store/store_error.hpp"
#include "store/submission_store.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
using lmacheck::Kind;
using lmacheck::SubmissionStore;

const fs::path source_dir = LMACHECK_SOURCE_DIR;
constexpr char sqlite_header[] = "SQLite format 3";

[[noreturn]] void fail(const char* what, const std::string& detail) {
    lmacheck::fuzz::fail("fuzz_store", what, detail);
}

using lmacheck::fuzz::candidate_of;
using lmacheck::fuzz::read_file;
using lmacheck::fuzz::write_file;

// The directory of the fuzzed store and the bytes of the valid one.
struct Baseline {
    fs::path dir;
    std::string store_bytes;
    std::vector<std::string> documents;  // kept alive: candidates point into them
    std::string extra;                   // what an input with flag bit 0 accepts
};

const Baseline& baseline() {
    static const Baseline instance = [] {
        Baseline b;
        b.dir = lmacheck::fuzz::make_scratch_dir("fuzz_store");
        std::vector<std::pair<std::string, std::string>> files;
        for (const char* name : {"2018/institution-2018.json", "2018/municipality-2018.json",
                                 "2019/institution-2019.json", "2019/municipality-2019.json"}) {
            files.emplace_back(name, read_file(source_dir / "samples" / "history" / name));
        }
        // A second version of one submission: the audit trail has a superseded row.
        files.emplace_back("2019/institution-2019-v2.json", files[2].second + "\n");
        b.documents.reserve(files.size());
        const fs::path file = b.dir / "made.db";
        {
            const auto store = SubmissionStore::open(file, SubmissionStore::Access::read_write);
            for (const auto& [name, bytes] : files) {
                b.documents.push_back(bytes);
                store->accept(candidate_of(name, b.documents.back()));
            }
        }  // closing the last connection checkpoints the WAL into the file
        b.store_bytes = read_file(file);
        if (b.store_bytes.compare(0, sizeof sqlite_header - 1, sqlite_header) != 0) fail("no store made", file.string());
        b.extra = read_file(source_dir / "samples" / "valid" / "institution-2020.json");
        return b;
    }();
    return instance;
}

std::string damaged_store(const std::uint8_t* data, std::size_t size) {
    if (size >= sizeof sqlite_header - 1 && std::memcmp(data, sqlite_header, sizeof sqlite_header - 1) == 0) {
        return std::string(reinterpret_cast<const char*>(data), size);
    }
    std::string bytes = baseline().store_bytes;
    if (size == 0) return bytes;
    const unsigned flags = data[0];
    for (std::size_t i = 1; i + 2 < size; i += 3) {
        const std::size_t offset = ((static_cast<std::size_t>(data[i]) << 8) | data[i + 1]) % bytes.size();
        bytes[offset] = static_cast<char>(data[i + 2]);
    }
    if ((flags & 2u) != 0) bytes.resize(bytes.size() * (flags >> 2) / 64);
    return bytes;
}

// What history, export and the level-2 and level-3 rules read.
void read_everything(const SubmissionStore& store) {
    const auto versions = store.versions(std::nullopt, std::nullopt);
    std::set<int> years{2018, 2019};
    for (const auto& v : versions) {
        years.insert(v.reporting_year);
        (void)store.current(v.kind, v.submitter_id, v.reporting_year);
        (void)store.previous(v.kind, v.submitter_id, v.reporting_year + 1);
    }
    (void)store.versions(std::string("06290101"), 2019);
    for (int year : years) {
        std::size_t bytes = 0;
        store.for_each_current(year, [&](const lmacheck::StoredContent& c) { bytes += c.bytes.size() + c.report.size(); });
        for (Kind kind : {Kind::institution, Kind::municipality}) (void)store.current_of_year(kind, year);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Baseline& b = baseline();
    const fs::path file = b.dir / "fuzz.db";
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ec;
        fs::remove(file.string() + suffix, ec);
    }
    write_file(file, damaged_store(data, size));
    try {
        read_everything(*SubmissionStore::open(file, SubmissionStore::Access::read_only));
        if (size > 0 && (data[0] & 1u) != 0) {
            const auto store = SubmissionStore::open(file, SubmissionStore::Access::read_write);
            store->accept(candidate_of("extra.json", b.extra));
            read_everything(*store);
        }
    } catch (const lmacheck::StoreError&) {
        // The clear error users get (exit 2 naming the store).
    } catch (const std::exception& e) {
        fail("an error that is not a StoreError", e.what());
    }
    return 0;
}
