#include "expression/arithmetic.hpp"

#include <muParserBase.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <functional>
#include <regex>
#include <set>

namespace lmacheck::expression {
namespace {

double absolute(double x) { return std::fabs(x); }
double round_half_away(double x) { return std::round(x); }
double floor_of(double x) { return std::floor(x); }
double ceil_of(double x) { return std::ceil(x); }
double square_root(double x) { return std::sqrt(x); }
double natural_log(double x) { return std::log(x); }
double exponential(double x) { return std::exp(x); }
double minimum(double a, double b) { return std::min(a, b); }
double maximum(double a, double b) { return std::max(a, b); }
double negate(double x) { return -x; }
double same(double x) { return x; }
double logical_not(double x) { return x == 0.0 ? 1.0 : 0.0; }

const std::set<std::string>& function_names() {
    static const std::set<std::string> names{"abs", "min", "max", "round", "floor", "ceil", "sqrt", "log", "exp"};
    return names;
}

// A muparser parser with only the contract's functions and operators, no
// constants, and numbers read the same in every locale.
class RestrictedParser final : public mu::ParserBase {
public:
    RestrictedParser() {
        AddValIdent(&read_number);
        InitCharSets();
        InitFun();
        InitConst();
        InitOprt();
    }

    void InitCharSets() override {
        DefineNameChars("0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        DefineOprtChars("+-*^/?<>=!&|");
        DefineInfixOprtChars("+-!");
    }
    void InitFun() override {
        DefineFun("abs", &absolute);
        DefineFun("round", &round_half_away);
        DefineFun("floor", &floor_of);
        DefineFun("ceil", &ceil_of);
        DefineFun("sqrt", &square_root);
        DefineFun("log", &natural_log);
        DefineFun("exp", &exponential);
        DefineFun("min", &minimum);
        DefineFun("max", &maximum);
    }
    void InitConst() override {}
    void InitOprt() override {
        DefineInfixOprt("-", &negate);
        DefineInfixOprt("+", &same);
        DefineInfixOprt("!", &logical_not);
    }

private:
    // muparser passes the text from the current position on. A number starts
    // with a digit or a point (a sign is an operator); "inf" and "nan" are no
    // numbers, and one beyond the double range is left unread, so that it
    // fails as an unknown name instead of becoming infinite.
    static int read_number(const char* text, int* position, double* value) {
        const char first = text[0];
        if (!((first >= '0' && first <= '9') || first == '.')) return 0;
        const char* end = text;
        while (*end != '\0') ++end;
        const auto result = std::from_chars(text, end, *value, std::chars_format::general);
        if (result.ec != std::errc()) return 0;
        *position += static_cast<int>(result.ptr - text);
        return 1;
    }
};

// muparser's messages say "at position N" counting from 0; ours count from 1
// and say it once.
std::string without_position(std::string message) {
    static const std::regex position(R"( (found )?at position [0-9]+\.?)");
    message = std::regex_replace(message, position, "");
    while (!message.empty() && (message.back() == '.' || message.back() == ' ')) message.pop_back();
    return message;
}

// Checks muparser does not make: length, depth, control characters and `=`,
// which muparser reads as an assignment to a variable.
void check_shape(const std::string& text) {
    if (text.empty()) throw ExpressionError("the expression is empty", 0);
    if (character_position(text, text.size() + 1) - 1 > max_expression_length) {
        throw ExpressionError("the expression is longer than " + std::to_string(max_expression_length) + " characters",
                              0);
    }
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (static_cast<unsigned char>(c) < 0x20 && c != ' ') {
            throw ExpressionError("a control character is not allowed", i + 1);
        }
        if (c == '(' && ++depth > max_parenthesis_depth) {
            throw ExpressionError("parentheses nest deeper than " + std::to_string(max_parenthesis_depth), i + 1);
        }
        if (c == ')') --depth;
        if (c == '=') {
            const bool after_comparison = i > 0 && std::string_view("<>!=").find(text[i - 1]) != std::string_view::npos;
            const bool before_equal = i + 1 < text.size() && text[i + 1] == '=';
            const bool second_of_pair = i > 0 && text[i - 1] == '=';
            if (!after_comparison && !before_equal && !second_of_pair) {
                throw ExpressionError("`=` is no operator here: compare with `==`", i + 1);
            }
        }
    }
}

// Where the first `,` outside any parentheses is, 1-based:
// a comma inside a function call separates its arguments and is fine.
std::size_t position_of_top_level_comma(const std::string& text) {
    int depth = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '(') ++depth;
        if (text[i] == ')') --depth;
        if (text[i] == ',' && depth <= 0) return i + 1;
    }
    return text.find(',') + 1;  // "(a, b)": muparser's own grouping
}

