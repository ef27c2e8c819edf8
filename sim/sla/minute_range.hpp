#pragma once
// A range of would-be-unavailable minutes of a service month (kept apart from sla/evidence.hpp so that
// evaluate.hpp does not pull in core/table.hpp and its Unit, which would clash with sla::Unit).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "stats/ledger.hpp"

namespace ccsim::sla {

// A run of consecutive would-be-unavailable minutes [from, to) (epoch seconds, whole minutes).
struct MinuteRange {
  int64_t from = 0, to = 0;
  // "" = counted as Service Unavailability Minutes; else the clause that removed them ("5.12", "5.7", or the
  // excluded causes' clauses joined with '+').
  std::string excluded_by;
  uint64_t requests = 0;
  std::array<uint64_t, kNumCauses> failures{};
  int64_t minutes() const { return (to - from) / 60; }
};

// Appends minute [t, t+60) with its disposition to `ranges`, extending the last range when it ends at t with
// the same disposition.
void add_minute(std::vector<MinuteRange>& ranges, int64_t t, const std::string& excluded_by, uint64_t requests,
                const std::array<uint64_t, kNumCauses>& failures);

}  // namespace ccsim::sla
