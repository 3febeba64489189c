// The store's schema and how a file is recognised as an lmacheck store.
//
// A store is an SQLite database whose header says so: PRAGMA application_id
// is lmacheck's own number, PRAGMA user_version the schema version. Each
// schema version is reached from the one before by one migration, in one
// transaction; a file with another application id, or a newer version than
// this program knows, is refused before anything is written to it.
#pragma once

#include "store/sqlite_handle.hpp"

#include <cstdint>

namespace lmacheck::store_schema {

// "LMAC" in ASCII: what `PRAGMA application_id` holds in every lmacheck store.
inline constexpr std::int64_t application_id = 0x4C4D4143;

// The schema version this program writes and reads.
std::int64_t current_version();

// What the file at hand is, read without writing anything.
enum class Recognition {
    empty,        // a new or empty SQLite file: no tables, no application id
    ours,         // an lmacheck store of a version this program can use (maybe after migrating)
};

// Throws StoreError, naming the file, when it is not an SQLite database, is
// another application's database, or has a schema newer than current_version().
Recognition recognise(sqlite::Connection& connection);

// Brings an empty file or an older lmacheck store to current_version(), in
// one BEGIN IMMEDIATE transaction (so two processes creating one store at once
// cannot both create it). Requires a read-write connection.
void migrate(sqlite::Connection& connection);

}  // namespace lmacheck::store_schema
