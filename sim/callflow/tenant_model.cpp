#include "callflow/tenant_model.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "callflow/billed_minutes.hpp"
#include "callflow/opening_hours.hpp"
#include "callflow/replay_source.hpp"
#include "callflow/tenant_model_parts.hpp"
#include "core/invariant.hpp"

namespace ccsim {

TenantModel::TenantModel(const Scenario& sc, int tenant, int replication, Scheduler& sched, PlatformHook* platform)
    : sc_(sc),
      tn_(sc.tenants[static_cast<size_t>(tenant)]),
      tenant_(tenant),
      sched_(sched),
      platform_(platform),
      clk_(sc.horizon.interval, sc.horizon.num_intervals(), sc.horizon.length),
      horizon_end_(sc.horizon.length),
      drop_rng_(sc.seed, static_cast<uint64_t>(replication), "drop:" + tn_.name),
      recording_rng_(sc.seed, static_cast<uint64_t>(replication), "recording:" + tn_.name),
      customer_fault_rng_(sc.seed, static_cast<uint64_t>(replication), "customer-fault:" + tn_.name) {
  const int nint = clk_.count();
  minutes_per_interval_ = std::max(1, static_cast<int>(std::lround(sc.horizon.interval / 60.0)));
  rep_.name = tn_.name;
  for (const auto& ct : tn_.call_types) rep_.call_types.push_back(ct.name);
  for (const auto& g : tn_.groups) rep_.groups.push_back(g.name);
  for (const auto& t : tn_.trunks) rep_.trunks.push_back(t.name);
  rep_.ct.resize(tn_.call_types.size());
  for (auto& t : rep_.ct) t.init(nint, CT_NFIELDS);
  rep_.gr.resize(tn_.groups.size());
  for (auto& t : rep_.gr) t.init(nint, GR_NFIELDS);
  rep_.tr.resize(tn_.trunks.size());
  for (auto& t : rep_.tr) t.init(nint, TR_NFIELDS);
  rep_.minute.init(sc.horizon.num_minutes(), MIN_NFIELDS);
  rep_.ledger.start_epoch = sc.horizon.start;
  rep_.ledger.resize(static_cast<size_t>(sc.horizon.num_minutes()));
  rep_.ledger.recordings.assign(rep_.ledger.minutes(), 0);
  // An announced burst is a prior notice of its surge: the 5.0 QPS rule does not apply to its minutes.
  for (const auto& ct : tn_.call_types)
    for (const auto& b : ct.arrivals.bursts)
      if (b.announced) rep_.ledger.flag_window(rep_.ledger.qps_notice, b.from, b.to);

  // Priority levels: distinct priorities, highest first.
  std::vector<int> prios;
  for (const auto& ct : tn_.call_types) prios.push_back(ct.priority);
  std::sort(prios.begin(), prios.end(), std::greater<int>());
  prios.erase(std::unique(prios.begin(), prios.end()), prios.end());
  num_levels_ = std::max<int>(1, static_cast<int>(prios.size()));
  for (const auto& ct : tn_.call_types)
    priority_level_.push_back(static_cast<int>(std::find(prios.begin(), prios.end(), ct.priority) - prios.begin()));

  groups_.resize(tn_.groups.size());
  for (auto& g : groups_) g.levels.resize(static_cast<size_t>(num_levels_));

  trunks_.resize(tn_.trunks.size());
  for (size_t i = 0; i < trunks_.size(); ++i) trunks_[i].channels = tn_.trunks[i].channels;

  const uint64_t rep = static_cast<uint64_t>(replication);
  types_.resize(tn_.call_types.size());
  for (size_t i = 0; i < types_.size(); ++i) {
    const CallType& ct = tn_.call_types[i];
    TypeRt& t = types_[i];
    const std::string id = tn_.name + "/" + ct.name;
    Rng busy(sc.seed, rep, "busyness:" + id);
    t.arrivals = std::make_unique<ArrivalProcess>(ct.arrivals, sc.horizon, busy);
    t.arr_rng = Rng(sc.seed, rep, "arrivals:" + id);
    t.handle_rng = Rng(sc.seed, rep, "handle:" + id);
    t.wrap_rng = Rng(sc.seed, rep, "wrapup:" + id);
    t.patience_rng = Rng(sc.seed, rep, "patience:" + id);
    t.retry_rng = Rng(sc.seed, rep, "retrial:" + id);
    t.ivr_rng = Rng(sc.seed, rep, "ivr:" + id);
    t.handle_for_group.assign(tn_.groups.size(), &ct.handle);
    for (const auto& kv : ct.handle_by_group)
      for (size_t g = 0; g < tn_.groups.size(); ++g)
        if (tn_.groups[g].name == kv.first) t.handle_for_group[g] = &kv.second;
    t.trunk = ct.trunk_group >= 0 ? ct.trunk_group : (trunks_.empty() ? -1 : 0);
    if (ct.channel == Channel::Chat) t.trunk = -1;  // a chat holds no telephone channel
  }

  pools_.resize(tn_.pools.size());
  for (size_t p = 0; p < tn_.pools.size(); ++p) {
    int n = tn_.pools[p].max_agents;
    for (const auto& ch : tn_.pools[p].schedule) n = std::max(n, ch.second);
    // Chat (docs/model.md "Chat"): an agent of a pool with N sessions is N session slots, each an Agent of its
    // own (own timers, own place in the idle lists), tied to the person for concurrency and head counts.
    const int slots = sessions_of(static_cast<int>(p));
    for (int k = 0; k < n * slots; ++k) {
      Agent a;
      a.pool = static_cast<int32_t>(p);
      if (slots > 1) a.person = static_cast<int32_t>(person_busy_.size()) + k / slots;
      pools_[p].agents.push_back(static_cast<int32_t>(agents_.size()));
      agents_.push_back(a);
    }
    if (slots > 1) {
      person_busy_.resize(person_busy_.size() + static_cast<size_t>(n), 0);
      person_online_.resize(person_busy_.size(), 0);
    }
  }
  calls_pool_.reserve(1024);
  records_ = sc.call_records;
  init_hours();
  if (!tn_.campaigns.empty()) init_outbound(replication);
}

void TenantModel::record(const Call& c, CallOutcome o, double wait, double handle, int group) {
  if (!records_) return;
  CallRecord r;
  r.arrival = c.arrival;
  r.wait = wait;
  r.handle = handle;
  r.call_type = c.type;
  r.group = static_cast<int16_t>(group);
  r.attempt = c.attempts;
  r.outcome = o;
  if (spool_) spool_->append(r);
  else rep_.records.push_back(r);
}

TenantModel::~TenantModel() = default;

int TenantModel::minute_of(double t) const {
  int m = static_cast<int>(t / 60.0);
  const int n = static_cast<int>(rep_.ledger.minutes());
  return m < 0 ? 0 : m >= n ? n - 1 : m;
}

int32_t TenantModel::alloc_call() {
  if (!free_calls_.empty()) {
    int32_t id = free_calls_.back();
    free_calls_.pop_back();
    return id;
  }
  calls_pool_.emplace_back();
  return static_cast<int32_t>(calls_pool_.size() - 1);
}

void TenantModel::free_call(int32_t id) {
  Call& c = calls_pool_[static_cast<size_t>(id)];
  CCSIM_ASSERT(c.state != CS_FREE, "a call is freed once");
  c.state = CS_FREE;
  ++c.gen;
  free_calls_.push_back(id);
}

void TenantModel::start() {
  if (!tn_.replay.empty()) schedule_next(tn_.replay[0].at, EV_REPLAY, 0, 0);
  for (size_t i = 0; i < types_.size() && tn_.replay.empty(); ++i) {
    const double t = types_[i].arrivals->next_after(0.0, types_[i].arr_rng);
    if (t >= 0) schedule_next(t, EV_ARRIVAL, 0, static_cast<uint32_t>(i));
  }
  for (size_t p = 0; p < pools_.size(); ++p) on_staff(static_cast<int>(p), 0);
  for (size_t i = 0; i < types_.size(); ++i)
    if (tn_.call_types[i].hours.at_close == AtClose::Cut)
      for (double t : closing_times(types_[i].open)) schedule(t, EV_CLOSE, 0, static_cast<uint32_t>(i));
  if (rep_.ledger.minutes() > 0) schedule_next(std::min(60.0, horizon_end_), EV_MINUTE, 0, 0);
  if (!campaigns_.empty()) start_outbound();
}

void TenantModel::on_event(uint64_t payload) {
  const Kind k = static_cast<Kind>(payload >> 56);
  const uint32_t a = static_cast<uint32_t>(payload >> 32) & kGenMask;
  const uint32_t b = static_cast<uint32_t>(payload);
  switch (k) {
    case EV_ARRIVAL: on_arrival(static_cast<int>(b)); break;
    case EV_RETRY: {
      Call& c = calls_pool_[b];
      if (c.state == CS_RETRY && (c.gen & kGenMask) == a) new_attempt(static_cast<int32_t>(b));
      break;
    }
    case EV_PREQUEUE_END: {
      Call& c = calls_pool_[b];
      if (c.state == CS_PREQUEUE && (c.gen & kGenMask) == a) after_prequeue(static_cast<int32_t>(b));
      break;
    }
    case EV_OVERFLOW: on_overflow(static_cast<int32_t>(b), a); break;
    case EV_PATIENCE: on_patience(static_cast<int32_t>(b), a); break;
    case EV_SERVICE_END: on_service_end(static_cast<int32_t>(b), a); break;
    case EV_WRAP_END: on_wrap_end(static_cast<int32_t>(b), a); break;
    case EV_STAFF: on_staff(static_cast<int>(b), a); break;
    case EV_MINUTE: on_minute(b); break;
    case EV_CLOSE: on_close(static_cast<int>(b)); break;
    case EV_REPLAY: on_replay(b); break;
    default: on_outbound_event(k, a, b); break;
  }
}

bool TenantModel::live(uint64_t payload) const {
  const Kind k = static_cast<Kind>(payload >> 56);
  const uint32_t a = static_cast<uint32_t>(payload >> 32) & kGenMask;
  const uint32_t b = static_cast<uint32_t>(payload);
  switch (k) {
    case EV_PATIENCE: {
      const Call& c = calls_pool_[b];
      return c.state == CS_WAITING && (c.gen & kGenMask) == a;
    }
    case EV_OVERFLOW: {
      const Call& c = calls_pool_[b];
      return c.state == CS_WAITING && (c.gen & 0xFFFFu) == (a >> 8);
    }
    default:
      return true;
  }
}

void TenantModel::on_arrival(int ct) {
  TypeRt& t = types_[static_cast<size_t>(ct)];
  const double now = sched_.now();
  const double next = t.arrivals->next_after(now, t.arr_rng);
  if (next >= 0 && next < horizon_end_) schedule_next(next, EV_ARRIVAL, 0, static_cast<uint32_t>(ct));
  const int32_t id = alloc_call();
  Call& c = calls_pool_[static_cast<size_t>(id)];
  c.type = ct;
  c.attempts = 0;
  c.replay = kNone;
  new_attempt(id);
}

// Replay (docs/calibration.md "Replay"): the logged calls arrive one after the other, each scheduling the next.
void TenantModel::on_replay(uint32_t i) {
  if (i + 1 < tn_.replay.size() && tn_.replay[i + 1].at < horizon_end_)
    schedule_next(tn_.replay[i + 1].at, EV_REPLAY, 0, i + 1);
  const int32_t id = alloc_call();
  Call& c = calls_pool_[static_cast<size_t>(id)];
  c.type = tn_.replay[i].call_type;
  c.attempts = 0;
  c.replay = static_cast<int32_t>(i);
  new_attempt(id);
}

const ReplayCall* TenantModel::replayed(const Call& c) const {
  return c.replay >= 0 && c.attempts == 1 ? &tn_.replay[static_cast<size_t>(c.replay)] : nullptr;
}

void TenantModel::new_attempt(int32_t id) {
  Call& c = calls_pool_[static_cast<size_t>(id)];
  const double now = sched_.now();
  const CallType& ct = tn_.call_types[static_cast<size_t>(c.type)];
  ++calls_;
  c.arrival = now;
  c.interval = clk_.index(now);
  c.agent = kNone;
  c.host = kNone;
  c.trunk = -1;
  c.offered = 0;
  c.last_step = 0;
  c.group = -1;
  ++c.gen;
  c.state = CS_PREQUEUE;  // trunk, platform setup and IVR come before the queue (a fresh slot was CS_FREE)
  CounterTable& st = rep_.ct[static_cast<size_t>(c.type)];
  st.at(c.interval, CT_OFFERED) += 1;
  if (c.attempts > 0) st.at(c.interval, CT_RETRIALS) += 1;
  ++c.attempts;
  ++rep_.ledger.requests[static_cast<size_t>(minute_of(now))];
  // A customer-side drill fails requests on the customer's side, before trunks and platform (counted as
  // blocked before the platform, like a carrier outage).
  if (customer_fault_share_ > 0 && customer_fault_rng_.uniform() < customer_fault_share_) {
    fail_attempt(id, customer_fault_cause_, CT_BLOCKED_TRUNK, ct.retrial_blocked);
    return;
  }

  // Carrier trunk channel.
  const int tg = types_[static_cast<size_t>(c.type)].trunk;
  if (tg >= 0) {
    TrunkRt& tr = trunks_[static_cast<size_t>(tg)];
    CounterTable& tt = rep_.tr[static_cast<size_t>(tg)];
    tt.at(c.interval, TR_ATTEMPTS) += 1;
    if (tr.down) {
      tt.at(c.interval, TR_BLOCKED) += 1;
      fail_attempt(id, tr.down_cause, CT_BLOCKED_TRUNK, ct.retrial_blocked);
      return;
    }
    if (tr.busy >= tr.channels) {
      tt.at(c.interval, TR_BLOCKED) += 1;
      fail_attempt(id, Cause::TrunkBusy, CT_BLOCKED_TRUNK, ct.retrial_blocked);
      return;
    }
    tr.level.set(clk_, tt, TR_BUSY_AREA, now, tr.busy + 1);
    ++tr.busy;
    double& mx = tt.at(clk_.index(now), TR_BUSY_MAX);
    if (tr.busy > mx) mx = tr.busy;
    c.trunk = static_cast<int16_t>(tg);
  }

  // Call setup on the tenant's platform host.
  double delay = 0;
  if (platform_) {
    PlatformHook::Setup s = platform_->setup(tenant_, now);
    if (s.failure) {
      fail_attempt(id, *s.failure, CT_FAILED_PLATFORM, ct.retrial_blocked);
      return;
    }
    c.host = s.host;
    delay += s.added_latency;
  }

  // A replayed call spends its logged time before the queue instead of the modelled IVR (and has no IVR outcome:
  // the log's own hang-ups before queueing are abandons with a zero wait).
  if (const ReplayCall* rc = replayed(c)) delay += rc->ivr;
  else if (ct.use_ivr && tn_.ivr.enabled) delay += tn_.ivr.duration.sample(types_[static_cast<size_t>(c.type)].ivr_rng);
  if (delay > 0)
    schedule(now + delay, EV_PREQUEUE_END, c.gen & kGenMask, static_cast<uint32_t>(id));
  else
    after_prequeue(id);
}

void TenantModel::fail_attempt(int32_t id, Cause cause, int ct_field, const Retrial& policy) {
  Call& c = calls_pool_[static_cast<size_t>(id)];
  rep_.ct[static_cast<size_t>(c.type)].at(c.interval, ct_field) += 1;
  record(c, ct_field == CT_BLOCKED_TRUNK ? CallOutcome::BlockedTrunk : CallOutcome::FailedPlatform);
  ++rep_.ledger.failures[static_cast<size_t>(minute_of(sched_.now()))][static_cast<int>(cause)];
  end_call(id, true, &policy);
}

void TenantModel::after_prequeue(int32_t id) {
  Call& c = calls_pool_[static_cast<size_t>(id)];
  const CallType& ct = tn_.call_types[static_cast<size_t>(c.type)];
  CounterTable& st = rep_.ct[static_cast<size_t>(c.type)];
  if (ct.use_ivr && tn_.ivr.enabled && !replayed(c)) {
    TypeRt& t = types_[static_cast<size_t>(c.type)];
    const double u = t.ivr_rng.uniform();
    if (u < tn_.ivr.self_service) {
      st.at(c.interval, CT_IVR_SELF) += 1;
      record(c, CallOutcome::IvrSelfServed);
      end_call(id, false, nullptr);
      return;
    }
    if (u < tn_.ivr.self_service + tn_.ivr.abandon) {
      st.at(c.interval, CT_IVR_ABANDON) += 1;
      record(c, CallOutcome::IvrAbandoned);
      end_call(id, false, nullptr);
      return;
    }
    if (tn_.ivr.transfer_fail > 0 && t.ivr_rng.uniform() < tn_.ivr.transfer_fail) {
      st.at(c.interval, CT_TRANSFER_LOST) += 1;
      record(c, CallOutcome::TransferLost);
      end_call(id, false, nullptr);
      return;
    }
  }
  if (ct.route.empty()) {
    st.at(c.interval, CT_TRANSFER_LOST) += 1;
    record(c, CallOutcome::TransferLost);
    end_call(id, false, nullptr);
    return;
  }
  if (cut_if_closed(id)) return;  // leaves the IVR after a cut-mode close: no queue to join
  // First queue: a full queue blocks the call.
  const int g0 = ct.route[0].group_index;
  const int cap = tn_.groups[static_cast<size_t>(g0)].queue_capacity;
  const double now = sched_.now();
  if (cap >= 0 && groups_[static_cast<size_t>(g0)].waiting >= cap && !has_idle(g0)) {
    ++rep_.ledger.failures[static_cast<size_t>(minute_of(now))][static_cast<int>(Cause::QueueFull)];
    st.at(c.interval, CT_BLOCKED_QUEUE) += 1;
    record(c, CallOutcome::BlockedQueue);
    end_call(id, true, &ct.retrial_blocked);
    return;
  }
  c.state = CS_WAITING;
  c.queued_at = now;
  ++c.gen;  // prequeue timers are obsolete
  st.at(c.interval, CT_QUEUED) += 1;
  const uint32_t gen = c.gen;
  offer(id, 0);
  if (calls_pool_[static_cast<size_t>(id)].state != CS_WAITING || calls_pool_[static_cast<size_t>(id)].gen != gen) return;
  // Overflow steps with no delay are offered at once; the next delayed one gets a timer.
  size_t step = 1;
  while (step < ct.route.size() && ct.route[step].after <= 0) {
    offer(id, static_cast<int>(step));
    if (calls_pool_[static_cast<size_t>(id)].gen != gen) return;
    ++step;
  }
  if (step < ct.route.size())
    schedule(now + ct.route[step].after, EV_OVERFLOW, ((gen & 0xFFFFu) << 8) | static_cast<uint32_t>(step),
             static_cast<uint32_t>(id));
  if (const ReplayCall* rc = replayed(c)) {
    const double p = replay_patience(*rc, ct.patience, types_[static_cast<size_t>(c.type)].patience_rng);
    if (std::isfinite(p)) schedule(now + p, EV_PATIENCE, gen & kGenMask, static_cast<uint32_t>(id));
  } else if (ct.patience) {
    const double p = ct.patience->sample(types_[static_cast<size_t>(c.type)].patience_rng);
    if (std::isfinite(p)) schedule(now + p, EV_PATIENCE, gen & kGenMask, static_cast<uint32_t>(id));
  }
}

bool TenantModel::has_idle(int g) {
  auto& idle = groups_[static_cast<size_t>(g)].idle;
  while (!idle.empty()) {
    const Agent& a = agents_[static_cast<size_t>(idle.front().first)];
    if (a.state == AS_IDLE && a.gen == idle.front().second) return true;
    idle.pop_front();
  }
  return false;
}

void TenantModel::offer(int32_t id, int step) {
  Call& c = calls_pool_[static_cast<size_t>(id)];
  const CallType& ct = tn_.call_types[static_cast<size_t>(c.type)];
  const int g = ct.route[static_cast<size_t>(step)].group_index;
  GroupRt& gr = groups_[static_cast<size_t>(g)];
  CounterTable& gt = rep_.gr[static_cast<size_t>(g)];
  // Longest-idle agent of this group (has_idle leaves a live entry at the front). An immediate answer is an
  // offer to the group too: GR_QUEUED counts every offer, GR_WAITED those that had to wait.
  if (has_idle(g)) {
    const int32_t ag = gr.idle.front().first;
    gr.idle.pop_front();
    gt.at(c.interval, GR_QUEUED) += 1;
    answer(id, ag, g);
    return;
  }
  const int cap = tn_.groups[static_cast<size_t>(g)].queue_capacity;
  if (step > 0 && cap >= 0 && gr.waiting >= cap) return;  // a full overflow queue is simply not offered
  gt.at(c.interval, GR_QUEUED) += 1;
  gt.at(c.interval, GR_WAITED) += 1;
  const double now = sched_.now();
  gr.queue.set(clk_, gt, GR_QUEUE_AREA, now, gr.waiting + 1);
  ++gr.waiting;
  double& mx = gt.at(clk_.index(now), GR_QUEUE_MAX);
  if (gr.waiting > mx) mx = gr.waiting;
  gr.levels[static_cast<size_t>(priority_level_[static_cast<size_t>(c.type)])].push_back({id, c.gen});
  c.offered |= 1u << step;
  c.last_step = static_cast<int16_t>(step);
}

void TenantModel::on_overflow(int32_t id, uint32_t tag) {
  Call& c = calls_pool_[static_cast<size_t>(id)];
  const uint32_t gen16 = tag >> 8;
  const int step = static_cast<int>(tag & 0xFF);
  if (c.state != CS_WAITING || (c.gen & 0xFFFFu) != gen16) return;
  const CallType& ct = tn_.call_types[static_cast<size_t>(c.type)];
  const uint32_t gen = c.gen;
  offer(id, step);
  if (c.gen != gen) return;
  size_t next = static_cast<size_t>(step) + 1;
  const double now = sched_.now();
  while (next < ct.route.size() && c.queued_at + ct.route[next].after <= now) {
    offer(id, static_cast<int>(next));
    if (c.gen != gen) return;
    ++next;
  }
  if (next < ct.route.size())
    schedule(c.queued_at + ct.route[next].after, EV_OVERFLOW, ((gen & 0xFFFFu) << 8) | static_cast<uint32_t>(next),
             static_cast<uint32_t>(id));
}

void TenantModel::leave_queues(Call& c) {
  const CallType& ct = tn_.call_types[static_cast<size_t>(c.type)];
  const double now = sched_.now();
  for (uint32_t m = c.offered; m; m &= m - 1) {
    const int step = __builtin_ctz(m);
    const int g = ct.route[static_cast<size_t>(step)].group_index;
    GroupRt& gr = groups_[static_cast<size_t>(g)];
    gr.queue.set(clk_, rep_.gr[static_cast<size_t>(g)], GR_QUEUE_AREA, now, gr.waiting - 1);
    --gr.waiting;
  }
  c.offered = 0;
}

void TenantModel::on_patience(int32_t id, uint32_t gen) {
  Call& c = calls_pool_[static_cast<size_t>(id)];
  if (c.state != CS_WAITING || (c.gen & kGenMask) != gen) return;
  const CallType& ct = tn_.call_types[static_cast<size_t>(c.type)];
  const double now = sched_.now();
  const double waited = now - c.queued_at;
  CounterTable& st = rep_.ct[static_cast<size_t>(c.type)];
  st.at(c.interval, CT_ABANDONED) += 1;
  st.at(c.interval, CT_ABANDON_WAIT_SUM) += waited;
  if (waited > ct.sl_threshold) st.at(c.interval, CT_ABANDONED_AFTER_T) += 1;
  const int g = ct.route[static_cast<size_t>(c.last_step)].group_index;
  rep_.gr[static_cast<size_t>(g)].at(c.interval, GR_ABANDONED) += 1;
  record(c, CallOutcome::Abandoned, waited, 0, g);
  leave_queues(c);
  end_call(id, true, &ct.retrial_abandoned);
}

void TenantModel::answer(int32_t id, int32_t ag, int g) {
  Call& c = calls_pool_[static_cast<size_t>(id)];
  Agent& a = agents_[static_cast<size_t>(ag)];
  const CallType& ct = tn_.call_types[static_cast<size_t>(c.type)];
  const double now = sched_.now();
  CCSIM_ASSERT(c.state == CS_WAITING, "a call answered was waiting in a queue");
  CCSIM_ASSERT(a.call == kNone, "an agent answering holds no call");
  leave_queues(c);
  ++c.gen;
  c.state = CS_TALKING;
  c.agent = ag;
  c.group = static_cast<int16_t>(g);
  const double wait = now - c.queued_at;
  CounterTable& st = rep_.ct[static_cast<size_t>(c.type)];
  CounterTable& gt = rep_.gr[static_cast<size_t>(g)];
  st.at(c.interval, CT_ANSWERED) += 1;
  st.at(c.interval, CT_WAIT_SUM) += wait;
  gt.at(c.interval, GR_ANSWERED) += 1;
  gt.at(c.interval, GR_WAIT_SUM) += wait;
  if (wait <= ct.sl_threshold) {
    st.at(c.interval, CT_ANSWERED_WITHIN_T) += 1;
    gt.at(c.interval, GR_ANSWERED_WITHIN_T) += 1;
  }
  if (wait > 0) {
    st.at(c.interval, CT_ANSWERED_WAITED) += 1;
    gt.at(c.interval, GR_ANSWERED_WAITED) += 1;
  }
  if (a.state == AS_IDLE) --idle_n_;
  ++busy_n_;
  a.state = AS_TALK;
  ++a.gen;
  a.call = id;
  a.group = static_cast<int16_t>(g);
  a.busy_since = now;
  ++rep_.answered_calls;
  // Recordings stored (durability estimate of the SLA): a share of answered calls is recorded.
  if (tn_.recording_share >= 1.0 || (tn_.recording_share > 0 && recording_rng_.uniform() < tn_.recording_share))
    ++rep_.ledger.recordings[static_cast<size_t>(minute_of(now))];
  const double stretch = start_session(ag);
  const ReplayCall* rc = replayed(c);
  const double talk = rc && rc->service >= 0 ? rc->service  // the logged service already holds any stretch
                      : types_[static_cast<size_t>(c.type)].handle_for_group[static_cast<size_t>(g)]->sample(
                            types_[static_cast<size_t>(c.type)].handle_rng) * stretch;
  st.at(c.interval, CT_HANDLE_SUM) += talk;
  gt.at(c.interval, GR_HANDLE_SUM) += talk;
  record(c, CallOutcome::Answered, wait, talk, g);
  schedule(now + talk, EV_SERVICE_END, a.gen & kGenMask, static_cast<uint32_t>(ag));
}

void TenantModel::on_service_end(int32_t ag, uint32_t gen) {
  Agent& a = agents_[static_cast<size_t>(ag)];
  if (a.state != AS_TALK || (a.gen & kGenMask) != gen) return;
  if (a.ob != kNone) {
    ob_service_end(ag);
    return;
  }
  const int32_t id = a.call;
  Call& c = calls_pool_[static_cast<size_t>(id)];
  CCSIM_ASSERT(c.state == CS_TALKING && c.agent == ag, "a call ending its service was talking to this agent");
  const CallType& ct = tn_.call_types[static_cast<size_t>(c.type)];
  const double wrap = ct.wrapup.sample(types_[static_cast<size_t>(c.type)].wrap_rng);
  rep_.ct[static_cast<size_t>(c.type)].at(c.interval, CT_WRAPUP_SUM) += wrap;
  end_call(id, false, nullptr);
  a.call = kNone;
  ++a.gen;
  if (wrap > 0) {
    a.state = AS_WRAP;
    schedule(sched_.now() + wrap, EV_WRAP_END, a.gen & kGenMask, static_cast<uint32_t>(ag));
  } else {
    agent_free(ag);
  }
}

void TenantModel::on_wrap_end(int32_t ag, uint32_t gen) {
  Agent& a = agents_[static_cast<size_t>(ag)];
  if (a.state != AS_WRAP || (a.gen & kGenMask) != gen) return;
  agent_free(ag);
}

void TenantModel::agent_free(int32_t ag) {
  Agent& a = agents_[static_cast<size_t>(ag)];
  CCSIM_ASSERT(a.call == kNone, "an agent becoming free holds no call");
  const double now = sched_.now();
  if (a.state == AS_TALK || a.state == AS_WRAP) {
    --busy_n_;
    if (a.person >= 0) --person_busy_[static_cast<size_t>(a.person)];
    if (a.group >= 0)
      clk_.add_span(rep_.gr[static_cast<size_t>(a.group)], GR_BUSY_TIME, a.busy_since, now, slot_weight(a));
    if (a.ob_campaign >= 0) ob_agent_span(a, now);
    a.group = -1;
  }
  if (a.leaving && serve_after_close(ag)) return;
  if (a.leaving) {
    a.leaving = false;
    a.state = AS_OFF;
    ++a.gen;
    set_online(ag, false);
    return;
  }
  // Serve the first skill (preference order) with a waiting call: highest priority, then FIFO.
  const AgentPool& pool = tn_.pools[static_cast<size_t>(a.pool)];
  for (int g : pool.skill_index) {
    GroupRt& gr = groups_[static_cast<size_t>(g)];
    if (gr.waiting == 0) continue;
    for (auto& lv : gr.levels) {
      while (!lv.empty()) {
        const auto e = lv.front();
        lv.pop_front();
        const Call& c = calls_pool_[static_cast<size_t>(e.call)];
        if (c.state == CS_WAITING && c.gen == e.gen) {
          answer(e.call, ag, g);
          return;
        }
      }
    }
  }
  if (!campaigns_.empty() && serve_outbound(ag)) return;  // a connected callee waits for an agent
  if (a.state != AS_IDLE) ++idle_n_;
  a.state = AS_IDLE;
  ++a.gen;
  for (int g : pool.skill_index) groups_[static_cast<size_t>(g)].idle.emplace_back(ag, a.gen);
  if (!campaigns_.empty()) dial_all();  // the dialer decides at every agent-free event
}

void TenantModel::release_trunk(Call& c) {
  if (c.trunk < 0) return;
  release_trunk_channel(c.trunk, c.arrival);
  c.trunk = -1;
}

// Inbound and outbound calls alike: the channel frees and the call's started minutes are billed.
void TenantModel::release_trunk_channel(int trunk, double seized_at) {
  const double now = sched_.now();
  TrunkRt& tr = trunks_[static_cast<size_t>(trunk)];
  tr.level.set(clk_, rep_.tr[static_cast<size_t>(trunk)], TR_BUSY_AREA, now, tr.busy - 1);
  --tr.busy;
  const int64_t billed = billed_minutes(now - seized_at);
  rep_.billed_call_minutes += billed;
  rep_.minute.at(minute_of(now), MIN_BILLED_MINUTES) += static_cast<uint32_t>(billed);
}

void TenantModel::end_call(int32_t id, bool retry, const Retrial* policy) {
  Call& c = calls_pool_[static_cast<size_t>(id)];
  const double now = sched_.now();
  release_trunk(c);
  if (c.host >= 0 && platform_) platform_->release(c.host, now);
  c.host = kNone;
  if (retry && policy && policy->probability > 0 && c.attempts < policy->max_attempts) {
    TypeRt& t = types_[static_cast<size_t>(c.type)];
    if (t.retry_rng.uniform() < policy->probability) {
      const double at = now + policy->delay.sample(t.retry_rng);
      if (open_now(c.type, at)) {  // a retry after closing time is not made (the caller gives up)
        c.state = CS_RETRY;
        ++c.gen;
        schedule(at, EV_RETRY, c.gen & kGenMask, static_cast<uint32_t>(id));
        return;
      }
    }
  }
  free_call(id);
}

int64_t TenantModel::drop_calls_on_host(int host, double keep_share) {
  const double now = sched_.now();
  int64_t dropped = 0;
  const FailoverSpec& fo = sc_.platform.failover;
  Retrial redial;
  redial.probability = fo.redial_probability;
  redial.delay = fo.redial_delay;
  redial.max_attempts = 255;
  for (size_t i = 0; i < calls_pool_.size(); ++i) {
    Call& c = calls_pool_[i];
    if (c.host != host || (c.state != CS_PREQUEUE && c.state != CS_WAITING && c.state != CS_TALKING)) continue;
    if (keep_share > 0 && drop_rng_.uniform() < keep_share) continue;
    ++dropped;
    rep_.ct[static_cast<size_t>(c.type)].at(c.interval, CT_DROPPED) += 1;
    record(c, CallOutcome::Dropped, 0, 0, c.group);
    const size_t m = static_cast<size_t>(minute_of(now));
    if (now < horizon_end_) {  // the SLA ledger covers the horizon only, not the drain after it
      ++rep_.ledger.requests[m];
      ++rep_.ledger.failures[m][static_cast<int>(Cause::DroppedInProgress)];
    }
    if (c.state == CS_WAITING) leave_queues(c);
    int32_t ag = c.state == CS_TALKING ? c.agent : kNone;
    c.host = kNone;  // the failed host no longer holds a slot for it
    ++c.gen;
    c.state = CS_PREQUEUE;  // transient: end_call frees or schedules the redial
    end_call(static_cast<int32_t>(i), true, &redial);
    if (ag != kNone) {
      Agent& a = agents_[static_cast<size_t>(ag)];
      a.call = kNone;
      ++a.gen;
      agent_free(ag);
    }
  }
  if (!campaigns_.empty()) dropped += drop_outbound_on_host(host, keep_share);
  return dropped;
}

// ------------------------------------------------------------------ staffing and seats

void TenantModel::on_staff(int p, uint32_t idx) {
  const AgentPool& pool = tn_.pools[static_cast<size_t>(p)];
  PoolRt& pr = pools_[static_cast<size_t>(p)];
  if (idx < pool.schedule.size()) {
    pr.scheduled = pool.schedule[idx].second;
    if (idx + 1 < pool.schedule.size()) {
      const double t = pool.schedule[idx + 1].first;
      if (t < horizon_end_) schedule(std::max(t, sched_.now()), EV_STAFF, idx + 1, static_cast<uint32_t>(p));
    }
  } else if (pool.schedule.empty()) {
    pr.scheduled = std::max(0, pool.constant);
  }
  apply_seat_limits();
}

int TenantModel::scheduled_agents() const {
  int s = 0;
  for (const auto& p : pools_) s += p.scheduled;
  return s;
}

void TenantModel::set_seat_limit(int seats) {
  seat_limit_ = seats;
  apply_seat_limits();
}

void TenantModel::apply_seat_limits() {
  // Seats go to pools in declaration order: a pool listed first keeps its agents logged in.
  int remaining = seat_limit_ < 0 ? std::numeric_limits<int>::max() : std::max(0, seat_limit_ - tn_.seats.admins);
  const double now = sched_.now();
  for (size_t p = 0; p < pools_.size(); ++p) {
    PoolRt& pr = pools_[p];
    pr.target = std::min(pr.scheduled, remaining);
    remaining -= pr.target;
    const AgentPool& pool = tn_.pools[p];
    if (!pool.skill_index.empty()) {
      const int g = pool.skill_index[0];
      GroupRt& gr = groups_[static_cast<size_t>(g)];
      // Unseated agent-seconds of all pools whose first skill is g.
      double unseated = 0;
      for (size_t q = 0; q < pools_.size(); ++q)
        if (!tn_.pools[q].skill_index.empty() && tn_.pools[q].skill_index[0] == g)
          unseated += std::max(0, pools_[q].scheduled - pools_[q].target);
      gr.unseated_level.set(clk_, rep_.gr[static_cast<size_t>(g)], GR_UNSEATED_TIME, now, unseated);
    }
    rebalance(static_cast<int>(p));
  }
}

void TenantModel::set_online(int32_t ag, bool online) {
  const Agent& a = agents_[static_cast<size_t>(ag)];
  const AgentPool& pool = tn_.pools[static_cast<size_t>(a.pool)];
  if (!person_changes_login(a, online)) return;  // head counts follow persons, not chat session slots
  logged_in_total_ += online ? 1 : -1;
  if (pool.skill_index.empty()) return;
  const int g = pool.skill_index[0];
  GroupRt& gr = groups_[static_cast<size_t>(g)];
  gr.staffed_level.set(clk_, rep_.gr[static_cast<size_t>(g)], GR_STAFFED_TIME, sched_.now(), gr.staffed + (online ? 1 : -1));
  gr.staffed += online ? 1 : -1;
}

void TenantModel::rebalance(int p) {
  PoolRt& pr = pools_[static_cast<size_t>(p)];
  const int target = pr.target * sessions_of(p);  // session slots (chat) to have online
  // Bring agents on: first cancel pending log-offs, then log in offline agents.
  for (size_t i = 0; i < pr.agents.size() && pr.online < target; ++i) {
    Agent& a = agents_[static_cast<size_t>(pr.agents[i])];
    if (a.leaving) {
      a.leaving = false;
      ++pr.online;
    }
  }
  for (size_t i = 0; i < pr.agents.size() && pr.online < target; ++i) {
    const int32_t ag = pr.agents[i];
    if (agents_[static_cast<size_t>(ag)].state == AS_OFF) {
      ++pr.online;
      set_online(ag, true);
      agent_free(ag);
    }
  }
  // Take agents off: idle ones at once (most recently listed first), busy ones after their call.
  for (size_t i = pr.agents.size(); i-- > 0 && pr.online > target;) {
    const int32_t ag = pr.agents[i];
    Agent& a = agents_[static_cast<size_t>(ag)];
    if (a.state == AS_IDLE) {
      a.state = AS_OFF;
      ++a.gen;
      --idle_n_;
      --pr.online;
      set_online(ag, false);
    }
  }
  for (size_t i = pr.agents.size(); i-- > 0 && pr.online > target;) {
    Agent& a = agents_[static_cast<size_t>(pr.agents[i])];
    if ((a.state == AS_TALK || a.state == AS_WRAP) && !a.leaving) {
      a.leaving = true;
      --pr.online;
    }
  }
}

// ------------------------------------------------------------------ live figures, drills

int TenantModel::queue_length() const {
  int q = 0;
  for (const auto& g : groups_) q += g.waiting;
  return q;
}

double TenantModel::occupancy_now() const {
  return logged_in_total_ > 0 ? static_cast<double>(busy_n_) / logged_in_total_ : 0.0;
}

void TenantModel::set_trunk_down(int trunk, bool down, Cause cause) {
  if (trunk < 0 || trunk >= static_cast<int>(trunks_.size())) return;
  trunks_[static_cast<size_t>(trunk)].down = down;
  trunks_[static_cast<size_t>(trunk)].down_cause = cause;
}

void TenantModel::set_customer_fault(Cause cause, double share) {
  customer_fault_cause_ = cause;
  customer_fault_share_ = share;
}

void TenantModel::add_arrival_rate(int ct, double from, double to, double per_hour) {
  types_[static_cast<size_t>(ct)].arrivals->add_rate(from, to, per_hour);
}

void TenantModel::mark_announced(double from, double to) {
  for (int m = minute_of(from); m <= minute_of(std::max(from, to - 1e-9)); ++m) rep_.ledger.announced_event[static_cast<size_t>(m)] = 1;
}

// ------------------------------------------------------------------ per-minute samples

void TenantModel::on_minute(uint32_t m) {
  const double now = sched_.now();
  SampleTable& mt = rep_.minute;
  if (static_cast<int>(m) < mt.rows) {
    // Samples are counts, stored as whole numbers (stats/counters.hpp SampleTable).
    auto sample = [&](int field, int v) {
      CCSIM_ASSERT(v >= 0, "per-minute samples are counts");
      mt.at(static_cast<int>(m), field) = static_cast<uint32_t>(std::max(0, v));
    };
    sample(MIN_QUEUE_LEN, queue_length());
    sample(MIN_AGENTS_IDLE, idle_n_);
    sample(MIN_AGENTS_BUSY, busy_n_);
    int unseated = 0, on_break = 0;
    for (size_t p = 0; p < pools_.size(); ++p) {
      PoolRt& pr = pools_[p];
      unseated += pr.scheduled - pr.target;
      const auto& bs = tn_.pools[p].break_schedule;
      while (pr.break_idx + 1 < bs.size() && bs[pr.break_idx + 1].first <= now) ++pr.break_idx;
      if (!bs.empty() && bs[pr.break_idx].first <= now) on_break += bs[pr.break_idx].second;
    }
    sample(MIN_AGENTS_BREAK, on_break);
    sample(MIN_AGENTS_OFFLINE_UNSEATED, unseated);
    sample(MIN_SEATS, seat_limit_ >= 0 ? seat_limit_ : logged_in_total_ + tn_.seats.admins);
    int tb = 0;
    for (const auto& t : trunks_) tb += t.busy;
    sample(MIN_TRUNK_BUSY, tb);
  }
  rep_.max_seats_online = std::max(rep_.max_seats_online, logged_in_total_ + tn_.seats.admins);
  // A new statistics interval starts with the current levels as its running maxima.
  if ((m + 1) % static_cast<uint32_t>(minutes_per_interval_) == 0) {
    const int iv = clk_.index(now);
    for (size_t g = 0; g < groups_.size(); ++g) {
      double& mx = rep_.gr[g].at(iv, GR_QUEUE_MAX);
      mx = std::max(mx, static_cast<double>(groups_[g].waiting));
    }
    for (size_t t = 0; t < trunks_.size(); ++t) {
      double& mx = rep_.tr[t].at(iv, TR_BUSY_MAX);
      mx = std::max(mx, static_cast<double>(trunks_[t].busy));
    }
  }
  if (!campaigns_.empty()) ob_minute(now);
  const double next = (m + 2) * 60.0;
  if (m + 1 < static_cast<uint32_t>(mt.rows)) schedule_next(std::min(next, horizon_end_), EV_MINUTE, 0, m + 1);
}

void TenantModel::finish(double end) {
  if (spool_) {
    spool_->close();
    rep_.records_file = spool_->path();
    spool_.reset();
  }
  for (size_t g = 0; g < groups_.size(); ++g) {
    GroupRt& gr = groups_[g];
    gr.queue.set(clk_, rep_.gr[g], GR_QUEUE_AREA, end, gr.waiting);
    gr.staffed_level.set(clk_, rep_.gr[g], GR_STAFFED_TIME, end, gr.staffed);
    gr.unseated_level.set(clk_, rep_.gr[g], GR_UNSEATED_TIME, end, gr.unseated_level.value);
  }
  for (size_t t = 0; t < trunks_.size(); ++t) trunks_[t].level.set(clk_, rep_.tr[t], TR_BUSY_AREA, end, trunks_[t].busy);
  // Agents still busy: count their busy time up to the end.
  for (auto& a : agents_)
    if ((a.state == AS_TALK || a.state == AS_WRAP) && a.group >= 0) {
      clk_.add_span(rep_.gr[static_cast<size_t>(a.group)], GR_BUSY_TIME, a.busy_since, end, slot_weight(a));
      if (a.ob_campaign >= 0) ob_agent_span(a, end);
      a.busy_since = end;
    }
  if (!campaigns_.empty()) finish_outbound(end);
  CCSIM_IF_INVARIANTS(check_conservation();)
}

// Invariant (core/invariant.hpp): the call types' counters account for every attempt (stats/counters.hpp).
void TenantModel::check_conservation() const {
  std::vector<double> pending(types_.size(), 0.0);
  for (const auto& c : calls_pool_)
    if (c.state == CS_PREQUEUE || c.state == CS_WAITING) pending[static_cast<size_t>(c.type)] += 1;
  for (size_t i = 0; i < types_.size(); ++i) check_attempt_balance(rep_.ct[i], pending[i]);
}

}  // namespace ccsim

