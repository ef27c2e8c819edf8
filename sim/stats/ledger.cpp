#include "stats/ledger.hpp"

namespace ccsim {

namespace {
const char* const kNames[kNumCauses] = {
    "host_down",     "host_overload_cps", "host_overload_concurrency", "link_down",        "degraded",
    "dropped_in_progress", "platform_other", "trunk_busy",           "queue_full",       "carrier_outage",
    "customer_network",    "attack",         "frequency_limit",      "force_majeure",    "illegal_number",
    "announced_promotion", "outbound_stopped",
};
}

const char* cause_name(Cause c) { return kNames[static_cast<int>(c)]; }

std::optional<Cause> cause_from_name(const std::string& s) {
  for (int i = 0; i < kNumCauses; ++i)
    if (s == kNames[i]) return static_cast<Cause>(i);
  return std::nullopt;
}

void MinuteLedger::flag_window(std::vector<uint8_t>& flags, int64_t from, int64_t to) const {
  for (size_t m = 0; m < flags.size(); ++m) {
    const int64_t middle = start_epoch + static_cast<int64_t>(m) * 60 + 30;
    if (middle >= from && middle < to) flags[m] = 1;
  }
}

}  // namespace ccsim
