// The zip container of a workbook, checked from its central directory before
// anything is inflated. liborcus inflates each part whole into memory, sized
// by the central directory's claim (it stops there even if the data holds
// more), so bounding the claimed sizes bounds the memory a small file can
// make the reader use: a zip bomb is refused here, in microseconds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace lmacheck::workbook {

enum class WorkbookFormat { xlsx, ods };

struct ContainerLimits {
    std::uint64_t max_expanded_bytes = 64ull * 1024 * 1024;  // all parts together, inflated
    std::uint32_t max_entries = 10000;
};

// Why the container cannot be read: a message id of document.unreadable and
// its one argument (`detail`), when it has one.
struct ContainerProblem {
    std::string message_id;
    std::string detail{};
    std::uint64_t number = 0;
};

// One part of the zip as its central directory describes it, with where its
// packed data lies in the file (checked to lie inside it).
struct ContainerPart {
    std::string_view name;
    std::uint16_t method = 0;  // 0 stored, 8 deflated
    std::uint32_t crc32 = 0;
    std::uint64_t data_offset = 0;
    std::uint32_t packed = 0;
    std::uint32_t expanded = 0;
};

struct ContainerInfo {
    WorkbookFormat format = WorkbookFormat::xlsx;
    std::uint64_t expanded_bytes = 0;
    std::vector<ContainerPart> parts;  // views into the checked bytes
};

std::variant<ContainerInfo, ContainerProblem> check_container(std::string_view bytes, const ContainerLimits& limits);

}  // namespace lmacheck::workbook
