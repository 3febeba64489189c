// The document loader: reading, hashing, encodings, parse errors and their
// positions, duplicate keys, depth, numbers.
#include "document/document.hpp"
#include "engine/pipeline.hpp"
#include "document/document_messages.hpp"
#include "support/temp_dir.hpp"
#include "document_test_support.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <string>

namespace lmacheck {
namespace {

namespace fs = std::filesystem;
using namespace std::string_literals;

using testing::parse;

// The value of one message argument, or null when it is missing.
nlohmann::json arg(const RawFinding& finding, const std::string& name) {
    for (const auto& [key, value] : finding.args) {
        if (key == name) return value;
    }
    return nullptr;
}

// Asserts the document is unreadable for `message_id` and returns its finding.
const RawFinding& unreadable(const Document& doc, const std::string& message_id) {
    EXPECT_FALSE(doc.json.has_value());
    EXPECT_EQ(doc.findings.size(), 1u);
    const RawFinding& finding = doc.findings.at(0);
    EXPECT_EQ(finding.rule, "document.unreadable");
    EXPECT_EQ(finding.path, "");
    EXPECT_EQ(finding.message_id, message_id);
    // Every argument must survive a JSON report (valid UTF-8).
    EXPECT_NO_THROW(nlohmann::json(finding.args).dump());
    return finding;
}

void expect_at(const RawFinding& finding, int line, int column) {
    EXPECT_EQ(arg(finding, "line"), line);
    EXPECT_EQ(arg(finding, "column"), column);
    ASSERT_TRUE(finding.position.has_value());
    EXPECT_EQ(finding.position->line, line);
    EXPECT_EQ(finding.position->column, column);
}

std::string nested_arrays(int depth) {
    return std::string(static_cast<std::size_t>(depth), '[') + std::string(static_cast<std::size_t>(depth), ']');
}

// A scratch directory per test, removed afterwards.
class DocumentFileTest : public ::testing::Test {
protected:
    fs::path write(const std::string& name, const std::string& bytes) { return dir_.write(name, bytes); }