// ------------------------------------------------------------------ opening hours and closing

namespace ccsim {

void TenantModel::init_hours() {
  for (size_t i = 0; i < types_.size(); ++i) {
    types_[i].open = open_minutes(tn_.call_types[i].hours, sc_.horizon);
    if (!types_[i].open.empty()) types_[i].arrivals->restrict_to_open(types_[i].open);
  }
}

bool TenantModel::open_now(int ct, double t) const {
  if (t >= horizon_end_) return false;  // the horizon end closes every call type
  const auto& open = types_[static_cast<size_t>(ct)].open;
  return open.empty() || open[std::min(open.size() - 1, static_cast<size_t>(std::max(0.0, t) / 60.0))];
}

void TenantModel::cut_call(int32_t id) {
  Call& c = calls_pool_[static_cast<size_t>(id)];
  rep_.ct[static_cast<size_t>(c.type)].at(c.interval, CT_CUT_AT_CLOSE) += 1;
  const double waited = c.state == CS_WAITING ? sched_.now() - c.queued_at : 0;
  record(c, CallOutcome::CutAtClose, waited);
  if (c.state == CS_WAITING) leave_queues(c);
  ++c.gen;  // its patience and overflow timers are obsolete
  end_call(id, false, nullptr);
}

bool TenantModel::cut_if_closed(int32_t id) {
  const Call& c = calls_pool_[static_cast<size_t>(id)];
  if (tn_.call_types[static_cast<size_t>(c.type)].hours.at_close != AtClose::Cut || open_now(c.type, sched_.now()))
    return false;
  cut_call(id);
  return true;
}

void TenantModel::on_close(int ct) {
  for (size_t i = 0; i < calls_pool_.size(); ++i)
    if (calls_pool_[i].type == ct && calls_pool_[i].state == CS_WAITING) cut_call(static_cast<int32_t>(i));
}

void TenantModel::close_at_horizon() {
  for (size_t i = 0; i < types_.size(); ++i)
    if (tn_.call_types[i].hours.at_close == AtClose::Cut) on_close(static_cast<int>(i));
}

int TenantModel::calls_in_system() const {
  int n = 0;
  for (const auto& c : calls_pool_) n += c.state == CS_PREQUEUE || c.state == CS_WAITING || c.state == CS_TALKING;
  return n;
}

void TenantModel::cut_remaining() {
  for (size_t i = 0; i < calls_pool_.size(); ++i) {
    const Call& c = calls_pool_[i];
    if (c.state == CS_PREQUEUE || c.state == CS_WAITING) cut_call(static_cast<int32_t>(i));
  }
}

// An agent due to log off stays while its skills hold callers of a closed call type: the center finishes the
// queue before going home. It takes the first such caller in its usual order (skill preference, priority, FIFO).
bool TenantModel::serve_after_close(int32_t ag) {
  const double now = sched_.now();
  for (int g : tn_.pools[static_cast<size_t>(agents_[static_cast<size_t>(ag)].pool)].skill_index) {
    GroupRt& gr = groups_[static_cast<size_t>(g)];
    if (gr.waiting == 0) continue;
    for (auto& lv : gr.levels)
      for (auto it = lv.begin(); it != lv.end(); ++it) {
        const Call& c = calls_pool_[static_cast<size_t>(it->call)];
        if (c.state != CS_WAITING || c.gen != it->gen || open_now(c.type, now)) continue;
        const int32_t id = it->call;
        lv.erase(it);
        answer(id, ag, g);
        return true;
      }
  }
  return false;
}

}  // namespace ccsim

// ------------------------------------------------------------------ chat sessions

namespace ccsim {

int TenantModel::sessions_of(int pool) const { return std::max(1, tn_.pools[static_cast<size_t>(pool)].sessions); }

double TenantModel::slot_weight(const Agent& a) const { return 1.0 / sessions_of(a.pool); }

double TenantModel::start_session(int32_t ag) {
  const Agent& a = agents_[static_cast<size_t>(ag)];
  if (a.person < 0) return 1.0;
  const int k = ++person_busy_[static_cast<size_t>(a.person)];
  return 1.0 + tn_.pools[static_cast<size_t>(a.pool)].session_slowdown * (k - 1);
}

bool TenantModel::person_changes_login(const Agent& a, bool online) {
  if (a.person < 0) return true;
  int& n = person_online_[static_cast<size_t>(a.person)];
  const bool was = n > 0;
  n += online ? 1 : -1;
  return was != (n > 0);
}

}  // namespace ccsim
