// An SQLite VFS for LD_PRELOAD that makes power failures and failing disks
// happen inside a real `lmacheck accept` (SQLite's own test technique, as in
// its test6.c "crash" VFS). When the library loads, it registers itself as
// the default VFS, forwarding everything to the one that was the default
// (unix). It counts I/O events (a write, a sync, a truncation or a deletion
// of a database, journal or WAL file) and, set by the environment:
//
//   LMACHECK_VFS_CRASH_AT=N    power failure at event N: every write and
//                              truncation since the file's last sync is kept
//                              in memory only (reads see it), and at event N
//                              it is lost, as a machine losing power loses the
//                              page cache; then the process dies of SIGKILL.
//   LMACHECK_VFS_CRASH_KEEP=some  ... except a random half of the unsynced
//                              writes, which reach the disk in any order (a
//                              disk that wrote some of its cache).
//   LMACHECK_VFS_SEED=S        the seed of that random choice.
//   LMACHECK_VFS_FAIL_AT=N     a failing disk from event N on: each later
//   LMACHECK_VFS_FAIL=KIND     write fails with EIO (KIND eio) or ENOSPC
//                              (enospc), or each sync with EIO (fsync), with
//                              the codes SQLite's unix VFS gives for them.
//   LMACHECK_VFS_COUNT_FILE=F  writes the number of events so far to F
//                              whenever a file closes and at exit.
//
// A file closed without a sync is taken as written: the model loses data of
// files still open, which is where `accept` keeps its store all run long.
// Each open file keeps its own pending writes: the model assumes one
// connection per file in the process, as `accept` has.
#include <sqlite3.h>

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

struct PendingOp {
    bool truncate = false;
    sqlite3_int64 offset = 0;  // where a write starts; the new size of a truncation
    std::string data;
};

// The file SQLite allocates for us (szOsFile bytes, no constructor run):
// our header, then the real VFS's file.
struct ShimFile {
    sqlite3_file base;  // first: SQLite reads pMethods from here
    sqlite3_file* real;
    bool tracked;                     // a database, journal or WAL file
    std::vector<PendingOp>* pending;  // unsynced writes while a crash is planned
};

enum class Failure { none, eio, enospc, fsync };

struct State {
    sqlite3_vfs* real_vfs = nullptr;
    long long crash_at = 0;
    long long fail_at = 0;
    Failure failure = Failure::none;
    bool keep_some = false;
    std::mt19937 random{0};
    const char* count_file = nullptr;
    long long events = 0;
    std::set<ShimFile*> open_files;
    std::recursive_mutex mutex;
};

State& state() {
    static State* const instance = new State();  // never destroyed: used until the last close
    return *instance;
}

sqlite3_file* real_of(sqlite3_file* file) { return reinterpret_cast<ShimFile*>(file)->real; }

void write_count() {
    State& s = state();
    if (s.count_file == nullptr) return;
    if (FILE* out = std::fopen(s.count_file, "w")) {
        std::fprintf(out, "%lld\n", s.events);
        std::fclose(out);
    }
}

// Writes a file's pending operations to the real file, in order.
int apply_pending(ShimFile* f) {
    if (f->pending == nullptr) return SQLITE_OK;
    for (const PendingOp& op : *f->pending) {
        const int rc = op.truncate ? f->real->pMethods->xTruncate(f->real, op.offset)
                                   : f->real->pMethods->xWrite(f->real, op.data.data(), static_cast<int>(op.data.size()),
                                                               op.offset);
        if (rc != SQLITE_OK) return rc;
    }
    f->pending->clear();
    return SQLITE_OK;
}

[[noreturn]] void lose_power() {
    State& s = state();
    for (ShimFile* f : s.open_files) {
        if (f->pending == nullptr || !s.keep_some) continue;
        for (const PendingOp& op : *f->pending) {
            if (op.truncate || (s.random() & 1u) == 0) continue;
            f->real->pMethods->xWrite(f->real, op.data.data(), static_cast<int>(op.data.size()), op.offset);
        }
    }
    ::kill(::getpid(), SIGKILL);
    ::_exit(137);  // not reached
}

