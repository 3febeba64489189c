// One arithmetic expression of an expression rule (`when`, `check.left`,
// `check.right`), compiled once by muparser over the rule's `let` names.
// Only numbers, + - * / ^, comparisons, && || !, ?: and the functions the
// contract lists: no name outside `let`, no assignment, no constant, nothing
// that reads a file, the network or the clock.
#pragma once

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace lmacheck::expression {

// The loader's own bounds, well inside muparser's (20000 characters); they
// keep a hostile rule set from costing more than a handful of microseconds.
inline constexpr std::size_t max_expression_length = 1000;
inline constexpr int max_parenthesis_depth = 64;

// An expression that does not compile; `position` is 1-based (the character
// where muparser stopped), 0 when the problem has no place.
class ExpressionError : public std::runtime_error {
public:
    ExpressionError(const std::string& what, std::size_t position) : std::runtime_error(what), position_(position) {}
    std::size_t position() const { return position_; }

private:
    std::size_t position_;
};

// Not thread-safe: each thread evaluates its own copy (expression_rule.cpp
// keeps a pool). `values` holds the names' values in the order of `names`;
// it must outlive the expression, and evaluate() reads it as it is then.
class Arithmetic {
public:
    // Throws ExpressionError.
    Arithmetic(const std::string& text, const std::vector<std::string>& names, double* values);
    ~Arithmetic();
    Arithmetic(const Arithmetic&) = delete;
    Arithmetic& operator=(const Arithmetic&) = delete;

    double evaluate() const;
    const std::string& text() const { return text_; }

private:
    void compile(const std::vector<std::string>& names, double* values);
    struct Compiled;
    std::string text_;
    std::unique_ptr<Compiled> compiled_;
};

// The 1-based character (UTF-8 code point) position of the 1-based byte
// position `byte` in `text`; a byte past the end counts as one character.
std::size_t character_position(const std::string& text, std::size_t byte);

// Runs `evaluation` (a muparser Eval) and turns a mu::ParserError, which is
// no std::exception, into a std::runtime_error with muparser's message, so
// that the engine can name the match instead of reporting an unknown
// exception (and nothing escapes to std::terminate).
double translate_parser_errors(const std::function<double()>& evaluation);

// The names an expression may call (as functions), for the loader's check of
// `let` names.
bool is_function_name(const std::string& name);

}  // namespace lmacheck::expression
