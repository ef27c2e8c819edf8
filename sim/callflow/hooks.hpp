#pragma once
// Seams between the call-flow core and the models that build on it (platform, seats). The call flow calls
// these; null hooks mean "no platform model" / "no seat limit".
#include <cstdint>
#include <optional>

#include "stats/ledger.hpp"

namespace ccsim {

// The platform that carries a tenant's calls: call setup may fail with a provider-side cause.
class PlatformHook {
 public:
  virtual ~PlatformHook() = default;
  // A call request of `tenant` at time `now` asks for setup. Returns the host index serving it, or a cause.
  struct Setup {
    int host = -1;
    std::optional<Cause> failure;
    double added_latency = 0;  // s added before the call proceeds (degraded hosts)
  };
  virtual Setup setup(int tenant, double now) = 0;
  // The call that was set up on `host` has ended (released its concurrency slot).
  virtual void release(int host, double now) = 0;
};

// Something that can drop established calls (host crash): the call flow registers a listener.
class CallDropListener {
 public:
  virtual ~CallDropListener() = default;
  // Drops the calls currently carried by `host` (keeping `keep_share` of them), returns how many were dropped.
  virtual int64_t drop_calls_on_host(int host, double keep_share) = 0;
};

}  // namespace ccsim
