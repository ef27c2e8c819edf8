#include "callflow/replay_source.hpp"

#include <limits>

namespace ccsim {

double patience_beyond(const Distribution& d, double w, Rng& rng, int tries) {
  if (w <= 0) return d.sample(rng);
  for (int i = 0; i < tries; ++i) {
    const double p = d.sample(rng);
    if (p > w) return p;
  }
  return w;
}

double replay_patience(const ReplayCall& rc, const std::optional<Distribution>& patience, Rng& rng) {
  if (rc.patience >= 0) return rc.patience;
  if (!patience) return std::numeric_limits<double>::infinity();
  return patience_beyond(*patience, rc.served_wait, rng);
}

}  // namespace ccsim