    test::TempDir dir_;
};

TEST(ParseDocument, ValidDocument) {
    const std::string text = R"({"name": "De Linde", "capacity": [{"places": 12}], "open": true, "note": null})";
    const Document doc = parse(text);
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_TRUE(doc.findings.empty());
    EXPECT_EQ(doc.name, "test.json");
    EXPECT_EQ(doc.text(), text);
    EXPECT_EQ(doc.sha256, sha256_hex(text));
    EXPECT_EQ((*doc.json)["capacity"][0]["places"], 12);
    EXPECT_EQ((*doc.json)["name"], "De Linde");
}

TEST(Sha256, KnownVectors) {
    EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    // Hashed even when the bytes are not JSON.
    EXPECT_EQ(parse("abc").sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

// Configuration files are parsed alike but not hashed: the same DOM and
// findings, no digest.
TEST(ParseDocument, UnhashedIsTheSameDocumentWithoutTheDigest) {
    for (const std::string& bytes : {"\xEF\xBB\xBF{\"a\": [1, 2.5, \"x\"]}"s, "{\"a\": 1, \"a\": 2}"s, "{\"a\": "s, "\xff"s}) {
        const Document hashed = parse(bytes);
        const Document unhashed = parse_unhashed_document(bytes, "test.json", LoadLimits{});
        EXPECT_EQ(hashed.sha256, sha256_hex(bytes));
        EXPECT_FALSE(unhashed.sha256.has_value());
        EXPECT_EQ(unhashed.json, hashed.json);
        EXPECT_EQ(unhashed.text(), hashed.text());
        ASSERT_EQ(unhashed.findings.size(), hashed.findings.size());
        for (std::size_t i = 0; i < hashed.findings.size(); ++i) {
            EXPECT_EQ(unhashed.findings[i].message_id, hashed.findings[i].message_id);
            EXPECT_EQ(unhashed.findings[i].path, hashed.findings[i].path);
        }
    }
}

TEST(ParseDocument, Utf8BomIsStrippedButHashed) {
    const std::string bytes = "\xEF\xBB\xBF{\"a\": 1}";
    const Document doc = parse(bytes);
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_TRUE(doc.findings.empty());
    EXPECT_EQ(doc.text(), "{\"a\": 1}");
    EXPECT_EQ(doc.sha256, sha256_hex(bytes));
    EXPECT_NE(doc.sha256, sha256_hex(doc.text()));
}

TEST(ParseDocument, BomIsNotCountedInColumns) {
    const Document doc = parse("\xEF\xBB\xBF{\"a\":}");
    const RawFinding& finding = unreadable(doc, "parse-error");
    expect_at(finding, 1, 6);  // the '}' is the 6th character after the BOM
}

TEST(ParseDocument, Utf16And32AreNamed) {
    struct Case {
        std::string bytes;
        std::string encoding;
    };
    const Case cases[] = {
        {"\xFF\xFE{\0}\0"s, "UTF-16LE"},      {"\xFE\xFF\0{\0}"s, "UTF-16BE"},    {"\xFF\xFE\0\0{\0\0\0"s, "UTF-32LE"},
        {"\0\0\xFE\xFF\0\0\0{"s, "UTF-32BE"}, {"{\0\"\0a\0\"\0:\0"s, "UTF-16LE"},  // no BOM: the NUL bytes tell
        {"\0{\0\"\0a"s, "UTF-16BE"},
    };
    for (const Case& c : cases) {
        const Document doc = parse(c.bytes);
        const RawFinding& finding = unreadable(doc, "utf16");
        EXPECT_EQ(arg(finding, "encoding"), c.encoding);
        EXPECT_EQ(doc.sha256, sha256_hex(c.bytes));
    }
}

TEST(ParseDocument, TruncatedFileReportsTheEnd) {
    expect_at(unreadable(parse("{\"a\": [1, 2"), "parse-error"), 1, 12);
    expect_at(unreadable(parse("{\n  \"a\": 1"), "parse-error"), 2, 9);
    expect_at(unreadable(parse("{\"a\": \"unterminated"), "parse-error"), 1, 20);
}

TEST(ParseDocument, ColumnsCountCodePoints) {
    // Line 3: `  "ö": x` - the x is the 8th character but the 9th byte.
    const Document doc = parse("{\n  \"naam\": \"é\",\n  \"ö\": x\n}");
    const RawFinding& finding = unreadable(doc, "parse-error");
    expect_at(finding, 3, 8);
    const std::string reason = arg(finding, "reason");
    EXPECT_EQ(reason.find("[json.exception"), std::string::npos) << reason;
    EXPECT_EQ(reason.find("parse error at line"), std::string::npos) << reason;
    EXPECT_NE(reason.find("invalid literal"), std::string::npos) << reason;

    // A 4-byte character (U+1F600) counts as one column too.
    expect_at(unreadable(parse("[\"\xF0\x9F\x98\x80\", ]"), "parse-error"), 1, 7);
}

TEST(ParseDocument, UnexpectedTokenPointsAtItsStart) {
    expect_at(unreadable(parse("{\"a\" 123}"), "parse-error"), 1, 6);
}

TEST(ParseDocument, DuplicateKeyAtRoot) {
    const Document doc = parse(R"({"a": 1, "a": 2})");
    ASSERT_TRUE(doc.json.has_value());
    ASSERT_EQ(doc.findings.size(), 1u);
    const RawFinding& finding = doc.findings[0];
    EXPECT_EQ(finding.rule, "document.duplicate-key");
    EXPECT_EQ(finding.path, "");
    EXPECT_EQ(finding.message_id, "duplicate-key");
    EXPECT_EQ(arg(finding, "key"), "a");
    ASSERT_TRUE(finding.position.has_value());  // the second "a"
    EXPECT_EQ(finding.position->line, 1);
    EXPECT_EQ(finding.position->column, 10);
    EXPECT_EQ((*doc.json)["a"], 2);  // the last value wins
}

TEST(ParseDocument, DuplicateKeyAtDepth) {
    const Document doc = parse("{\"capacity\": [\n  {\"places\": 1,\n   \"places\": {\"x\": 2}}\n]}");
    ASSERT_TRUE(doc.json.has_value());
    ASSERT_EQ(doc.findings.size(), 1u);
    EXPECT_EQ(doc.findings[0].path, "/capacity/0");
    EXPECT_EQ(arg(doc.findings[0], "key"), "places");
    ASSERT_TRUE(doc.findings[0].position.has_value());
    EXPECT_EQ(doc.findings[0].position->line, 3);
    EXPECT_EQ(doc.findings[0].position->column, 4);
    EXPECT_EQ((*doc.json)["capacity"][0]["places"]["x"], 2);
}

// "One finding per repeated key" (the catalog): a key written three times is
// reported once, at its first repetition; the same key repeated in another
// object is another finding.
TEST(ParseDocument, KeyThreeTimesGivesOneFindingPerObject) {
    const Document doc = parse(R"({"list": [0, {"k": 1, "k": 2, "k": 3}, {"k": 4, "k": 5}], "other": 1})");
    ASSERT_TRUE(doc.json.has_value());
    ASSERT_EQ(doc.findings.size(), 2u);
    EXPECT_EQ(doc.findings[0].path, "/list/1");
    EXPECT_EQ(arg(doc.findings[0], "key"), "k");
    EXPECT_EQ(doc.findings[0].position->column, 23);
    EXPECT_EQ(doc.findings[1].path, "/list/2");
    EXPECT_EQ((*doc.json)["list"][1]["k"], 3);
}

TEST(ParseDocument, DuplicateKeysWithEscapes) {
    // "a\/b" and "a/b" are the same key, as are "\u00e9" and "é"; the object
    // pointer escapes '/' and '~'.
    const Document doc = parse(R"({"x/y~": {"a\/b": 1, "a/b": 2, "\u00e9": 3, "é": 4, "q\"": 5, "q\"": 6}})");
    ASSERT_TRUE(doc.json.has_value());
    ASSERT_EQ(doc.findings.size(), 3u);
    EXPECT_EQ(doc.findings[0].path, "/x~1y~0");
    EXPECT_EQ(arg(doc.findings[0], "key"), "a/b");
    EXPECT_EQ(arg(doc.findings[1], "key"), "é");
    EXPECT_EQ(arg(doc.findings[2], "key"), "q\"");
    // The position is the opening quote of the repeated key, escapes and all.
    EXPECT_EQ(doc.findings[0].position->column, 22);
    EXPECT_EQ(doc.findings[1].position->column, 45);
    EXPECT_EQ(doc.findings[2].position->column, 63);
}

TEST(ParseDocument, DuplicatesAreDroppedWhenTheFileIsUnreadable) {
    unreadable(parse(R"({"a": 1, "a": 2,)"), "parse-error");
}

TEST(ParseDocument, DepthLimit) {
    const Document ok = parse(nested_arrays(512));
    EXPECT_TRUE(ok.json.has_value());
    EXPECT_TRUE(ok.findings.empty());

    const Document deep = parse(nested_arrays(513));
    const RawFinding& finding = unreadable(deep, "too-deep");
    EXPECT_EQ(arg(finding, "limit"), 512);
    expect_at(finding, 1, 513);  // the bracket that opens level 513

    std::string objects;
    for (int i = 0; i < 4; ++i) objects += "{\"a\": ";
    objects += "1" + std::string(4, '}');
    EXPECT_TRUE(parse(objects, LoadLimits{1024, 4}).json.has_value());
    expect_at(unreadable(parse(objects, LoadLimits{1024, 3}), "too-deep"), 1, 19);
}

TEST(ParseDocument, HundredThousandDeepDoesNotOverflowTheStack) {
    const std::string text = nested_arrays(100000);
    unreadable(parse(text), "too-deep");
    // Even when allowed, building (and destroying) the DOM is iterative.
    const Document allowed = parse(text, LoadLimits{1 << 20, 200000});
    EXPECT_TRUE(allowed.json.has_value());
    // Unbalanced: too deep is noticed before the missing brackets.
    unreadable(parse(std::string(100000, '[')), "too-deep");
}

// nlohmann's lexer takes a NUL byte for the end of the input: without a check
// on the bytes, a valid document followed by NUL and anything was accepted.
TEST(ParseDocument, NothingButWhitespaceMayFollowTheDocument) {
    expect_at(unreadable(parse("{\"a\": 1}\0{\"b\": 2}"s), "trailing-content"), 1, 9);
    expect_at(unreadable(parse("{\"a\": 1}\n  \0"s), "trailing-content"), 2, 3);
    expect_at(unreadable(parse("[1, 2]\0"s), "trailing-content"), 1, 7);
    expect_at(unreadable(parse("\"text\"\0x"s), "trailing-content"), 1, 7);
    expect_at(unreadable(parse("12\0 34"s), "trailing-content"), 1, 3);
    expect_at(unreadable(parse("true\0"s), "trailing-content"), 1, 5);
    // Quotes and brackets inside strings do not end the document early.
    expect_at(unreadable(parse("{\"a\": \"}]\\\"\"}\r\n\0"s), "trailing-content"), 2, 1);
    // Whitespace after the document is fine; other trailing bytes are the
    // parser's own error.
    EXPECT_TRUE(parse("{\"a\": 1} \t\r\n").json.has_value());
    unreadable(parse("{\"a\": 1} x"), "parse-error");
    // The message says where.
    const std::string bytes = "{\"a\": 1}\0garbage"s;
    const Document doc = parse(bytes);
    EXPECT_EQ(doc.sha256, sha256_hex(bytes));
    EXPECT_EQ(unreadable(doc, "trailing-content").position->column, 9);
}

// A raw NUL (a control character) is not allowed inside a string or a key.
TEST(ParseDocument, RawNulInsideAStringOrKeyIsAParseError) {
    expect_at(unreadable(parse("{\"a\": \"x\0y\"}"s), "parse-error"), 1, 9);
    expect_at(unreadable(parse("{\"a\0b\": 1}"s), "parse-error"), 1, 4);
    EXPECT_EQ(parse(R"({"a\u0000b": "x\u0000y"})").json->at("a"s + '\0' + "b"), "x"s + '\0' + "y");
}

TEST(ParseDocument, NumberOverflowIsAParseError) {
    const Document doc = parse("{\"x\": 1e400}");
    const RawFinding& finding = unreadable(doc, "parse-error");
    expect_at(finding, 1, 7);  // the start of the number
    const std::string reason = arg(finding, "reason");
    EXPECT_NE(reason.find("number overflow"), std::string::npos) << reason;
    EXPECT_EQ(reason.find("[json.exception"), std::string::npos) << reason;
    unreadable(parse("[-1e400]"), "parse-error");
}

TEST(ParseDocument, IntegralNumbersAreIntegers) {
    auto value = [](const std::string& text) { return *parse(text).json; };
    EXPECT_TRUE(value("-0").is_number_integer());
    EXPECT_EQ(value("-0"), 0);
    EXPECT_TRUE(value("-0.0").is_number_integer());
    EXPECT_TRUE(value("12.0").is_number_integer());
    EXPECT_EQ(value("12.0"), 12);
    EXPECT_EQ(value("12.0"), value("12"));
    EXPECT_TRUE(value("1.2e1").is_number_integer());
    EXPECT_TRUE(value("-3.0").is_number_integer());
    EXPECT_EQ(value("-3.0"), -3);
    EXPECT_TRUE(value("1.5").is_number_float());
    EXPECT_TRUE(value("18446744073709551615").is_number_unsigned());
    EXPECT_TRUE(value("-9223372036854775808").is_number_integer());
}

TEST(ParseDocument, BeyondSixtyFourBitsStaysAFloat) {
    const Document doc = parse("{\"n\": 99999999999999999999}");
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_TRUE(doc.findings.empty());
    EXPECT_TRUE((*doc.json)["n"].is_number_float());
    EXPECT_DOUBLE_EQ((*doc.json)["n"].get<double>(), 1e20);
    EXPECT_TRUE((*parse("18446744073709551616.0").json).is_number_float());
}

TEST(ParseDocument, InvalidUtf8InAString) {
    // Every byte of these also reads as Windows-1252 ("café", "À¯", "í €"):
    // the finding says so (see WindowsLatinTextGetsTheHint).
    const Document doc = parse("{\"a\": \"caf\xE9\"}");
    const RawFinding& finding = unreadable(doc, "not-utf8-windows-1252");
    expect_at(finding, 1, 11);
    const std::string detail = arg(finding, "detail");
    EXPECT_NE(detail.find("0xE9"), std::string::npos) << detail;

    expect_at(unreadable(parse("[\"\xC0\xAF\"]"), "not-utf8-windows-1252"), 1, 3);      // overlong '/'
    expect_at(unreadable(parse("[\"\xED\xA0\x80\"]"), "not-utf8-windows-1252"), 1, 3);  // surrogate
    expect_at(unreadable(parse("[\"é\"]\n\xFF"), "not-utf8"), 2, 1);           // outside a string
    expect_at(unreadable(parse("[\"\xF4\x90\x80\x80\"]"), "not-utf8"), 1, 3);  // above U+10FFFF
}

// A file saved as "ANSI" (Windows-1252) from Excel or Notepad: the finding
// says what it looks like and what to do, in both languages. A file that
// mixes in real UTF-8, holds a byte Windows-1252 leaves undefined, or is
// binary gets the plain not-UTF-8 finding.
TEST(ParseDocument, WindowsLatinTextGetsTheHint) {
    const Document doc = parse("{\"naam\": \"Caf\xE9 \x80 \x93Lindenhove\x94\"}\r\n");
    const RawFinding& latin = unreadable(doc, "not-utf8-windows-1252");
    expect_at(latin, 1, 14);
    const auto messages = unreadable_messages();
    EXPECT_EQ(render_message(messages, latin.message_id, latin.args, Language::nl),
              "het bestand is geen geldige UTF-8 op regel 1, kolom 14: onvolledige reeks van meerdere bytes vanaf "
              "byte 0xE9; dit bestand lijkt Windows-1252 (Latin-1) te zijn; sla het op als UTF-8");
    EXPECT_EQ(render_message(messages, latin.message_id, latin.args, Language::en),
              "the file is not valid UTF-8 at line 1, column 14: incomplete multi-byte sequence starting with byte "
              "0xE9; this file looks like Windows-1252 (Latin-1): save it as UTF-8");

    unreadable(parse("{\"a\": \"caf\xE9 \xC3\xA9\"}"), "not-utf8");  // and a real UTF-8 é
    unreadable(parse("{\"a\": \"\x81\"}"), "not-utf8");                // undefined in Windows-1252
    unreadable(parse("{\"a\": \"\xE9\x01\"}"), "not-utf8");            // a control character: binary
}

// The reasons of unreadable files read as Dutch in Dutch, with the input
// they quote untouched: "ongeldige JSON: ... op regel 12, kolom 3".
TEST(ParseDocument, ParserMessagesInDutch) {
    const auto messages = unreadable_messages();
    auto dutch = [&](const std::string& bytes) {
        const Document doc = parse(bytes);
        const RawFinding& finding = doc.findings.at(0);
        return render_message(messages, finding.message_id, finding.args, Language::nl);
    };
    EXPECT_EQ(dutch("{\"a\": [1,\n  2,\n  "),
              "ongeldige JSON: syntaxfout in een waarde - onverwacht einde van het bestand; verwacht werd '[', '{' "
              "of een waarde op regel 3, kolom 3");
    EXPECT_EQ(dutch(""), "ongeldige JSON: het bestand is leeg op regel 1, kolom 1");
    EXPECT_EQ(dutch("{\"a\": tru}"),
              "ongeldige JSON: syntaxfout in een waarde - ongeldige waarde; laatst gelezen: '\"a\": tru}' op regel 1, "
              "kolom 10");
    EXPECT_EQ(dutch("{\"a\" 1}"),
              "ongeldige JSON: syntaxfout bij de dubbele punt van een object - onverwacht getal; verwacht werd ':' "
              "op regel 1, kolom 6");
    EXPECT_EQ(dutch("[1e400]"), "ongeldige JSON: getal buiten bereik: '1e400' op regel 1, kolom 2");
    EXPECT_EQ(dutch("[\"\xF4\x90\x80\x80\"]"),
              "het bestand is geen geldige UTF-8 op regel 1, kolom 3: codepunt voorbij U+10FFFF");
}

TEST(ParseDocument, EmptyFile) {
    const Document doc = parse("");
    const RawFinding& finding = unreadable(doc, "parse-error");
    expect_at(finding, 1, 1);
    EXPECT_EQ(arg(finding, "reason"), "the file is empty");
    EXPECT_EQ(doc.sha256, sha256_hex(""));
    unreadable(parse("  \n "), "parse-error");
}

TEST(ParseDocument, RandomBinary) {
    std::mt19937 random(20240521);
    for (int round = 0; round < 50; ++round) {
        std::string bytes(4096, '\0');
        for (char& c : bytes) c = static_cast<char>(random() & 0xFF);
        const Document doc = parse(bytes);
        unreadable(doc, doc.findings.at(0).message_id);
        EXPECT_EQ(doc.sha256, sha256_hex(bytes));
    }
    // Valid UTF-8 but not JSON, with a multi-byte character cut in the
    // parser's quote of the input: the reason stays valid UTF-8.
    unreadable(parse("\x01\x02"), "parse-error");
    unreadable(parse("tr€"), "parse-error");
}

TEST(ParseDocument, SizeLimitOnBytesInMemory) {
    const Document doc = parse("[1, 2, 3]", LoadLimits{5, 512});
    const RawFinding& finding = unreadable(doc, "too-large");
    EXPECT_EQ(arg(finding, "size"), 9);
    EXPECT_EQ(arg(finding, "limit"), 5);
}

TEST_F(DocumentFileTest, LoadsAFile) {
    const fs::path file = write("ok.json", "\xEF\xBB\xBF{\"a\": [1, 2]}");
    const Document doc = load_document(file, "submissions/ok.json", LoadLimits{});
    ASSERT_TRUE(doc.json.has_value());
    EXPECT_EQ(doc.name, "submissions/ok.json");
    EXPECT_EQ(doc.sha256, sha256_hex("\xEF\xBB\xBF{\"a\": [1, 2]}"));
    EXPECT_EQ((*doc.json)["a"][1], 2);
}

TEST_F(DocumentFileTest, FileOverTheSizeLimit) {
    const fs::path file = write("big.json", "[" + std::string(100, ' ') + "]");
    const Document doc = load_document(file, "big.json", LoadLimits{64, 512});
    const RawFinding& finding = unreadable(doc, "too-large");
    EXPECT_EQ(arg(finding, "size"), 102);
    EXPECT_EQ(arg(finding, "limit"), 64);
    EXPECT_FALSE(doc.sha256.has_value());
    EXPECT_FALSE(finding.position.has_value());
    EXPECT_TRUE(load_document(file, "big.json", LoadLimits{102, 512}).json.has_value());
}

// A /proc file says it is 0 bytes long and holds more: what was read is
// known, not its size, and the message must not claim one.
TEST_F(DocumentFileTest, FileLongerThanItsSizeSaysWhatWasRead) {
    const Document doc = load_document("/proc/self/status", "status", LoadLimits{16, 512});
    const RawFinding& finding = unreadable(doc, "too-large-read");
    EXPECT_EQ(arg(finding, "limit"), 16);
    EXPECT_TRUE(arg(finding, "size").is_null());
}

// A device that never ends is refused without being read. (FIFOs, which
// would block a regression forever, are tested end to end with a time
// limit: tests/e2e/cli_safety_test.cpp.)
TEST_F(DocumentFileTest, OnlyRegularFilesAreRead) {
    EXPECT_EQ(arg(unreadable(load_document("/dev/zero", "zero", LoadLimits{}), "cannot-read"), "reason"),
              "not a regular file (a character device)");
}

TEST_F(DocumentFileTest, DirectoryIsNotAFile) {
    const Document doc = load_document(dir_.path(), "dir", LoadLimits{});
    const RawFinding& finding = unreadable(doc, "cannot-read");
    EXPECT_EQ(arg(finding, "reason"), "Is a directory");
    EXPECT_FALSE(doc.sha256.has_value());
}

TEST_F(DocumentFileTest, MissingFile) {
    const Document doc = load_document(dir_ / "missing.json", "missing.json", LoadLimits{});
    const RawFinding& finding = unreadable(doc, "cannot-read");
    EXPECT_EQ(arg(finding, "reason"), "No such file or directory");
    EXPECT_FALSE(doc.sha256.has_value());
    EXPECT_EQ(doc.name, "missing.json");
}

TEST_F(DocumentFileTest, PermissionDenied) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads every file";
    const fs::path file = write("secret.json", "{}");
    fs::permissions(file, fs::perms::none);
    const Document doc = load_document(file, "secret.json", LoadLimits{});
    const RawFinding& finding = unreadable(doc, "cannot-read");
    EXPECT_EQ(arg(finding, "reason"), "Permission denied");
}

TEST_F(DocumentFileTest, UnreadableContentStillHashed) {
    const fs::path file = write("bad.json", "{\"a\": ");
    const Document doc = load_document(file, "bad.json", LoadLimits{});
    unreadable(doc, "parse-error");
    EXPECT_EQ(doc.sha256, sha256_hex("{\"a\": "));
}

// Every message id the loader emits has English and Dutch text using exactly
// the arguments it passes.
TEST(DocumentMessages, TemplatesMatchTheArguments) {
    auto placeholders = [](const std::string& text) {
        std::set<std::string> names;
        const std::regex placeholder(R"(\{([a-z_]+)\})");
        for (std::sregex_iterator it(text.begin(), text.end(), placeholder), end; it != end; ++it) {
            names.insert((*it)[1]);
        }
        return names;
    };
    const std::map<std::string, std::set<std::string>> expected = {
        {"cannot-read", {"reason"}},
        {"too-large", {"size", "limit"}},
        {"too-large-read", {"limit"}},
        {"not-utf8", {"line", "column", "detail"}},
        {"not-utf8-windows-1252", {"line", "column", "detail"}},
        {"utf16", {"encoding"}},
        {"parse-error", {"line", "column", "reason"}},
        {"too-deep", {"limit", "line", "column"}},
        {"trailing-content", {"line", "column"}},
        {"duplicate-key", {"key"}},
    };
    auto messages = unreadable_messages();
    for (auto& m : duplicate_key_messages()) messages.push_back(m);
    ASSERT_EQ(messages.size(), expected.size());
    // A text the loader words in English (a reason, a detail) is X in the
    // English template and X_nl, its Dutch wording, in the Dutch one.
    const std::set<std::string> worded = {"reason", "detail"};
    auto in_dutch = [&](const std::set<std::string>& names) {
        std::set<std::string> result;
        for (const std::string& name : names) result.insert(worded.contains(name) ? name + "_nl" : name);
        return result;
    };
    for (const auto& m : messages) {
        ASSERT_TRUE(expected.count(m.id)) << m.id;
        EXPECT_EQ(placeholders(m.en), expected.at(m.id)) << m.id;
        EXPECT_EQ(placeholders(m.nl), in_dutch(expected.at(m.id))) << m.id;
        EXPECT_NE(m.en, m.nl) << m.id;
    }

    // And the findings carry exactly those arguments, in both languages.
    auto names = [](const RawFinding& finding) {
        std::set<std::string> result;
        for (const auto& [key, value] : finding.args) {
            if (!key.ends_with("_nl")) result.insert(key);
        }
        return result;
    };
    EXPECT_EQ(names(parse("[1,").findings.at(0)), expected.at("parse-error"));
    EXPECT_EQ(names(parse("[\"\xFF\"]").findings.at(0)), expected.at("not-utf8"));
    EXPECT_EQ(names(parse("\xFF\xFE{\0}\0"s).findings.at(0)), expected.at("utf16"));
    EXPECT_EQ(names(parse("[[1]]", LoadLimits{100, 1}).findings.at(0)), expected.at("too-deep"));
    EXPECT_EQ(names(parse("[1]\0x"s).findings.at(0)), expected.at("trailing-content"));
    EXPECT_EQ(names(parse("[1]", LoadLimits{2, 1}).findings.at(0)), expected.at("too-large"));
    EXPECT_EQ(names(parse("{\"a\":1,\"a\":2}").findings.at(0)), expected.at("duplicate-key"));
}

}  // namespace
}  // namespace lmacheck
