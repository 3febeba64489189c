#include "schema/ref_cycle.hpp"

#include "lmacheck/json_pointer.hpp"

#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace lmacheck {
namespace {

using json = nlohmann::json;

// The schema a reference names, or nullptr. A reference with something
// before its '#' ("/", "x.json", "/#/definitions/a") names another document;
// lmacheck fetches none, and valijson then takes this document for it
// (fuzz_config: {"$ref": "/"} overflowed the stack), so such a reference is
// resolved here the same way: its fragment (none: the root) in this schema.
const json* resolve(const json& root, const std::string& ref) {
    const std::size_t hash = ref.find('#');
    const std::string fragment = hash == std::string::npos ? "" : ref.substr(hash + 1);
    try {
        const json::json_pointer pointer(fragment);
        return root.contains(pointer) ? &root.at(pointer) : nullptr;
    } catch (const json::exception&) {
        return nullptr;  // not a JSON Pointer (an anchor, a typo): the parser's business
    }
}

struct Successor {
    const json* node;
    std::string pointer;
    bool by_ref;      // reached through the node's "$ref", not as a part of it
    bool names_map;   // the node maps names to schemas (see is_schema_map)
};

struct Frame {
    const json* node;
    std::string pointer;
    bool entered_by_ref;
    std::vector<Successor> next;
    std::size_t done = 0;
};

class CycleFinder {
public:
    explicit CycleFinder(const json& root) : root_(root) {}

    std::optional<std::string> run() {
        push(Successor{&root_, "", false, false});
        while (!stack_.empty()) {
            Frame& top = stack_.back();
            if (top.done == top.next.size()) {
                state_[top.node] = State::finished;
                stack_.pop_back();
                continue;
            }
            Successor next = std::move(top.next[top.done++]);
            const auto it = state_.find(next.node);
            const State state = it == state_.end() ? State::unseen : it->second;
            if (state == State::open) return describe(next);  // only a "$ref" can lead back up
            if (state == State::unseen) push(std::move(next));
        }
        return std::nullopt;
    }

private:
    enum class State { unseen, open, finished };

    void push(Successor successor) {
        Frame frame{successor.node, std::move(successor.pointer), successor.by_ref, {}, 0};
        const json& node = *frame.node;
        if (node.is_object()) {
            for (const auto& [key, value] : node.items()) {
                if (!successor.names_map && is_data_keyword(key)) continue;
                if (!value.is_structured()) continue;
                std::string pointer = frame.pointer;
                append_token(pointer, std::string_view(key));
                const bool names_map = !successor.names_map && is_schema_map(key);
                frame.next.push_back(Successor{&value, std::move(pointer), false, names_map});
            }
            const auto ref = node.find("$ref");
            if (!successor.names_map && ref != node.end() && ref->is_string()) {
                const std::string& target = ref->get_ref<const std::string&>();
                if (const json* resolved = resolve(root_, target)) {
                    const std::size_t hash = target.find('#');
                    std::string pointer = hash == std::string::npos ? "" : target.substr(hash + 1);
                    frame.next.push_back(Successor{resolved, std::move(pointer), true, false});
                }
            }
        } else if (node.is_array()) {
            for (std::size_t i = 0; i < node.size(); ++i) {
                if (!node[i].is_structured()) continue;
                std::string pointer = frame.pointer;
                append_token(pointer, i);
                frame.next.push_back(Successor{&node[i], std::move(pointer), false, false});
            }
        }
        state_[frame.node] = State::open;
        stack_.push_back(std::move(frame));
    }

    // The references from the schema `back_to` (open on the stack) to the
    // top of the stack, whose "$ref" leads back to it.
    std::string describe(const Successor& back_to) const {
        std::size_t first = 0;
        while (stack_[first].node != back_to.node) ++first;
        std::string chain;
        for (std::size_t k = first; k < stack_.size(); ++k) {
            const bool left_by_ref = k + 1 == stack_.size() || stack_[k + 1].entered_by_ref;
            if (left_by_ref) chain += "#" + stack_[k].pointer + " -> ";
        }
        return chain + "#" + back_to.pointer;
    }

    const json& root_;
    std::vector<Frame> stack_;
    std::unordered_map<const json*, State> state_;
};

}  // namespace

bool is_data_keyword(std::string_view key) {
    return key == "enum" || key == "const" || key == "default" || key == "examples" || key == "required";
}

bool is_schema_map(std::string_view key) {
    return key == "properties" || key == "patternProperties" || key == "definitions" || key == "dependencies";
}

std::optional<std::string> find_ref_cycle(const nlohmann::json& schema) { return CycleFinder(schema).run(); }

}  // namespace lmacheck
