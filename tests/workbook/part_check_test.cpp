// The check of every part before liborcus reads it (workbook/xml_check.hpp):
// a part that does not unpack to what its zip claims, or that holds XML that
// is not well-formed, is one document.unreadable finding naming the part,
// and orcus never sees it.
#include "zip_builder.hpp"

#include "support/file_bytes.hpp"
#include "workbook/submission_file.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>

namespace lmacheck {
namespace {

struct Unreadable {
    std::string message_id;
    std::string detail;
};

Unreadable unreadable(const std::string& bytes) {
    const Document doc = parse_submission(bytes, "x.xlsx", LoadLimits{});
    if (doc.json || doc.findings.size() != 1 || doc.findings[0].rule != "document.unreadable") return {"readable", ""};
    std::string detail;
    for (const auto& [name, value] : doc.findings[0].args) {
        if (name == "detail") detail = value.get<std::string>();
    }
    return {doc.findings[0].message_id, detail};
}

constexpr std::size_t sheet_part = 5;  // xlsx_parts: the sheet is the last part

std::string submission_sheet() {
    return "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>field</t></is></c></row>";
}

// Found by fuzz_workbook: sheet5.xml's deflate stream is damaged ("invalid
// distance too far back"). liborcus 0.17 then read past the end of its
// buffer and its assertion aborted the process.
TEST(PartCheck, DamagedDeflateStreamFoundByTheFuzzerNamesThePart) {
    const std::string bytes =
        test::read_bytes(std::string(LMACHECK_SOURCE_DIR) + "/tests/data/workbook/damaged-deflate-sheet.xlsx");
    const Unreadable found = unreadable(bytes);
    EXPECT_EQ(found.message_id, "workbook-damaged-part");
    EXPECT_EQ(found.detail, "xl/worksheets/sheet5.xml");
}

TEST(PartCheck, ChecksumThatDoesNotMatchIsDamage) {
    std::string bytes = test::build_zip(test::xlsx_parts("submission", submission_sheet()));
    ASSERT_EQ(unreadable(bytes).message_id, "readable");
    // The central directory record of the sheet: the last of the six; its CRC-32 is at offset 16.
    const std::size_t record = bytes.rfind(std::string("PK\x01\x02", 4));
    ASSERT_NE(record, std::string::npos);
    bytes[record + 16] = static_cast<char>(bytes[record + 16] ^ 0x01);
    const Unreadable found = unreadable(bytes);
    EXPECT_EQ(found.message_id, "workbook-damaged-part");
    EXPECT_EQ(found.detail, "xl/worksheets/sheet1.xml");
}

TEST(PartCheck, SheetThatIsNotWellFormedNamesPartLineAndColumn) {
    auto parts = test::xlsx_parts("submission", submission_sheet());
    parts[sheet_part].data = "<?xml version=\"1.0\"?>\n<worksheet><sheetData>\n<row r=\"1\"><c r=\"A1\" t=";
    const Unreadable found = unreadable(test::build_zip(parts));
    EXPECT_EQ(found.message_id, "workbook-bad-xml");
    EXPECT_TRUE(std::regex_match(found.detail, std::regex(R"(xl/worksheets/sheet1\.xml:3:\d+)"))) << found.detail;
}

TEST(PartCheck, NulByteInAPartIsNotWellFormed) {
    auto parts = test::xlsx_parts("submission", submission_sheet());
    parts[sheet_part].data.insert(parts[sheet_part].data.size() - 5, std::string(1, '\0'));
    EXPECT_EQ(unreadable(test::build_zip(parts)).message_id, "workbook-bad-xml");
}

TEST(PartCheck, DocumentTypeDeclarationIsRefused) {
    auto parts = test::xlsx_parts("submission", submission_sheet());
    std::string& sheet = parts[sheet_part].data;
    sheet.insert(sheet.find("?>") + 2, "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">]>");
    const Unreadable found = unreadable(test::build_zip(parts));
    EXPECT_EQ(found.message_id, "workbook-doctype");
    EXPECT_TRUE(found.detail.starts_with("xl/worksheets/sheet1.xml:1:")) << found.detail;
}

TEST(PartCheck, XmlUnderAnotherNameIsCheckedAndBinaryPartsAreLeftAlone) {
    auto parts = test::xlsx_parts("submission", submission_sheet());
    parts.push_back({"xl/media/image1.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)});
    ASSERT_EQ(unreadable(test::build_zip(parts)).message_id, "readable");
    parts.push_back({"xl/worksheets/sheet2.bin", "  <worksheet><sheetData>"});
    const Unreadable found = unreadable(test::build_zip(parts));
    EXPECT_EQ(found.message_id, "workbook-bad-xml");
    EXPECT_TRUE(found.detail.starts_with("xl/worksheets/sheet2.bin:")) << found.detail;
}

}  // namespace
}  // namespace lmacheck
