#include "plugins/plugin_guard.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

#include <unistd.h>

namespace lmacheck {
namespace {

constexpr int exit_tool_failed = 2;  // report-and-cli.md: the tool could not do its job

// What one thread's current plugin call is. The owning thread writes `text`
// before it publishes `started` (release); readers load `started` (acquire)
// first, so they see the text of the call they time.
struct Slot {
    std::atomic<bool> claimed{false};
    std::atomic<long long> started{0};  // steady clock in ns; 0: no plugin call running
    std::atomic<std::size_t> length{0};
    std::array<char, 512> text{};
    void* alternate_stack = nullptr;  // allocated on first use, kept for the next thread
};

constexpr std::size_t slot_count = 1024;  // threads tracked at once; --jobs is at most 1024
std::array<Slot, slot_count> slots;
std::atomic<int> active_calls{0};
std::atomic<long long> timeout_ns{0};

// Trivially initialised, so the signal handler can read it without running
// a thread_local initialiser.
thread_local Slot* current_slot = nullptr;

constexpr std::size_t alternate_stack_size = 64 * 1024;

// Gives this thread a slot and, when it has none, an alternate signal stack
// (a stack overflow in a rule must still reach the handler). Released when
// the thread ends.
class SlotOwner {
public:
    Slot* slot() {
        if (slot_ != nullptr) return slot_;
        for (Slot& candidate : slots) {
            bool expected = false;
            if (candidate.claimed.compare_exchange_strong(expected, true)) {
                slot_ = &candidate;
                break;
            }
        }
        if (slot_ == nullptr) return nullptr;
        install_alternate_stack();
        current_slot = slot_;
        return slot_;
    }

    SlotOwner() = default;
    SlotOwner(const SlotOwner&) = delete;
    SlotOwner& operator=(const SlotOwner&) = delete;

    ~SlotOwner() {
        // exit() destroys the calling thread's thread_locals before it runs
        // the exit guard: a call still running is plugin code calling exit(),
        // and the guard needs its text.
        if (slot_ == nullptr || slot_->started.load() != 0) return;
        current_slot = nullptr;
        if (own_stack_) {
            stack_t disable{};
            disable.ss_flags = SS_DISABLE;
            ::sigaltstack(&disable, nullptr);
        }
        slot_->started.store(0);
        slot_->claimed.store(false);
    }

private:
    // Only where the thread has no alternate stack yet: a sanitizer runtime
    // installs its own and unmaps whatever is installed when the thread ends.
    void install_alternate_stack() {
        stack_t current{};
        if (::sigaltstack(nullptr, &current) != 0 || (current.ss_flags & SS_DISABLE) == 0) return;
        if (slot_->alternate_stack == nullptr) slot_->alternate_stack = std::malloc(alternate_stack_size);
        if (slot_->alternate_stack == nullptr) return;
        stack_t stack{};
        stack.ss_sp = slot_->alternate_stack;
        stack.ss_size = alternate_stack_size;
        own_stack_ = ::sigaltstack(&stack, nullptr) == 0;
    }

