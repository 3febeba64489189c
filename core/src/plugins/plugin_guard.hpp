// Guards against plugin code that hangs, crashes or ends the process. A rule
// runs in-process and cannot be cancelled safely, so each guard stops the
// whole run with exit 2 after saying which plugin code was running:
//
// - a watchdog thread ends the run when one call into plugin code (a rule's
//   check of one file, a registration, a check's constructor) takes longer
//   than the rule timeout (EngineOptions::rule_timeout, --rule-timeout-s);
// - a fatal signal (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT) raised while
//   plugin code runs on a thread prints that thread's call and ends with 2;
// - exit() or quick_exit() called while plugin code runs ends with 2, not
//   with the status the plugin chose (exit(0) would fake an accepted run).
//
// The messages are formatted when the call starts and written with write(2)
// alone, so the signal handler stays async-signal-safe.
#pragma once

#include <chrono>
#include <initializer_list>
#include <string_view>

namespace lmacheck {

// Installs the signal handlers and the exit guard once per process and sets
// the time a single plugin call may take (zero or less: no limit). The last
// engine constructed sets the limit for the process.
void install_plugin_guards(std::chrono::milliseconds rule_timeout);

// Whether this thread is inside a call into plugin code (a PluginCall is
// alive). Async-signal-safe.
bool in_plugin_call() noexcept;

// One call into plugin code on this thread, from construction to
// destruction. `what` says what runs, in pieces that are joined, e.g.
// {"rule ", id, " on file ", file}; it is cut at a few hundred bytes. The
// pieces are copied straight into the thread's slot: a call per rule and
// file allocates nothing. Calls do not nest.
class PluginCall {
public:
    explicit PluginCall(std::initializer_list<std::string_view> what);
    ~PluginCall();
    PluginCall(const PluginCall&) = delete;
    PluginCall& operator=(const PluginCall&) = delete;

private:
    bool tracked_ = false;  // false when every slot is taken (more threads than the guard tracks)
};

}  // namespace lmacheck
