#include "workbook/container_check.hpp"

#include <algorithm>
#include <array>
#include <optional>

namespace lmacheck::workbook {
namespace {

constexpr std::string_view zip_magic{"PK\x03\x04", 4};
constexpr std::string_view empty_zip_magic{"PK\x05\x06", 4};
constexpr std::string_view central_magic{"PK\x01\x02", 4};
constexpr std::string_view end_magic{"PK\x05\x06", 4};
// An OLE compound file: how Excel stores a password-protected workbook (and
// the old binary .xls).
constexpr std::string_view compound_magic{"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8};
constexpr std::uint16_t encrypted_flag = 0x0001;
constexpr std::uint32_t zip64_marker = 0xFFFFFFFFu;

std::uint32_t read_le(std::string_view bytes, std::size_t at, int width) {
    std::uint32_t value = 0;
    for (int i = width - 1; i >= 0; --i) {
        value = (value << 8) | static_cast<unsigned char>(bytes[at + static_cast<std::size_t>(i)]);
    }
    return value;
}

bool holds_utf16(std::string_view bytes, std::string_view ascii) {
    std::string wide;
    for (char c : ascii) {
        wide.push_back(c);
        wide.push_back('\0');
    }
    return bytes.find(wide) != std::string_view::npos;
}

ContainerProblem compound_file_problem(std::string_view bytes) {
    // An encrypted OOXML package keeps its parts in a stream of this name.
    if (holds_utf16(bytes, "EncryptedPackage")) return {"workbook-encrypted"};
    return {"workbook-legacy"};
}

struct CentralEntry {
    std::string_view name;
    std::uint16_t flags = 0;
    std::uint16_t method = 0;
    std::uint32_t crc32 = 0;
    std::uint32_t packed = 0;
    std::uint32_t expanded = 0;
    std::uint32_t local_offset = 0;
};

// The part's local header and packed data lie before the central directory.
// orcus allocates the packed size before it reads: a 1 KB file claiming a
// packed part of 4 GiB would make it allocate 4 GiB.
// Returns where the packed data starts, or nothing when it does not fit.
std::optional<std::uint64_t> data_start(std::string_view bytes, const CentralEntry& entry,
                                        std::uint32_t directory_offset) {
    constexpr std::uint64_t local_header_size = 30;
    const std::uint64_t header_end = std::uint64_t{entry.local_offset} + local_header_size;
    if (header_end > directory_offset) return std::nullopt;
    const std::uint64_t name_length = read_le(bytes, entry.local_offset + 26, 2);
    const std::uint64_t extra_length = read_le(bytes, entry.local_offset + 28, 2);
    const std::uint64_t start = header_end + name_length + extra_length;
    const std::uint64_t data_end = start + entry.packed;
    if (data_end > directory_offset || data_end > bytes.size()) return std::nullopt;
    return start;
}

}  // namespace

std::variant<ContainerInfo, ContainerProblem> check_container(std::string_view bytes, const ContainerLimits& limits) {
    if (bytes.starts_with(compound_magic)) return compound_file_problem(bytes);
    if (!bytes.starts_with(zip_magic)) {
        if (bytes.starts_with(empty_zip_magic)) return ContainerProblem{"workbook-not-workbook"};
        return ContainerProblem{"workbook-not-zip"};
    }
    // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KiB.
    constexpr std::size_t end_size = 22;
    if (bytes.size() < end_size) return ContainerProblem{"workbook-truncated"};
    const std::size_t search_from = bytes.size() > end_size + 65535 ? bytes.size() - end_size - 65535 : 0;
    const std::size_t end = bytes.rfind(end_magic);
    if (end == std::string_view::npos || end < search_from || end + end_size > bytes.size()) {
        return ContainerProblem{"workbook-truncated"};
    }
    const std::uint32_t entry_count = read_le(bytes, end + 10, 2);
    const std::uint32_t directory_size = read_le(bytes, end + 12, 4);
    const std::uint32_t directory_offset = read_le(bytes, end + 16, 4);
    if (entry_count == 0xFFFF || directory_offset == zip64_marker) return ContainerProblem{"workbook-zip64"};
    if (entry_count > limits.max_entries) {
        return ContainerProblem{"workbook-too-many-parts", "", std::uint64_t{entry_count}};
    }
    if (std::uint64_t{directory_offset} + directory_size > end) return ContainerProblem{"workbook-truncated"};

    ContainerInfo info;
    bool has_xlsx_workbook = false;
    bool has_ods_content = false;
    std::size_t at = directory_offset;
    for (std::uint32_t i = 0; i < entry_count; ++i) {
        constexpr std::size_t header_size = 46;
        if (at + header_size > end || bytes.substr(at, 4) != central_magic) return ContainerProblem{"workbook-truncated"};
        CentralEntry entry;
        entry.flags = static_cast<std::uint16_t>(read_le(bytes, at + 8, 2));
        entry.method = static_cast<std::uint16_t>(read_le(bytes, at + 10, 2));
        entry.crc32 = read_le(bytes, at + 16, 4);
        entry.packed = read_le(bytes, at + 20, 4);
        entry.expanded = read_le(bytes, at + 24, 4);
        const std::uint32_t name_length = read_le(bytes, at + 28, 2);
        const std::uint32_t extra_length = read_le(bytes, at + 30, 2);
        const std::uint32_t comment_length = read_le(bytes, at + 32, 2);
        entry.local_offset = read_le(bytes, at + 42, 4);
        if (at + header_size + name_length > end) return ContainerProblem{"workbook-truncated"};
        entry.name = bytes.substr(at + header_size, name_length);
        at += header_size + name_length + extra_length + comment_length;

        if ((entry.flags & encrypted_flag) != 0) return ContainerProblem{"workbook-encrypted"};
        if (entry.packed == zip64_marker || entry.expanded == zip64_marker || entry.local_offset == zip64_marker) {
            return ContainerProblem{"workbook-zip64"};
        }
        const auto start = data_start(bytes, entry, directory_offset);
        if (!start) return ContainerProblem{"workbook-truncated"};
        info.parts.push_back({entry.name, entry.method, entry.crc32, *start, entry.packed, entry.expanded});
        info.expanded_bytes += entry.expanded;
        if (info.expanded_bytes > limits.max_expanded_bytes) {
            return ContainerProblem{"workbook-expands-too-far", "", limits.max_expanded_bytes};
        }
        if (entry.name == "xl/workbook.xml") has_xlsx_workbook = true;
        if (entry.name == "content.xml") has_ods_content = true;
    }
    if (has_xlsx_workbook) {
        info.format = WorkbookFormat::xlsx;
    } else if (has_ods_content) {
        info.format = WorkbookFormat::ods;
    } else {
        return ContainerProblem{"workbook-not-workbook"};
    }
    return info;
}

}  // namespace lmacheck::workbook
