#pragma once
// One tenant's contact center: arrivals -> trunk -> platform setup -> IVR -> skill-group queues -> agents.
// Every call event is a scheduler timer addressed by (kind, index, generation); calls and agents are plain
// structs in pools addressed by index, and timers made obsolete by a state change are ignored on arrival
// (their generation no longer matches) instead of being cancelled.
#include <cstdint>
#include <deque>
#include <memory>
#include <vector>

#include "callflow/hooks.hpp"
#include "core/rng.hpp"
#include "core/scheduler.hpp"
#include "scenario/scenario.hpp"
#include "stats/call_record_spool.hpp"
#include "stats/interval_clock.hpp"
#include "stats/rep_result.hpp"
#include "traffic/arrivals.hpp"

namespace ccsim {

class TenantModel final : public EventSink, public CallDropListener {
 public:
  TenantModel(const Scenario& sc, int tenant, int replication, Scheduler& sched, PlatformHook* platform = nullptr);
  ~TenantModel() override;
  TenantModel(const TenantModel&) = delete;
  TenantModel& operator=(const TenantModel&) = delete;

  // Schedules the first arrivals, staffing changes and the minute clock.
  void start();
  // Closes time integrals at `end` (the horizon end) and fills the per-minute samples still open.
  void finish(double end);
  void check_conservation() const;  // invariant checked by finish() in builds with CCSIM_INVARIANTS
  // With call records on: append them to `spool` as they happen instead of holding them (ccsim run).
  void spool_records(std::unique_ptr<CallRecordSpool> spool) { spool_ = std::move(spool); }
  TenantRep& rep() { return rep_; }
  const TenantRep& rep() const { return rep_; }
  uint64_t calls() const { return calls_; }

  void on_event(uint64_t payload) override;
  bool live(uint64_t payload) const override;
  int64_t drop_calls_on_host(int host, double keep_share) override;

  // Seats (issue: elastic seats): logged-in agents never exceed `seats` minus administrators.
  void set_seat_limit(int seats);
  int seat_limit() const { return seat_limit_; }
  int logged_in() const { return logged_in_total_; }
  int scheduled_agents() const;
  // Carrier trunk outage: calls on this trunk group fail with `cause` while down.
  void set_trunk_down(int trunk, bool down, Cause cause = Cause::CarrierOutage);
  // Customer-side drill (docs/scenario-reference.md): while share > 0, that share of new requests fails for
  // `cause` before reaching the platform; share 0 ends it.
  void set_customer_fault(Cause cause, double share);
  // Injected traffic (overload drills) on call type `ct` over [from, to) seconds.
  void add_arrival_rate(int ct, double from, double to, double per_hour);
  // Marks ledger minutes [from, to) as inside an announced event (SLA clause 5.12).
  void mark_announced(double from, double to);
  // Live figures used by control-plane actors (autoscaler).
  int queue_length() const;
  double occupancy_now() const;

  // Closing at the horizon end (docs/model.md "Opening hours and closing"): no more arrivals; call types with
  // at_close: cut disconnect their waiting callers, the others drain.
  void close_at_horizon();
  // Calls in the IVR, waiting or talking: the drain after the horizon runs until this is 0.
  int calls_in_system() const;
  // The drain limit is reached: callers still in the IVR or waiting are disconnected (cut_at_close).
  void cut_remaining();

 private:
  struct Call;
  struct Agent;
  struct GroupRt;
  struct PoolRt;
  struct TrunkRt;
  struct TypeRt;
  struct ObCall;
  struct CampaignRt;

  enum Kind : uint8_t { EV_ARRIVAL, EV_RETRY, EV_PREQUEUE_END, EV_OVERFLOW, EV_PATIENCE, EV_SERVICE_END,
                        EV_WRAP_END, EV_STAFF, EV_MINUTE, EV_CLOSE, EV_REPLAY,
                        // Outbound (callflow/outbound.cpp): a = generation / campaign, b = outbound call / contact.
                        EV_OB_READY, EV_OB_OUTCOME, EV_OB_COMPLY, EV_OB_PREVIEW_END, EV_OB_LINE_END, EV_OB_WAKE };
  static uint64_t pack(Kind k, uint32_t a, uint32_t b) {
    return (static_cast<uint64_t>(k) << 56) | (static_cast<uint64_t>(a & 0xFFFFFFu) << 32) | b;
  }

