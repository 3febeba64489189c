// The service's parts that need no server: the tokens file and the names
// uploaded files are shown under.
#include "service/tokens.hpp"
#include "service/uploads.hpp"

#include "model/config_error.hpp"
#include "support/file_bytes.hpp"
#include "support/temp_dir.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>

namespace {

using namespace lmacheck;
using namespace lmacheck::service;

TEST(TokenFile, FindsATokenByItsHashAndForgetsItWhenRevoked) {
    test::TempDir dir;
    TokenFile file = TokenFile::load(dir / "tokens.json");  // missing: empty
    const std::string steward = file.add("Steward", Role::steward, std::nullopt);
    const std::string submitter = file.add("GGZ Lindenhove", Role::submitter, std::string("06290101"));
    file.save(dir / "tokens.json");

    const TokenFile loaded = TokenFile::load(dir / "tokens.json");
    ASSERT_NE(loaded.find(steward), nullptr);
    EXPECT_EQ(loaded.find(steward)->name, "Steward");
    ASSERT_NE(loaded.find(submitter), nullptr);
    EXPECT_EQ(loaded.find(submitter)->submitter, "06290101");
    EXPECT_EQ(loaded.find(""), nullptr);
    EXPECT_EQ(loaded.find(steward.substr(0, steward.size() - 1)), nullptr);
    EXPECT_EQ(loaded.find(steward + "x"), nullptr);

    struct stat info {};
    ASSERT_EQ(stat((dir / "tokens.json").c_str(), &info), 0);
    EXPECT_EQ(info.st_mode & 0777, 0600u);

    TokenFile edited = loaded;
    EXPECT_TRUE(edited.revoke("Steward"));
    EXPECT_FALSE(edited.revoke("Steward"));
    EXPECT_EQ(edited.find(steward), nullptr);
    EXPECT_NE(edited.find(submitter), nullptr);
}

TEST(TokenFile, RefusesAFileThatIsNotATokensFile) {
    test::TempDir dir;
    for (const std::string& text : std::vector<std::string>{"[]", "{\"tokens\": 1}", "{\"tokens\": [{\"name\": \"a\", \"role\": \"root\", \"sha256\": \"" +
                                       std::string(64, 'a') + "\"}]}",
          "{\"tokens\": [{\"name\": \"a\", \"role\": \"steward\", \"sha256\": \"short\"}]}",
          "{\"tokens\": [{\"name\": \"a\", \"role\": \"submitter\", \"sha256\": \"" + std::string(64, 'a') + "\"}]}"}) {
        dir.write("tokens.json", text);
        EXPECT_THROW(TokenFile::load(dir / "tokens.json"), ConfigError) << text;
    }
}

TEST(TokenRegistry, NeedsTheBearerSchemeAndAKnownToken) {
    test::TempDir dir;
    TokenFile file;
    const std::string token = file.add("Steward", Role::steward, std::nullopt);
    file.save(dir / "tokens.json");
    TokenRegistry registry(dir / "tokens.json");
    EXPECT_TRUE(registry.authenticate("Bearer " + token).has_value());
    EXPECT_FALSE(registry.authenticate(token).has_value());
    EXPECT_FALSE(registry.authenticate("Basic " + token).has_value());
    EXPECT_FALSE(registry.authenticate("Bearer ").has_value());
    EXPECT_FALSE(registry.authenticate("").has_value());
    TokenRegistry without_file(std::nullopt);
    EXPECT_FALSE(without_file.authenticate("Bearer " + token).has_value());
}

TEST(SubmitterIds, AreAgbCodesOrMunicipalityCodes) {
    EXPECT_TRUE(valid_submitter_id("06290101"));
    EXPECT_TRUE(valid_submitter_id("GM0363"));
    EXPECT_FALSE(valid_submitter_id("0629010"));
    EXPECT_FALSE(valid_submitter_id("GM363"));
    EXPECT_FALSE(valid_submitter_id("../../x"));
}

TEST(SafeFileName, KeepsTextAndDropsWhatCouldForgeOutput) {
    EXPECT_EQ(safe_file_name("rapport 2019.json", "x"), "rapport 2019.json");
    EXPECT_EQ(safe_file_name("a\nb\r\x1b[31m.json", "x"), "a?b??[31m.json");
    EXPECT_EQ(safe_file_name("caf\xC3\xA9.json", "x"), "caf\xC3\xA9.json");
    EXPECT_EQ(safe_file_name("bad\xFF.json", "x"), "bad\xEF\xBF\xBD.json");
    EXPECT_EQ(safe_file_name("", "fallback.json"), "fallback.json");
    EXPECT_EQ(safe_file_name(std::string(1000, 'a'), "x").size(), 200u);
    EXPECT_EQ(safe_file_name(std::string(199, 'a') + "\xC3\xA9", "x").size(), 199u);  // never half a character
}

}  // namespace
