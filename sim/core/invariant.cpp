#include "core/invariant.hpp"

#include <cstdio>
#include <cstdlib>

namespace ccsim {

void invariant_failed(const char* condition, const char* message, const char* file, int line) {
  std::fprintf(stderr, "ccsim: invariant violated: %s (%s) at %s:%d\n", message, condition, file, line);
  std::fflush(stderr);
  std::abort();
}

}  // namespace ccsim