// Counts one event; dies at the planned crash. True when this event fails.
bool next_event(Failure kind) {
    State& s = state();
    ++s.events;
    if (s.crash_at > 0 && s.events >= s.crash_at) lose_power();
    return s.fail_at > 0 && s.events >= s.fail_at && s.failure == kind;
}

bool buffering(const ShimFile* f) { return f->pending != nullptr; }

// The size of a file with its pending operations.
sqlite3_int64 logical_size(ShimFile* f, sqlite3_int64 real_size) {
    sqlite3_int64 size = real_size;
    for (const PendingOp& op : *f->pending) {
        size = op.truncate ? op.offset : std::max(size, op.offset + static_cast<sqlite3_int64>(op.data.size()));
    }
    return size;
}

int shim_close(sqlite3_file* file) {
    auto* f = reinterpret_cast<ShimFile*>(file);
    State& s = state();
    const std::lock_guard lock(s.mutex);
    apply_pending(f);
    delete f->pending;
    f->pending = nullptr;
    s.open_files.erase(f);
    const int rc = f->real->pMethods->xClose(f->real);
    write_count();
    return rc;
}

int shim_read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    auto* f = reinterpret_cast<ShimFile*>(file);
    const std::lock_guard lock(state().mutex);
    int rc = f->real->pMethods->xRead(f->real, buffer, amount, offset);
    if (!buffering(f) || f->pending->empty()) return rc;
    if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ) return rc;
    // A short read has zero-filled the rest of the buffer (SQLite's rule for every VFS).
    sqlite3_int64 real_size = 0;
    f->real->pMethods->xFileSize(f->real, &real_size);
    auto* bytes = static_cast<char*>(buffer);
    const sqlite3_int64 end = offset + amount;
    for (const PendingOp& op : *f->pending) {
        if (op.truncate) {
            if (op.offset < end) std::memset(bytes + std::max<sqlite3_int64>(op.offset - offset, 0), 0,
                                             static_cast<std::size_t>(end - std::max(op.offset, offset)));
            continue;
        }
        const sqlite3_int64 from = std::max(offset, op.offset);
        const sqlite3_int64 to = std::min(end, op.offset + static_cast<sqlite3_int64>(op.data.size()));
        if (from < to) std::memcpy(bytes + (from - offset), op.data.data() + (from - op.offset), static_cast<std::size_t>(to - from));
    }
    const sqlite3_int64 size = logical_size(f, real_size);
    if (end <= size) return SQLITE_OK;
    const sqlite3_int64 valid = std::max<sqlite3_int64>(size - offset, 0);
    std::memset(bytes + valid, 0, static_cast<std::size_t>(amount - valid));
    return SQLITE_IOERR_SHORT_READ;
}

int shim_write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    auto* f = reinterpret_cast<ShimFile*>(file);
    State& s = state();
    const std::lock_guard lock(s.mutex);
    if (f->tracked) {
        if (next_event(Failure::eio)) return SQLITE_IOERR_WRITE;
        if (s.fail_at > 0 && s.events >= s.fail_at && s.failure == Failure::enospc) return SQLITE_FULL;
    }
    if (!buffering(f)) return f->real->pMethods->xWrite(f->real, buffer, amount, offset);
    f->pending->push_back(PendingOp{false, offset, std::string(static_cast<const char*>(buffer), static_cast<std::size_t>(amount))});
    return SQLITE_OK;
}

int shim_truncate(sqlite3_file* file, sqlite3_int64 size) {
    auto* f = reinterpret_cast<ShimFile*>(file);
    const std::lock_guard lock(state().mutex);
    if (f->tracked && next_event(Failure::eio)) return SQLITE_IOERR_TRUNCATE;
    if (!buffering(f)) return f->real->pMethods->xTruncate(f->real, size);
    f->pending->push_back(PendingOp{true, size, {}});
    return SQLITE_OK;
}

int shim_sync(sqlite3_file* file, int flags) {
    auto* f = reinterpret_cast<ShimFile*>(file);
    const std::lock_guard lock(state().mutex);
    if (f->tracked && next_event(Failure::fsync)) return SQLITE_IOERR_FSYNC;
    const int rc = apply_pending(f);
    if (rc != SQLITE_OK) return rc;
    return f->real->pMethods->xSync(f->real, flags);
}