// Where a name first occurs as a whole word, 1-based.
std::size_t position_of_name(const std::string& text, const std::string& name) {
    auto is_name_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_'; };
    for (std::size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
        const bool starts = at == 0 || !is_name_char(text[at - 1]);
        const bool ends = at + name.size() == text.size() || !is_name_char(text[at + name.size()]);
        if (starts && ends) return at + 1;
    }
    return 0;
}

}  // namespace

bool is_function_name(const std::string& name) { return function_names().count(name) != 0; }

struct Arithmetic::Compiled {
    RestrictedParser parser;
};

Arithmetic::Arithmetic(const std::string& text, const std::vector<std::string>& names, double* values)
    : text_(text), compiled_(std::make_unique<Compiled>()) {
    try {
        compile(names, values);
    } catch (const ExpressionError& e) {
        // Found in bytes; the loader names characters.
        throw ExpressionError(e.what(), character_position(text, e.position()));
    }
}

void Arithmetic::compile(const std::vector<std::string>& names, double* values) {
    const std::string& text = text_;
    check_shape(text);
    mu::ParserBase& parser = compiled_->parser;
    try {
        for (std::size_t i = 0; i < names.size(); ++i) parser.DefineVar(names[i], values + i);
        parser.SetExpr(text);
        // Parses the whole text, creating a throw-away variable for every
        // name that `let` does not bind.
        for (const auto& [name, unused] : parser.GetUsedVar()) {
            if (std::find(names.begin(), names.end(), name) != names.end()) continue;
            const bool number = std::isdigit(static_cast<unsigned char>(name.front())) != 0;
            throw ExpressionError(number ? "the number " + name + " is out of range"
                                         : "the name " + name + " is not bound by `let`",
                                  position_of_name(text, name));
        }
        // GetUsedVar leaves the parser without the expression compiled; this
        // compiles it for good.
        parser.SetExpr(text);
        parser.Eval();
        if (parser.GetNumResults() != 1) {
            throw ExpressionError("the expression has several results: `,` separates only a function's arguments",
                                  position_of_top_level_comma(text));
        }
    } catch (const mu::ParserError& e) {
        // muparser reads the text with a space appended, so "the end" may
        // be one past it: name the character after the last one.
        const int position = e.GetPos();
        throw ExpressionError("does not parse: " + without_position(e.GetMsg()),
                              position < 0 ? 0 : std::min(static_cast<std::size_t>(position) + 1, text.size() + 1));
    }
}

Arithmetic::~Arithmetic() = default;

std::size_t character_position(const std::string& text, std::size_t byte) {
    if (byte == 0) return 0;
    const std::size_t before = byte - 1;  // bytes before the one named
    const std::size_t inside = std::min(before, text.size());
    std::size_t characters = 0;
    for (std::size_t i = 0; i < inside; ++i) {
        const bool continuation = (static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U;
        if (!continuation) ++characters;
    }
    return characters + (before - inside) + 1;
}

double translate_parser_errors(const std::function<double()>& evaluation) {
    try {
        return evaluation();
    } catch (const mu::ParserError& e) {
        throw std::runtime_error("muparser: " + e.GetMsg());
    }
}

double Arithmetic::evaluate() const {
    return translate_parser_errors([this] { return compiled_->parser.Eval(); });
}

}  // namespace lmacheck::expression
