#include "store/sqlite_handle.hpp"

#include <limits>

namespace lmacheck::sqlite {

Connection::Connection(const std::filesystem::path& file, int flags, const std::string& uri) : file_(file) {
    sqlite3* raw = nullptr;
    const int rc = uri.empty() ? sqlite3_open_v2(file.c_str(), &raw, flags, nullptr)
                               : sqlite3_open_v2(uri.c_str(), &raw, flags | SQLITE_OPEN_URI, nullptr);
    db_.reset(raw);  // closed by the deleter even when opening failed
    if (rc != SQLITE_OK) {
        const std::string reason = raw != nullptr ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
        throw StoreError("cannot open the store " + file.string() + ": " + reason);
    }
    sqlite3_extended_result_codes(raw, 1);
}

void Connection::fail(std::string_view what) const {
    throw StoreError(std::string(what) + " failed on the store " + file_.string() + ": " + sqlite3_errmsg(db_.get()));
}

void Connection::exec(const std::string& sql) {
    if (sqlite3_exec(db_.get(), sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) fail(sql.substr(0, 60));
}

Connection::~Connection() = default;

Statement Connection::prepare(std::string_view sql) { return Statement(*this, sql); }

Connection::Lease Connection::cached(const std::string& sql) {
    auto& kept = kept_[sql];
    if (!kept) kept = std::make_unique<Statement>(*this, sql);
    return Lease(*kept);
}

std::int64_t Connection::pragma_integer(const char* name) {
    Statement statement(*this, std::string("PRAGMA ") + name);
    if (!statement.step()) fail(std::string("PRAGMA ") + name);
    return statement.integer(0);
}

Statement::Statement(Connection& connection, std::string_view sql) : connection_(&connection) {
    sqlite3_stmt* raw = nullptr;
    if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max()) ||
        sqlite3_prepare_v2(connection.get(), sql.data(), static_cast<int>(sql.size()), &raw, nullptr) != SQLITE_OK) {
        sqlite3_finalize(raw);
        connection.fail("preparing \"" + std::string(sql.substr(0, 60)) + "\"");
    }
    statement_.reset(raw);
}

void Statement::check_bind(int rc) {
    if (rc != SQLITE_OK) connection_->fail("binding a parameter");
}

Statement& Statement::bind(int index, std::string_view text) {
    check_bind(sqlite3_bind_text64(statement_.get(), index, text.data(), text.size(), SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

Statement& Statement::bind(int index, std::int64_t value) {
    check_bind(sqlite3_bind_int64(statement_.get(), index, value));
    return *this;
}

Statement& Statement::bind_blob(int index, std::string_view bytes) {
    check_bind(sqlite3_bind_blob64(statement_.get(), index, bytes.data(), bytes.size(), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bind_null(int index) {
    check_bind(sqlite3_bind_null(statement_.get(), index));
    return *this;
}

bool Statement::step() {
    const int rc = sqlite3_step(statement_.get());
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    connection_->fail("\"" + std::string(sqlite3_sql(statement_.get())).substr(0, 60) + "\"");
}

Statement::Step Statement::step_unless_busy() {
    const int rc = sqlite3_step(statement_.get());
    if (rc == SQLITE_ROW) return Step::row;
    if (rc == SQLITE_DONE) return Step::done;
    const int primary = rc & 0xff;  // extended result codes are on
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
        sqlite3_reset(statement_.get());
        return Step::busy;
    }
    connection_->fail("\"" + std::string(sqlite3_sql(statement_.get())).substr(0, 60) + "\"");
}

void Statement::run() {
    while (step()) {
    }
}

std::string Statement::text(int column) const { return std::string(blob(column)); }

std::optional<std::string> Statement::optional_text(int column) const {
    if (is_null(column)) return std::nullopt;
    return text(column);
}

std::int64_t Statement::integer(int column) const { return sqlite3_column_int64(statement_.get(), column); }

int Statement::int32(int column) const {
    const std::int64_t value = integer(column);
    if (value < std::numeric_limits<int>::min() || value > std::numeric_limits<int>::max()) {
        throw StoreError("the store " + connection_->file().string() + " holds an integer out of range: " +
                         std::to_string(value));
    }
    return static_cast<int>(value);
}

std::string_view Statement::blob(int column) const {
    const void* data = sqlite3_column_blob(statement_.get(), column);
    const int size = sqlite3_column_bytes(statement_.get(), column);
    if (data == nullptr || size <= 0) return {};
    return {static_cast<const char*>(data), static_cast<std::size_t>(size)};
}

bool Statement::is_null(int column) const { return sqlite3_column_type(statement_.get(), column) == SQLITE_NULL; }

Transaction::Transaction(Connection& connection) : connection_(connection) { connection_.exec("BEGIN IMMEDIATE"); }

Transaction::~Transaction() {
    if (!done_) sqlite3_exec(connection_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
}

void Transaction::commit() {
    connection_.exec("COMMIT");
    done_ = true;
}

}  // namespace lmacheck::sqlite
