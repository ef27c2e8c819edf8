#pragma once
// Internal to the call flow: the runtime structs of TenantModel, shared by tenant_model.cpp (inbound) and
// outbound.cpp (campaigns and blending). Not a public API.
#include <deque>
#include <memory>
#include <utility>
#include <vector>

#include "callflow/outbound_rules.hpp"
#include "callflow/tenant_model.hpp"

namespace ccsim {

namespace tm_detail {
constexpr int32_t kNone = -1;
enum CallState : uint8_t { CS_FREE, CS_PREQUEUE, CS_WAITING, CS_TALKING, CS_RETRY };
enum AgentState : uint8_t { AS_OFF, AS_IDLE, AS_TALK, AS_WRAP };
constexpr uint32_t kGenMask = 0xFFFFFFu;
}  // namespace tm_detail
using namespace tm_detail;  // NOLINT: the call-flow files share these names

struct TenantModel::Call {
  double arrival = 0;    // this attempt's arrival
  double queued_at = 0;  // entry into the first queue
  uint32_t gen = 0;      // bumped whenever the call leaves a state that has pending timers
  int32_t type = 0;
  int32_t agent = kNone;
  int32_t host = kNone;
  int32_t interval = 0;  // statistics interval of the attempt's arrival
  int16_t trunk = -1;    // trunk group whose channel the call holds
  uint8_t state = CS_FREE;
  uint8_t attempts = 0;
  uint32_t offered = 0;  // bit k: waiting in the queue of route step k
  int16_t last_step = 0; // highest route step offered
  int16_t group = -1;    // group that answered
  int32_t replay = kNone;  // index into the tenant's replayed calls (first attempt uses its logged figures)
};

struct TenantModel::Agent {
  int32_t pool = 0;
  int32_t call = kNone;
  uint32_t gen = 0;       // bumped on every state change: invalidates idle-list entries and timers
  uint8_t state = AS_OFF;
  bool leaving = false;   // log off when the current call ends
  int32_t person = kNone; // chat pools: the agent (person) this session slot belongs to
  int16_t group = -1;     // group of the call being handled
  double busy_since = 0;
  int32_t ob = kNone;      // outbound call being previewed / handled
  int16_t ob_campaign = -1; // campaign of the outbound work since busy_since (agent time split)
};

struct TenantModel::GroupRt {
  struct Entry {
    int32_t call;
    uint32_t gen;
  };
  std::vector<std::deque<Entry>> levels;  // one FIFO per priority level
  std::deque<std::pair<int32_t, uint32_t>> idle;  // (agent, agent gen), oldest idle first
  int waiting = 0;
  Level queue;
  int staffed = 0;  // logged-in agents whose first skill is this group
  Level staffed_level;
  Level unseated_level;
};

struct TenantModel::PoolRt {
  std::vector<int32_t> agents;
  size_t next_change = 0;
  int scheduled = 0;  // on-duty count from the schedule
  int target = 0;     // after the seat limit
  int online = 0;     // logged in and not leaving
  size_t break_idx = 0;  // position in the pool's break schedule (per-minute samples only)
};

struct TenantModel::TrunkRt {
  int channels = 0;
  int busy = 0;
  bool down = false;
  Cause down_cause = Cause::CarrierOutage;
  Level level;
};

struct TenantModel::TypeRt {
  std::unique_ptr<ArrivalProcess> arrivals;
  Rng arr_rng, handle_rng, wrap_rng, patience_rng, retry_rng, ivr_rng;
  std::vector<const Distribution*> handle_for_group;
  int trunk = -1;
  std::vector<uint8_t> open;  // per minute of the horizon; empty = always open
};

// ---------------------------------------------------------------- outbound
enum ObState : uint8_t { OS_FREE, OS_PREVIEW, OS_DIALING, OS_WAITING, OS_TALKING, OS_MESSAGE };
// Where a contact stands: ready (in the campaign's ready list), pending (a timer makes it ready), in a call, or
// done (reached, out of attempts, or never dialable).
enum ContactState : uint8_t { CO_READY, CO_PENDING, CO_IN_CALL, CO_DONE };

struct TenantModel::ObCall {
  double dialed = 0;       // dial time
  double connected = 0;    // answer by a person
  double talk_end = 0;     // end of the talk sampled at connect (a crash cuts it short)
  uint32_t gen = 0;
  int32_t campaign = 0;
  int32_t contact = 0;
  int32_t agent = kNone;   // preview: the reserved agent; later the agent talking
  int32_t host = kNone;
  int32_t interval = 0;    // statistics interval of the dial
  int16_t trunk = -1;
  uint8_t state = OS_FREE;
  DialOutcome outcome = DialOutcome::NoAnswer;
  bool right_party = false; // the connect reached the right person (its contact is done)
};

struct TenantModel::CampaignRt {
  CampaignRt(const Campaign& c, double start_ratio, double person_share)
      : spec(&c),
        pacer(start_ratio, c.dialer.max_lines_per_agent, c.dialer.abandon_limit, person_share) {}
  const Campaign* spec;
  int trunk = -1;
  double end = 0;                        // dialing stops at this time
  Rng outcome_rng, time_rng, handle_rng, retry_rng;
  std::deque<int32_t> ready;             // contacts that may be dialed now, in list order
  std::vector<ContactLog> log;           // per contact
  std::vector<uint8_t> tries;            // attempts made, per contact
  std::vector<uint8_t> state;            // ContactState, per contact
  int lines = 0;                         // dials ringing (not yet resolved)
  Level lines_level;
  std::deque<std::pair<int32_t, uint32_t>> waiting;  // connects waiting for an agent (call, gen)
  PredictivePacer pacer;
  std::deque<std::pair<double, bool>> recent;  // (time, abandoned) of connects resolved, for the abnormal stop
  int recent_abandoned = 0;
  Level held_level, stopped_level;
};

}  // namespace ccsim
