// `lmacheck token add|list|revoke --tokens FILE`: the tokens of the upload
// service (docs/service.md). `add` prints the new token once, alone on the
// last line of standard output; the file keeps only its SHA-256.
#include "cli/commands.hpp"

#include "service/tokens.hpp"

#include <iostream>
#include <memory>
#include <optional>

namespace lmacheck::cli {
namespace {

struct TokenOptions {
    CommonOptions common;
    std::string tokens;
    std::string role;
    std::optional<std::string> submitter;
    std::string name;
};

int add(const TokenOptions& o) {
    service::TokenFile file = service::TokenFile::load(o.tokens);
    const std::string token = file.add(o.name, *service::parse_role(o.role), o.submitter);
    file.save(o.tokens);
    std::cout << "added the " << o.role << " token '" << o.name << "'"
              << (o.submitter ? " for " + *o.submitter : std::string()) << " to " << o.tokens
              << "; it is shown only now:\n"
              << token << std::endl;
    return exit_accepted;
}

int list(const TokenOptions& o) {
    const service::TokenFile file = service::TokenFile::load(o.tokens);
    std::cout << "ROLE       SUBMITTER  CREATED (UTC)             NAME\n";
    for (const service::TokenEntry& e : file.entries()) {
        std::string role(service::to_string(e.role));
        std::string submitter = e.submitter.value_or("-");
        std::string created = e.created_at;
        role.resize(std::max<std::size_t>(role.size(), 9), ' ');
        submitter.resize(std::max<std::size_t>(submitter.size(), 9), ' ');
        created.resize(std::max<std::size_t>(created.size(), 24), ' ');
        std::cout << role << "  " << submitter << "  " << created << "  " << e.name << "\n";
    }
    std::cout << file.entries().size() << " token(s)" << std::endl;
    return exit_accepted;
}

int revoke(const TokenOptions& o) {
    service::TokenFile file = service::TokenFile::load(o.tokens);
    if (!file.revoke(o.name)) {
        std::cerr << "lmacheck: no token named '" << o.name << "' in " << o.tokens << "\n";
        return exit_usage;
    }
    file.save(o.tokens);
    std::cout << "revoked the token '" << o.name << "'" << std::endl;
    return exit_accepted;
}

void add_log_options(CLI::App& command, CommonOptions& common) {
    command.add_option("--log-level", common.log_level, "Log level on standard error")
        ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
        ->capture_default_str();
}

}  // namespace

Command add_token_command(CLI::App& app) {
    auto options = std::make_shared<TokenOptions>();
    CLI::App* command = app.add_subcommand("token", "Add, list or revoke tokens of the upload service");
    command->require_subcommand(1);
    add_log_options(*command, options->common);

    CLI::App* add_command = command->add_subcommand("add", "Add a token and print it (once)");
    add_command->add_option("--tokens", options->tokens, "The tokens file (JSON; created by add)")->required();
    add_command->add_option("--role", options->role, "steward or submitter")
        ->required()
        ->check(CLI::IsMember({"steward", "submitter"}));
    add_command->add_option("--submitter", options->submitter,
                            "The AGB code or municipality code a submitter token may hand in for");
    add_command->add_option("--name", options->name, "Who holds the token (shown in logs and the audit trail)")
        ->required();
    CLI::App* list_command = command->add_subcommand("list", "List the tokens (names, roles, submitters; never tokens)");
    list_command->add_option("--tokens", options->tokens, "The tokens file (JSON; created by add)")->required();
    CLI::App* revoke_command = command->add_subcommand("revoke", "Revoke the token of that name");
    revoke_command->add_option("--tokens", options->tokens, "The tokens file (JSON; created by add)")->required();
    revoke_command->add_option("--name", options->name, "The token's name")->required();

    return Command{command, &options->common, [options, add_command, list_command] {
                       if (add_command->parsed()) return add(*options);
                       if (list_command->parsed()) return list(*options);
                       return revoke(*options);
                   }};
}

}  // namespace lmacheck::cli