int shim_file_size(sqlite3_file* file, sqlite3_int64* size) {
    auto* f = reinterpret_cast<ShimFile*>(file);
    const std::lock_guard lock(state().mutex);
    const int rc = f->real->pMethods->xFileSize(f->real, size);
    if (rc == SQLITE_OK && buffering(f)) *size = logical_size(f, *size);
    return rc;
}

int shim_file_control(sqlite3_file* file, int op, void* arg) {
    // A size hint makes the unix VFS extend the real file at once, behind
    // the pending writes' back; it is only a hint.
    if (op == SQLITE_FCNTL_SIZE_HINT && reinterpret_cast<ShimFile*>(file)->pending != nullptr) return SQLITE_OK;
    return real_of(file)->pMethods->xFileControl(real_of(file), op, arg);
}

int shim_lock(sqlite3_file* file, int level) { return real_of(file)->pMethods->xLock(real_of(file), level); }
int shim_unlock(sqlite3_file* file, int level) { return real_of(file)->pMethods->xUnlock(real_of(file), level); }
int shim_check_reserved(sqlite3_file* file, int* out) {
    return real_of(file)->pMethods->xCheckReservedLock(real_of(file), out);
}
int shim_sector_size(sqlite3_file* file) { return real_of(file)->pMethods->xSectorSize(real_of(file)); }
int shim_device(sqlite3_file* file) { return real_of(file)->pMethods->xDeviceCharacteristics(real_of(file)); }
int shim_shm_map(sqlite3_file* file, int page, int size, int extend, void volatile** out) {
    return real_of(file)->pMethods->xShmMap(real_of(file), page, size, extend, out);
}
int shim_shm_lock(sqlite3_file* file, int offset, int n, int flags) {
    return real_of(file)->pMethods->xShmLock(real_of(file), offset, n, flags);
}
void shim_shm_barrier(sqlite3_file* file) { real_of(file)->pMethods->xShmBarrier(real_of(file)); }
int shim_shm_unmap(sqlite3_file* file, int delete_flag) {
    return real_of(file)->pMethods->xShmUnmap(real_of(file), delete_flag);
}

// Version 2: the shared-memory methods WAL needs, and no xFetch, so that
// SQLite never reads the real file through a memory map past the pending
// writes.
const sqlite3_io_methods shim_methods = {
    2,           shim_close,         shim_read,        shim_write,     shim_truncate,  shim_sync,
    shim_file_size, shim_lock,       shim_unlock,      shim_check_reserved, shim_file_control, shim_sector_size,
    shim_device, shim_shm_map,       shim_shm_lock,    shim_shm_barrier, shim_shm_unmap, nullptr,
    nullptr,
};

constexpr int aligned(int size) { return (size + 15) / 16 * 16; }

int shim_open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    State& s = state();
    auto* f = reinterpret_cast<ShimFile*>(file);
    f->real = reinterpret_cast<sqlite3_file*>(reinterpret_cast<char*>(file) + aligned(sizeof(ShimFile)));
    f->pending = nullptr;
    f->base.pMethods = nullptr;
    const int rc = s.real_vfs->xOpen(s.real_vfs, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK) return rc;
    (void)vfs;
    const std::lock_guard lock(s.mutex);
    f->tracked = name != nullptr && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL | SQLITE_OPEN_WAL)) != 0;
    if (f->tracked && s.crash_at > 0) f->pending = new std::vector<PendingOp>();
    f->base.pMethods = &shim_methods;
    s.open_files.insert(f);
    return SQLITE_OK;
}

int shim_delete(sqlite3_vfs*, const char* name, int sync_dir) {
    State& s = state();
    {
        const std::lock_guard lock(s.mutex);
        if (next_event(Failure::eio)) return SQLITE_IOERR_DELETE;
    }
    return s.real_vfs->xDelete(s.real_vfs, name, sync_dir);
}

