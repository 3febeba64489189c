// Where a report goes when --output names a file: never over a file the run
// reads or keeps (the store, a rule set, an input), and never half-written
// (a temporary file next to it, synced, then renamed into place).
#pragma once

#include "engine/inputs.hpp"

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace lmacheck::cli {

// A file the report must not overwrite, and what it is to the run ("the
// store", "the rule set") for the message.
struct KeptFile {
    std::filesystem::path path;
    std::string role;
};

// The store and the files SQLite keeps next to it (-wal, -shm, -journal).
std::vector<KeptFile> store_files(const std::string& store);

// Throws ConfigError (exit 2, nothing written) when `output` is the same
// file as one of `kept` (the same device and inode, through links and hard
// links; or, for a file not there yet, the same path once links are
// resolved) or as one of `inputs`. An empty `output` (stdout) is never one.
void refuse_output_over(const std::string& output, const std::vector<KeptFile>& kept,
                        const std::vector<InputFile>& inputs = {});

// A report written to `output` in pieces, whole or not at all: into a
// temporary file in the same directory, fsync'ed, then renamed over `output`
// on commit() (a link is followed to its file). Something that is not a
// regular file (a terminal, /dev/null, a FIFO) is written directly. Each
// call is false, after logging why, on failure; then `output` is as it was
// and no temporary file is left, as also when the object is destroyed
// without commit().
class ReportFile {
public:
    ReportFile() = default;
    ~ReportFile();
    ReportFile(const ReportFile&) = delete;
    ReportFile& operator=(const ReportFile&) = delete;

    bool open(const std::filesystem::path& output);
    bool write(std::string_view piece);
    bool commit();

private:
    bool fail();  // logs errno's reason, removes the temporary file; false

    std::filesystem::path output_;     // as given, for messages
    std::filesystem::path target_;     // the file renamed over (links resolved)
    std::filesystem::path temporary_;  // empty when written in place
    int fd_ = -1;
};

// Writes `content` to `output` whole or not at all (ReportFile): into a temporary file in
// the same directory, fsync'ed, then renamed over `output` (a link is
// followed to its file). Something that is not a regular file (a terminal,
// /dev/null, a FIFO) is written directly. False, after logging why, on
// failure; then `output` is as it was and no temporary file is left.
bool write_file_whole(const std::string& content, const std::filesystem::path& output);

}  // namespace lmacheck::cli
