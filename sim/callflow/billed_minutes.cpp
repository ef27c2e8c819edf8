#include "callflow/billed_minutes.hpp"

#include <cmath>

namespace ccsim {

int64_t billed_minutes(double d) {
  if (!(d > 0)) return 0;
  return static_cast<int64_t>(std::ceil(d / 60.0 - 1e-6 / 60.0));
}

}  // namespace ccsim