int shim_access(sqlite3_vfs*, const char* name, int flags, int* out) {
    return state().real_vfs->xAccess(state().real_vfs, name, flags, out);
}
int shim_full_pathname(sqlite3_vfs*, const char* name, int size, char* out) {
    return state().real_vfs->xFullPathname(state().real_vfs, name, size, out);
}
void* shim_dl_open(sqlite3_vfs*, const char* name) { return state().real_vfs->xDlOpen(state().real_vfs, name); }
void shim_dl_error(sqlite3_vfs*, int size, char* out) { state().real_vfs->xDlError(state().real_vfs, size, out); }
void (*shim_dl_sym(sqlite3_vfs*, void* handle, const char* symbol))(void) {
    return state().real_vfs->xDlSym(state().real_vfs, handle, symbol);
}
void shim_dl_close(sqlite3_vfs*, void* handle) { state().real_vfs->xDlClose(state().real_vfs, handle); }
int shim_randomness(sqlite3_vfs*, int size, char* out) {
    return state().real_vfs->xRandomness(state().real_vfs, size, out);
}
int shim_sleep(sqlite3_vfs*, int microseconds) { return state().real_vfs->xSleep(state().real_vfs, microseconds); }
int shim_current_time(sqlite3_vfs*, double* out) { return state().real_vfs->xCurrentTime(state().real_vfs, out); }
int shim_last_error(sqlite3_vfs*, int size, char* out) {
    return state().real_vfs->xGetLastError(state().real_vfs, size, out);
}
int shim_current_time_int64(sqlite3_vfs*, sqlite3_int64* out) {
    return state().real_vfs->xCurrentTimeInt64(state().real_vfs, out);
}

sqlite3_vfs shim_vfs;

long long env_number(const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr ? std::atoll(value) : 0;
}

Failure env_failure() {
    const char* value = std::getenv("LMACHECK_VFS_FAIL");
    if (value == nullptr) return Failure::none;
    if (std::strcmp(value, "eio") == 0) return Failure::eio;
    if (std::strcmp(value, "enospc") == 0) return Failure::enospc;
    if (std::strcmp(value, "fsync") == 0) return Failure::fsync;
    std::fprintf(stderr, "power_loss_vfs: unknown LMACHECK_VFS_FAIL=%s\n", value);
    std::abort();
}

__attribute__((constructor)) void register_shim() {
    State& s = state();
    s.real_vfs = sqlite3_vfs_find(nullptr);
    if (s.real_vfs == nullptr) {
        std::fprintf(stderr, "power_loss_vfs: SQLite has no default VFS\n");
        std::abort();
    }
    s.crash_at = env_number("LMACHECK_VFS_CRASH_AT");
    s.fail_at = env_number("LMACHECK_VFS_FAIL_AT");
    s.failure = env_failure();
    const char* keep = std::getenv("LMACHECK_VFS_CRASH_KEEP");
    s.keep_some = keep != nullptr && std::strcmp(keep, "some") == 0;
    s.random.seed(static_cast<std::mt19937::result_type>(env_number("LMACHECK_VFS_SEED")));
    s.count_file = std::getenv("LMACHECK_VFS_COUNT_FILE");

    const sqlite3_vfs& real = *s.real_vfs;
    shim_vfs.iVersion = 2;
    shim_vfs.szOsFile = aligned(sizeof(ShimFile)) + real.szOsFile;
    shim_vfs.mxPathname = real.mxPathname;
    shim_vfs.zName = "lmacheck-power-loss";
    shim_vfs.xOpen = shim_open;
    shim_vfs.xDelete = shim_delete;
    shim_vfs.xAccess = shim_access;
    shim_vfs.xFullPathname = shim_full_pathname;
    shim_vfs.xDlOpen = shim_dl_open;
    shim_vfs.xDlError = shim_dl_error;
    shim_vfs.xDlSym = shim_dl_sym;
    shim_vfs.xDlClose = shim_dl_close;
    shim_vfs.xRandomness = shim_randomness;
    shim_vfs.xSleep = shim_sleep;
    shim_vfs.xCurrentTime = shim_current_time;
    shim_vfs.xGetLastError = shim_last_error;
    shim_vfs.xCurrentTimeInt64 = shim_current_time_int64;
    if (sqlite3_vfs_register(&shim_vfs, 1) != SQLITE_OK) {
        std::fprintf(stderr, "power_loss_vfs: cannot register the VFS\n");
        std::abort();
    }
}

__attribute__((destructor)) void report_count() {
    const std::lock_guard lock(state().mutex);
    write_count();
}

}  // namespace
