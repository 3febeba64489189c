// SQLite itself on a store's file, to look at what the program stored and to
// tamper with it as an attacker or a bad disk would. A failing statement is
// a test failure (not an exception), naming the statement and SQLite's error.
#pragma once

#include <filesystem>
#include <string>

struct sqlite3;

namespace lmacheck::test {

class RawStore {
public:
    // Opens (or creates) the file, waiting up to a minute for a lock another
    // process holds.
    explicit RawStore(const std::filesystem::path& file);
    ~RawStore();
    RawStore(const RawStore&) = delete;
    RawStore& operator=(const RawStore&) = delete;

    void exec(const std::string& sql);
    // Runs `sql` with `blob` bound to its one parameter.
    void exec_with_blob(const std::string& sql, const std::string& blob);
    // The first column of the first row, as text ("" when there is none).
    std::string scalar(const std::string& sql);
    // For queries of more than one value.
    sqlite3* handle() const { return db_; }

private:
    sqlite3* db_ = nullptr;
};

}  // namespace lmacheck::test
