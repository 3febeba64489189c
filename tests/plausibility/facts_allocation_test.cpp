// The plausibility rules' packed facts under allocation failure: making them
// (Indicators::to_facts) with an operator new that fails at its Nth call,
// for every N the work makes, must end in std::bad_alloc (the engine turns
// it into a finding) or in the facts, never in a crash. nlohmann's
// json::binary() gave a finished value its type before allocating its
// container, so a failed allocation left a value whose destructor aborted.
// Each trial runs in a child process (fork), so that a crash is seen and
// named instead of ending the test. A program of its own: it replaces
// operator new.
#include "indicators.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <new>
#include <string>

namespace {

std::atomic<long long> calls{0};
std::atomic<long long> fail_at{0};  // 0: never fail

void* allocate_or_throw(std::size_t size) {
    const long long n = fail_at.load();
    if (n > 0 && ++calls == n) throw std::bad_alloc();
    if (void* p = std::malloc(size == 0 ? 1 : size)) return p;
    throw std::bad_alloc();
}

}  // namespace

void* operator new(std::size_t size) { return allocate_or_throw(size); }
void* operator new[](std::size_t size) { return allocate_or_throw(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

namespace {

using namespace lmacheck::rules::plausibility;

// 0: the facts were made; 1: std::bad_alloc; anything else is wrong.
int make_facts_failing_at(long long n, const Indicators& measured) {
    calls = 0;
    fail_at = n;
    try {
        const nlohmann::json facts = measured.to_facts();
        fail_at = 0;
        return indicators_in(facts).size() == 2 ? 0 : 3;
    } catch (const std::bad_alloc&) {
        fail_at = 0;
        return 1;
    }
}

TEST(PlausibilityFactsAllocation, EveryFailedAllocationIsBadAllocNeverACrash) {
    Indicators measured;
    measured.put("occupancy/clinical", 0.95, 42000);
    measured.put("budget_per_place", 61000.5, 3.2e6);

    // How many allocations the work makes without failing.
    calls = 0;
    fail_at = 1'000'000'000;
    (void)measured.to_facts();
    const long long total = calls.load();
    fail_at = 0;
    ASSERT_GT(total, 0);

    for (long long n = 1; n <= total + 1; ++n) {
        const pid_t child = fork();
        ASSERT_GE(child, 0);
        if (child == 0) _exit(make_facts_failing_at(n, measured));
        int status = 0;
        ASSERT_EQ(waitpid(child, &status, 0), child);
        ASSERT_TRUE(WIFEXITED(status)) << "operator new call " << n << " of " << total
                                       << " failing: the child ended by signal "
                                       << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
        const int outcome = WEXITSTATUS(status);
        EXPECT_EQ(outcome, n <= total ? 1 : 0) << "operator new call " << n << " of " << total << " failing";
    }
}

}  // namespace
