#pragma once
// The per-minute ledger: for each minute of the horizon, how many call requests a tenant made and how many
// failed, by typed cause. It is what the simulator produces and what `ccsim sla` reads from real monitoring;
// the contract (models/contracts/*.yaml) decides which causes count against the provider.
#include "core/huge_pages.hpp"
#include "stats/minute_failures.hpp"
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ccsim {

// Failure causes. Names (cause_name) are the vocabulary of contract files and ledger CSV columns.
enum class Cause : uint8_t {
  HostDown,             // call setup reached a host that is down / being migrated
  HostOverloadCps,      // host call-setup rate limit exceeded
  HostOverloadConcurrency,  // host concurrent-call limit exceeded
  LinkDown,             // the platform network path is cut (partition)
  Degraded,             // a degraded host failed the request
  DroppedInProgress,    // an established call was dropped by a host failure (the contract's dropped_calls
                        // reading decides whether this is a failed request at all; docs/sla.md)
  PlatformOther,        // any other provider-side failure
  TrunkBusy,            // no free channel on the tenant's trunk group (capacity the customer bought, 5.15)
  QueueFull,            // the skill-group queue was full (customer configuration, 5.15)
  CarrierOutage,        // carrier network outside the provider (SLA 5.13)
  CustomerNetwork,      // customer's network or equipment (SLA 5.1)
  Attack,               // attacks on the customer (5.3)
  FrequencyLimit,       // exceeding documented frequency limits (5.4)
  ForceMajeure,         // 5.14
  IllegalNumber,        // a request with an illegal number the customer passed in (5.10)
  AnnouncedPromotion,   // failed during a major event or promotion notified in advance (5.11)
  OutboundStopped,      // an outbound dial refused while the provider stopped the tenant's abnormal calling (5.18)
  kCount
};
constexpr int kNumCauses = static_cast<int>(Cause::kCount);

const char* cause_name(Cause c);
std::optional<Cause> cause_from_name(const std::string& s);

struct MinuteLedger {
  int64_t start_epoch = 0;  // epoch seconds of minute 0 (aligned to a whole minute)
  HugeVector<uint32_t> requests;                           // per minute
  // Per minute, by cause (sparse: stats/minute_failures.hpp). A call dropped in progress is logged as one
  // request that failed for dropped_in_progress (the failed_request reading); the contract's dropped_calls
  // reading decides whether the pair counts (sla/contract.hpp DroppedCalls).
  MinuteFailures<kNumCauses> failures;
  // Minutes (index) inside an announced maintenance window or drill: clause 5.12 exclusion marker, set by
  // the platform/drill model; contracts decide whether it excludes.
  std::vector<uint8_t> announced_event;
  // Minutes with a surge covered by a prior notice (5.0 QPS rule), e.g. an announced traffic burst.
  std::vector<uint8_t> qps_notice;
  // Call recordings stored per minute (durability estimate). Optional: empty = not tracked, and resize()
  // leaves it empty so producers that do not record pay nothing.
  HugeVector<uint32_t> recordings;

  void resize(size_t minutes) {
    requests.assign(minutes, 0u);
    failures.assign(minutes);
    announced_event.assign(minutes, 0);
    qps_notice.assign(minutes, 0);
    recordings.clear();
  }
  size_t minutes() const { return requests.size(); }
  // Flags in `flags` (one of the per-minute markers) the minutes that carry the traffic of a window
  // [from, to) in epoch seconds: those whose middle lies in it, the rule the arrival process uses for bursts.
  void flag_window(std::vector<uint8_t>& flags, int64_t from, int64_t to) const;
  // Whether minute m has any failure: most minutes have none, and the per-minute passes (SLA evaluation,
  // availability attribution) skip their per-cause accounting for them.
  bool any_failure(size_t m) const {
    if (!failures.stored(m)) return false;
    uint32_t any = 0;
    for (uint32_t v : failures[m]) any |= v;
    return any != 0;
  }
  uint32_t failed(size_t m) const {
    if (!failures.stored(m)) return 0;
    uint32_t s = 0;
    for (auto v : failures[m]) s += v;
    return s;
  }
};

}  // namespace ccsim