  void schedule(double t, Kind k, uint32_t a, uint32_t b) { sched_.at(t, this, pack(k, a, b)); }
  // The next event of a stream with one pending event at a time (Scheduler::at_stream): a call type's next
  // arrival, the next replayed call, the next minute.
  void schedule_next(double t, Kind k, uint32_t a, uint32_t b) { sched_.at_stream(t, this, pack(k, a, b)); }
  void new_attempt(int32_t call);  // a call attempt reaches the system (first try, retrial or redial)
  void on_arrival(int ct);
  void on_replay(uint32_t i);
  const ReplayCall* replayed(const Call& c) const;  // the logged call behind c's first attempt, else null
  void after_prequeue(int32_t call);
  void offer(int32_t call, int step);
  bool has_idle(int group);  // drops stale idle entries
  void on_overflow(int32_t call, uint32_t tag);
  void on_patience(int32_t call, uint32_t gen);
  void answer(int32_t call, int32_t agent, int group);
  void on_service_end(int32_t agent, uint32_t gen);
  void on_wrap_end(int32_t agent, uint32_t gen);
  void agent_free(int32_t agent);
  void leave_queues(Call& c);
  void end_call(int32_t call, bool retry, const Retrial* policy);
  void fail_attempt(int32_t call, Cause cause, int ct_field, const Retrial& policy);
  void release_trunk(Call& c);
  void release_trunk_channel(int trunk, double seized_at);
  void on_staff(int pool, uint32_t idx);
  void rebalance(int pool);
  void apply_seat_limits();
  void set_online(int32_t agent, bool online);
  void on_minute(uint32_t minute);
  int32_t alloc_call();
  void free_call(int32_t call);
  int minute_of(double t) const;
  void record(const Call& c, CallOutcome o, double wait = 0, double handle = 0, int group = -1);
  // Opening hours and closing (end of tenant_model.cpp).
  void init_hours();
  bool open_now(int ct, double t) const;
  void on_close(int ct);
  bool cut_if_closed(int32_t call);
  void cut_call(int32_t call);
  bool serve_after_close(int32_t agent);
  // Chat sessions (end of tenant_model.cpp).
  int sessions_of(int pool) const;
  double slot_weight(const Agent& a) const;       // share of an agent one session slot's busy time counts for
  double start_session(int32_t agent);            // marks a session started; returns its handle-time stretch
  bool person_changes_login(const Agent& a, bool online);  // a slot goes on/offline: does its person?
  // Outbound campaigns and blending (callflow/outbound.cpp).
  void init_outbound(int replication);
  void start_outbound();
  void on_outbound_event(Kind k, uint32_t a, uint32_t b);
  void dial_more(int campaign);
  void dial_all();
  int available_for_outbound(const CampaignRt& k);
  int32_t pick_contact(int campaign);
  void make_ready(int campaign, int32_t contact, double at);
  bool dial(int campaign, int32_t contact, int32_t agent);
  void reserve_for_preview(int campaign, int32_t agent, int32_t contact);
  void on_ob_outcome(int32_t id);
  void ob_connect(int32_t id, int32_t agent);
  void on_ob_comply(int32_t id);
  void ob_retry(int campaign, int32_t contact, int reason);
  void ob_release_line(int32_t id);
  int32_t new_ob_call();
  void ob_free(int32_t id);
  int64_t drop_outbound_on_host(int host, double keep_share);
  void ob_drop(int32_t id);
  void ob_service_end(int32_t agent);
  bool serve_outbound(int32_t agent);
  void ob_agent_span(Agent& a, double now);
  bool blending_holds(double now);
  void update_holds(double now);
  void check_abnormal(CampaignRt& k, double now);
  void end_stop_if_due(double now);
  void ob_minute(double now);
  void finish_outbound(double end);

  const Scenario& sc_;
  const Tenant& tn_;
  int tenant_;
  Scheduler& sched_;
  PlatformHook* platform_;
  IntervalClock clk_;
  TenantRep rep_;
  std::vector<Call> calls_pool_;
  std::vector<int32_t> free_calls_;
  std::vector<Agent> agents_;
  std::vector<GroupRt> groups_;
  std::vector<PoolRt> pools_;
  std::vector<TrunkRt> trunks_;
  std::vector<TypeRt> types_;
  std::vector<int> priority_level_;  // per call type: queue level (0 = highest priority)
  int num_levels_ = 1;
  int seat_limit_ = -1;  // -1 = unlimited
  int logged_in_total_ = 0;
  int idle_n_ = 0, busy_n_ = 0;
  uint64_t calls_ = 0;
  double horizon_end_;
  std::vector<int> person_busy_;    // chat pools: sessions busy (talk or wrap-up) per person
  std::vector<int> person_online_;  // chat pools: session slots online per person
  Rng drop_rng_;
  Rng recording_rng_;
  Rng customer_fault_rng_;  // drawn only while a customer-side drill is active
  Cause customer_fault_cause_ = Cause::CustomerNetwork;
  double customer_fault_share_ = 0;
  int minutes_per_interval_ = 30;
  bool records_ = false;
  // Outbound (empty for inbound-only tenants: the inbound path then only tests campaigns_.empty()).
  std::vector<CampaignRt> campaigns_;
  std::vector<ObCall> ob_calls_;
  std::vector<int32_t> free_ob_;
  bool blend_held_ = false;          // blending rules hold the dialer (hysteresis state)
  bool blend_queue_held_ = false, blend_sl_held_ = false;
  double stopped_until_ = -1;        // abnormal-calling stop of the tenant's dialing (SLA 5.18)
  std::unique_ptr<CallRecordSpool> spool_;  // null: records go to rep_.records
};

}  // namespace ccsim
