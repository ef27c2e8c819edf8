#pragma once
// CCSIM_ASSERT(condition, message): invariants of the model that no input can break, only a bug (the event
// queue never goes back in time, a call answered was waiting, an agent answering holds no call, every offered
// attempt ends in one outcome). Checked when the build defines CCSIM_INVARIANTS=1 (CMake option
// CCSIM_INVARIANTS: on by default in Debug builds, and in the invariants build of the test suite); compiled out
// otherwise, so a Release event path carries no check (the condition is not even evaluated). A violation
// prints the message with its location and aborts: it is a bug, not an input error (exit 2 is for those).
//
// CCSIM_IF_INVARIANTS(statements) keeps the bookkeeping a check needs (a last-popped time) out of Release too.

namespace ccsim {
[[noreturn]] void invariant_failed(const char* condition, const char* message, const char* file, int line);
}

#if defined(CCSIM_INVARIANTS) && CCSIM_INVARIANTS
#define CCSIM_ASSERT(condition, message) \
  ((condition) ? (void)0 : ::ccsim::invariant_failed(#condition, message, __FILE__, __LINE__))
#define CCSIM_IF_INVARIANTS(...) __VA_ARGS__
#else
#define CCSIM_ASSERT(condition, message) ((void)sizeof(!(condition)))
#define CCSIM_IF_INVARIANTS(...)
#endif