    Slot* slot_ = nullptr;
    bool own_stack_ = false;
};

thread_local SlotOwner slot_owner;

long long now_ns() {
    return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// write(2) until done; async-signal-safe.
void write_text(const char* text, std::size_t length) {
    while (length > 0) {
        const ssize_t written = ::write(STDERR_FILENO, text, length);
        if (written <= 0) return;
        text += written;
        length -= static_cast<std::size_t>(written);
    }
}

void write_text(const char* text) { write_text(text, std::strlen(text)); }

void write_slot_text(const Slot& slot) {
    write_text(slot.text.data(), std::min(slot.length.load(std::memory_order_relaxed), slot.text.size()));
}

const char* signal_name(int signal) {
    switch (signal) {
        case SIGSEGV: return "SIGSEGV (invalid memory access)";
        case SIGBUS: return "SIGBUS (bus error)";
        case SIGFPE: return "SIGFPE (arithmetic error)";
        case SIGILL: return "SIGILL (illegal instruction)";
        case SIGABRT: return "SIGABRT (abort)";
    }
    return "a fatal signal";
}

constexpr std::array<int, 5> fatal_signals = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
std::array<struct sigaction, 5> previous_actions{};

std::size_t signal_index(int signal) {
    const auto found = std::find(fatal_signals.begin(), fatal_signals.end(), signal);
    return static_cast<std::size_t>(found - fatal_signals.begin());
}

extern "C" void on_fatal_signal(int signal, siginfo_t* info, void* /*context*/) {
    const Slot* slot = current_slot;
    if (slot != nullptr && slot->started.load(std::memory_order_acquire) != 0) {
        write_text("lmacheck: error: ");
        write_text(signal_name(signal));
        write_text(" in ");
        write_slot_text(*slot);
        write_text("; the run is stopped\n");
        ::_exit(exit_tool_failed);
    }
    // Not in plugin code: what would have happened without this handler. A
    // fault repeats when the handler returns; a signal sent by raise() or
    // kill() is sent again (blocked until the handler returns).
    const std::size_t index = signal_index(signal);
    if (index < previous_actions.size()) ::sigaction(signal, &previous_actions[index], nullptr);
    if (info == nullptr || info->si_code <= 0) ::raise(signal);
}

// exit() and quick_exit() run this; so does a normal end of main, when no
// plugin call is running any more.
extern "C" void on_exit_while_plugin_runs() {
    if (active_calls.load() == 0) return;
    write_text("lmacheck: error: exit() called by plugin code");
    if (const Slot* slot = current_slot; slot != nullptr && slot->started.load(std::memory_order_acquire) != 0) {
        write_text(" in ");
        write_slot_text(*slot);
    } else {
        write_text(" while a rule was running");
    }
    write_text("; the run is void\n");
    ::_exit(exit_tool_failed);
}

// Looks at every running plugin call a few times per timeout.
[[noreturn]] void watch_plugin_calls() {
    while (true) {
        const long long limit = timeout_ns.load();
        const long long period = std::clamp(limit / 20, 10'000'000LL, 500'000'000LL);
        std::this_thread::sleep_for(std::chrono::nanoseconds(limit > 0 ? period : 500'000'000LL));
        if (limit <= 0) continue;
        const long long now = now_ns();
        for (const Slot& slot : slots) {
            if (!slot.claimed.load()) continue;
            const long long started = slot.started.load(std::memory_order_acquire);
            if (started == 0 || now - started <= limit) continue;
            const std::string what(slot.text.data(), std::min(slot.length.load(), slot.text.size()));
            if (slot.started.load(std::memory_order_acquire) != started) continue;  // that call has ended
            char seconds[64];
            std::snprintf(seconds, sizeof seconds, "%g", static_cast<double>(limit) / 1e9);
            const std::string message = "lmacheck: error: " + what + " did not finish within " + seconds +
                                        " s (--rule-timeout-s); the run is stopped\n";
            write_text(message.data(), message.size());
            ::_exit(exit_tool_failed);
        }
    }
}

}  // namespace

bool in_plugin_call() noexcept {
    const Slot* slot = current_slot;
    return slot != nullptr && slot->started.load(std::memory_order_acquire) != 0;
}

namespace {

void install_once() {
    for (std::size_t i = 0; i < fatal_signals.size(); ++i) {
        struct sigaction action {};
        action.sa_sigaction = on_fatal_signal;
        action.sa_flags = SA_SIGINFO | SA_ONSTACK;
        sigemptyset(&action.sa_mask);
        ::sigaction(fatal_signals[i], &action, &previous_actions[i]);
    }
    std::atexit(on_exit_while_plugin_runs);
    std::at_quick_exit(on_exit_while_plugin_runs);
    std::thread(watch_plugin_calls).detach();
}

}  // namespace

void install_plugin_guards(std::chrono::milliseconds rule_timeout) {
    timeout_ns.store(rule_timeout.count() > 0 ? std::chrono::nanoseconds(rule_timeout).count() : 0);
    static std::once_flag installed;
    std::call_once(installed, install_once);
}

PluginCall::PluginCall(std::initializer_list<std::string_view> what) {
    Slot* slot = slot_owner.slot();
    if (slot == nullptr || slot->started.load(std::memory_order_relaxed) != 0) return;  // no slot, or nested
    std::size_t length = 0;
    for (const std::string_view piece : what) {
        const std::size_t n = std::min(piece.size(), slot->text.size() - length);
        std::memcpy(slot->text.data() + length, piece.data(), n);
        length += n;
    }
    slot->length.store(length, std::memory_order_relaxed);
    slot->started.store(std::max(now_ns(), 1LL), std::memory_order_release);
    ++active_calls;
    tracked_ = true;
}

PluginCall::~PluginCall() {
    if (!tracked_) return;
    current_slot->started.store(0, std::memory_order_release);
    --active_calls;
}

}  // namespace lmacheck
