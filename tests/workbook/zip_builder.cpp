#include "zip_builder.hpp"

#include <zlib.h>

#include <cstdint>
#include <stdexcept>

namespace lmacheck::test {
namespace {

void put(std::string& out, std::uint32_t value, int bytes) {
    for (int i = 0; i < bytes; ++i) out.push_back(static_cast<char>((value >> (8 * i)) & 0xFF));
}

std::string deflate_raw(const std::string& data) {
    z_stream stream{};
    if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, -15, 9, Z_DEFAULT_STRATEGY) != Z_OK) {
        throw std::runtime_error("deflateInit2");
    }
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())), '\0');
    stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef*>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    if (deflate(&stream, Z_FINISH) != Z_STREAM_END) throw std::runtime_error("deflate");
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

}  // namespace

std::string build_zip(const std::vector<ZipEntry>& entries) {
    std::string out;
    std::string directory;
    for (const ZipEntry& entry : entries) {
        const std::string packed = deflate_raw(entry.data);
        const auto crc = static_cast<std::uint32_t>(
            crc32(0, reinterpret_cast<const Bytef*>(entry.data.data()), static_cast<uInt>(entry.data.size())));
        const auto offset = static_cast<std::uint32_t>(out.size());
        const std::uint32_t flags = entry.encrypted_flag ? 1 : 0;
        out += std::string("PK\x03\x04", 4);
        put(out, 20, 2);
        put(out, flags, 2);
        put(out, 8, 2);  // deflate
        put(out, 0, 4);  // time, date
        put(out, crc, 4);
        put(out, static_cast<std::uint32_t>(packed.size()), 4);
        put(out, static_cast<std::uint32_t>(entry.data.size()), 4);
        put(out, static_cast<std::uint32_t>(entry.name.size()), 2);
        put(out, 0, 2);
        out += entry.name;
        out += packed;

        directory += std::string("PK\x01\x02", 4);
        put(directory, 20, 2);
        put(directory, 20, 2);
        put(directory, flags, 2);
        put(directory, 8, 2);
        put(directory, 0, 4);
        put(directory, crc, 4);
        put(directory, static_cast<std::uint32_t>(packed.size()), 4);
        put(directory, static_cast<std::uint32_t>(entry.data.size()), 4);
        put(directory, static_cast<std::uint32_t>(entry.name.size()), 2);
        put(directory, 0, 2);
        put(directory, 0, 2);
        put(directory, 0, 2);
        put(directory, 0, 2);
        put(directory, 0, 4);
        put(directory, offset, 4);
        directory += entry.name;
    }
    const auto directory_offset = static_cast<std::uint32_t>(out.size());
    out += directory;
    out += std::string("PK\x05\x06", 4);
    put(out, 0, 2);
    put(out, 0, 2);
    put(out, static_cast<std::uint32_t>(entries.size()), 2);
    put(out, static_cast<std::uint32_t>(entries.size()), 2);
    put(out, static_cast<std::uint32_t>(directory.size()), 4);
    put(out, directory_offset, 4);
    put(out, 0, 2);
    return out;
}

std::vector<ZipEntry> xlsx_parts(const std::string& name, const std::string& sheet_data,
                                 const std::vector<std::string>& strings) {
    const std::string main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const std::string rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    std::string shared = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + main_ns + "\">";
    for (const std::string& s : strings) shared += "<si><t>" + s + "</t></si>";
    shared += "</sst>";
    return {
        {"[Content_Types].xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
         "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
         "ContentType=\"application/xml\"/><Override PartName=\"/xl/workbook.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/><Override "
         "PartName=\"/xl/worksheets/sheet1.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/><Override "
         "PartName=\"/xl/sharedStrings.xml\" "
         "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/></Types>"},
        {"_rels/.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
         "Target=\"xl/workbook.xml\"/></Relationships>"},
        {"xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + main_ns +
                                "\" xmlns:r=\"" + rel_ns + "\"><sheets><sheet name=\"" + name +
                                "\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"},
        {"xl/_rels/workbook.xml.rels",
         "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
         "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "
         "Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" "
         "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
         "Target=\"sharedStrings.xml\"/></Relationships>"},
        {"xl/sharedStrings.xml", shared},
        {"xl/worksheets/sheet1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + main_ns +
                                         "\"><sheetData>" + sheet_data + "</sheetData></worksheet>"},
    };
}

std::vector<ZipEntry> xlsx_book(const std::vector<XlsxSheet>& sheets, const std::vector<std::string>& strings) {
    const std::string main_ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const std::string rel_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    std::vector<ZipEntry> parts = xlsx_parts(sheets.empty() ? "unused" : sheets[0].name, "", strings);
    parts.pop_back();  // xlsx_parts' one sheet
    std::string workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + main_ns +
                           "\" xmlns:r=\"" + rel_ns + "\"><sheets>";
    std::string rels = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships "
                       "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "
                       "Id=\"rIdStrings\" "
                       "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "
                       "Target=\"sharedStrings.xml\"/>";
    for (std::size_t i = 0; i < sheets.size(); ++i) {
        const XlsxSheet& sheet = sheets[i];
        const std::string number = std::to_string(i + 1);
        workbook += "<sheet name=\"" + sheet.name + "\" sheetId=\"" + number + "\"" +
                    (sheet.state.empty() ? "" : " state=\"" + sheet.state + "\"") + " r:id=\"rId" + number + "\"/>";
        const std::string target = sheet.target.empty() ? "worksheets/sheet" + number + ".xml" : sheet.target;
        rels += "<Relationship Id=\"rId" + number +
                "\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"" +
                target + "\"/>";
        if (sheet.target.empty()) {
            parts.push_back({"xl/worksheets/sheet" + number + ".xml",
                             "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + main_ns +
                                 "\"><sheetData>" + sheet.sheet_data + "</sheetData></worksheet>"});
        }
    }
    std::string overrides;
    for (const ZipEntry& part : parts) {
        if (!part.name.starts_with("xl/worksheets/")) continue;
        overrides += "<Override PartName=\"/" + part.name +
                     "\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
    }
    for (ZipEntry& part : parts) {
        if (part.name == "[Content_Types].xml") {
            const std::string sheet1 =
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" "
                "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>";
            part.data.replace(part.data.find(sheet1), sheet1.size(), overrides);
        }
        if (part.name == "xl/workbook.xml") part.data = workbook + "</sheets></workbook>";
        if (part.name == "xl/_rels/workbook.xml.rels") part.data = rels + "</Relationships>";
    }
    return parts;
}

}  // namespace lmacheck::test
