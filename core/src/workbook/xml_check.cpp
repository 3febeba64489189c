#include "workbook/xml_check.hpp"

#include "workbook/file_names.hpp"

#include <expat.h>
#include <zlib.h>

#include <memory>
#include <new>
#include <string>

namespace lmacheck::workbook {
namespace {

constexpr std::uint16_t stored = 0;
constexpr std::uint16_t deflated = 8;

struct InflateStream {
    z_stream z{};
    InflateStream() {
        // Negative window bits: a raw deflate stream, as zip holds it.
        if (inflateInit2(&z, -MAX_WBITS) != Z_OK) throw std::bad_alloc();
    }
    ~InflateStream() { inflateEnd(&z); }
    InflateStream(const InflateStream&) = delete;
    InflateStream& operator=(const InflateStream&) = delete;
};

// The part's data as it unpacks, or nothing when it does not unpack to
// exactly the size and CRC-32 the central directory claims.
std::optional<std::string> unpack(std::string_view bytes, const ContainerPart& part) {
    const std::string_view packed = bytes.substr(part.data_offset, part.packed);
    std::string data;
    if (part.method == stored) {
        if (part.packed != part.expanded) return std::nullopt;
        data.assign(packed);
    } else if (part.method == deflated) {
        // The claimed size is bounded by check_container's limit; one byte
        // more shows a stream that holds more than it claims.
        data.resize(std::size_t{part.expanded} + 1);
        InflateStream stream;
        stream.z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(packed.data()));
        stream.z.avail_in = static_cast<uInt>(packed.size());
        stream.z.next_out = reinterpret_cast<Bytef*>(data.data());
        stream.z.avail_out = static_cast<uInt>(data.size());
        if (inflate(&stream.z, Z_FINISH) != Z_STREAM_END || stream.z.total_out != part.expanded) return std::nullopt;
        data.resize(part.expanded);
    } else {
        return std::nullopt;  // no workbook program writes another method, and orcus reads no other
    }
    const auto crc = crc32(0L, reinterpret_cast<const Bytef*>(data.data()), static_cast<uInt>(data.size()));
    if (crc != part.crc32) return std::nullopt;
    return data;
}

// Images and other binary parts are left alone; anything that looks like XML
// is checked, whatever its name.
bool holds_xml(std::string_view name, std::string_view content) {
    if (ends_with_ignoring_case(name, ".xml") || ends_with_ignoring_case(name, ".rels")) return true;
    if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
    const std::size_t first = content.find_first_not_of(" \t\r\n");
    return first != std::string_view::npos && content[first] == '<';
}

struct ParserDeleter {
    void operator()(XML_ParserStruct* parser) const { XML_ParserFree(parser); }
};

struct XmlCheck {
    XML_Parser parser = nullptr;
    bool doctype = false;
};

void XMLCALL refuse_doctype(void* user_data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
    auto* check = static_cast<XmlCheck*>(user_data);
    check->doctype = true;
    XML_StopParser(check->parser, XML_FALSE);
}

std::optional<PartProblem> check_xml(std::string_view name, std::string_view content) {
    // The encoding given here overrides the part's own declaration: orcus
    // reads every part as UTF-8, so a part in UTF-16 is damaged for it too.
    const std::unique_ptr<XML_ParserStruct, ParserDeleter> parser(XML_ParserCreate("UTF-8"));
    if (!parser) throw std::bad_alloc();
    XmlCheck check{parser.get()};
    XML_SetUserData(parser.get(), &check);
    XML_SetStartDoctypeDeclHandler(parser.get(), refuse_doctype);
    // An int length is enough: check_container bounds all parts together to
    // far less than 2 GiB.
    if (XML_Parse(parser.get(), content.data(), static_cast<int>(content.size()), XML_TRUE) == XML_STATUS_OK) {
        return std::nullopt;
    }
    std::string place(name);
    place += ':';
    place += std::to_string(XML_GetCurrentLineNumber(parser.get()));
    place += ':';
    place += std::to_string(XML_GetCurrentColumnNumber(parser.get()) + 1);
    return PartProblem{check.doctype ? "workbook-doctype" : "workbook-bad-xml", std::move(place)};
}

}  // namespace

std::optional<PartProblem> check_parts(std::string_view bytes, const ContainerInfo& container) {
    for (const ContainerPart& part : container.parts) {
        if (part.name.empty() || part.name.back() == '/') continue;  // a directory entry
        const auto data = unpack(bytes, part);
        if (!data) return PartProblem{"workbook-damaged-part", std::string(part.name)};
        if (!holds_xml(part.name, *data)) continue;
        if (auto problem = check_xml(part.name, *data)) return problem;
    }
    return std::nullopt;
}

}  // namespace lmacheck::workbook
