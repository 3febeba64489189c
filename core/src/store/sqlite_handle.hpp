// A thin RAII layer over the SQLite C API: a connection, prepared statements
// with bound parameters, and a transaction that rolls back unless committed.
// Every failure becomes a StoreError that says what was being done.
#pragma once

#include "store/store_error.hpp"

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace lmacheck::sqlite {

// How long a writer waits for another process's transaction to finish (the
// store's and the upload ledger's). Each transaction holds one submission, so
// waits are short; a minute leaves ample room for a slow disk without letting
// a stuck process block others forever.
constexpr int busy_timeout_ms = 60'000;

class Statement;

class Connection {
public:
    // Opens `file` with SQLite's open flags (SQLITE_OPEN_READONLY, ...), or,
    // when `uri` is given, that URI naming the same file (messages name `file`).
    Connection(const std::filesystem::path& file, int flags, const std::string& uri = {});

    // Runs SQL text without results (several statements allowed).
    void exec(const std::string& sql);
    Statement prepare(std::string_view sql);
    // The statement for `sql`, prepared on first use and kept for the
    // connection's life: preparing cost more than the lookups themselves
    // (40 % of a batch's history lookups went to SQLite's parser). The lease
    // resets it when it ends, so that no kept statement holds a read
    // transaction open between uses. The caller serialises the connection,
    // as for any statement.
    class Lease;
    Lease cached(const std::string& sql);
    // Reads a PRAGMA that returns one integer, e.g. "user_version".
    std::int64_t pragma_integer(const char* name);

    sqlite3* get() const { return db_.get(); }
    const std::filesystem::path& file() const { return file_; }
    // "<what> failed on <file>: <sqlite's message>"
    [[noreturn]] void fail(std::string_view what) const;

private:
    struct Closer {
        void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
    };
    std::filesystem::path file_;
    std::unique_ptr<sqlite3, Closer> db_;
    // After db_: the statements are finalised before the connection closes.
    std::unordered_map<std::string, std::unique_ptr<Statement>> kept_;

public:
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
};

class Statement {
public:
    Statement(Connection& connection, std::string_view sql);

    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, int value) { return bind(index, static_cast<std::int64_t>(value)); }
    Statement& bind_blob(int index, std::string_view bytes);
    Statement& bind_null(int index);
    Statement& bind_optional(int index, const std::optional<std::string>& text) {
        return text ? bind(index, std::string_view(*text)) : bind_null(index);
    }
    Statement& bind_optional(int index, const std::optional<int>& value) {
        return value ? bind(index, *value) : bind_null(index);
    }

    // Advances to the next row: true while there is one.
    bool step();
    // Like step(), but reports SQLITE_BUSY / SQLITE_LOCKED as `busy` (after
    // resetting the statement) instead of throwing, for the few statements
    // SQLite does not retry through the busy handler.
    enum class Step { row, done, busy };
    Step step_unless_busy();
    // Runs a statement that returns no rows.
    void run();
    // Makes the statement ready to run again (bindings stay until rebound).
    void reset() { sqlite3_reset(statement_.get()); }

    std::string text(int column) const;
    std::optional<std::string> optional_text(int column) const;
    std::int64_t integer(int column) const;
    int int32(int column) const;
    // The bytes of a BLOB (or TEXT) column, valid until the next step.
    std::string_view blob(int column) const;
    bool is_null(int column) const;

private:
    struct Finalizer {
        void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
    };
    void check_bind(int rc);
    Connection* connection_;
    std::unique_ptr<sqlite3_stmt, Finalizer> statement_;
};

class Connection::Lease {
public:
    explicit Lease(Statement& statement) : statement_(statement) {}
    ~Lease() { statement_.reset(); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Statement& operator*() const { return statement_; }
    Statement* operator->() const { return &statement_; }

private:
    Statement& statement_;
};

// BEGIN IMMEDIATE on construction: the write lock is taken up front, so a
// concurrent writer waits (busy timeout) instead of failing half-way.
// Rolls back in the destructor unless commit() was called.
class Transaction {
public:
    explicit Transaction(Connection& connection);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    void commit();

private:
    Connection& connection_;
    bool done_ = false;
};

}  // namespace lmacheck::sqlite
