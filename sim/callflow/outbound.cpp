// Outbound inside the call flow (docs/model.md "Outbound and blending"): campaigns dial their contacts through
// the tenant's trunks and platform, connected callees go to agents of the campaign's skill group, and the dialer
// decides at agent-free and attempt-outcome events. Same event discipline as inbound: no actor per call, timers
// addressed by (kind, generation, index), obsolete ones recognised by their generation.
#include <algorithm>
#include <cmath>
#include <limits>

#include "callflow/billed_minutes.hpp"
#include "callflow/tenant_model_parts.hpp"

namespace ccsim {

// ------------------------------------------------------------------ set-up

void TenantModel::init_outbound(int replication) {
  const uint64_t rep = static_cast<uint64_t>(replication);
  const int nint = clk_.count();
  campaigns_.reserve(tn_.campaigns.size());
  for (const Campaign& c : tn_.campaigns) {
    rep_.campaigns.push_back(c.name);
    rep_.ob.emplace_back();
    rep_.ob.back().init(nint, OB_NFIELDS);
    const double start_ratio = c.dialer.mode == DialerMode::Predictive ? c.dialer.lines_per_agent : 1.0;
    campaigns_.emplace_back(c, start_ratio, c.outcomes.p[static_cast<int>(DialOutcome::Person)]);
    CampaignRt& k = campaigns_.back();
    const std::string id = tn_.name + "/" + c.name;
    k.outcome_rng = Rng(sc_.seed, rep, "ob-outcome:" + id);
    k.time_rng = Rng(sc_.seed, rep, "ob-time:" + id);
    k.handle_rng = Rng(sc_.seed, rep, "ob-handle:" + id);
    k.retry_rng = Rng(sc_.seed, rep, "ob-retry:" + id);
    k.trunk = c.trunk_group >= 0 ? c.trunk_group : (trunks_.empty() ? -1 : 0);
    k.end = c.end < 0 ? horizon_end_ : std::min(c.end, horizon_end_);
    k.log.resize(c.contacts.size());
    k.tries.assign(c.contacts.size(), 0);
    k.state.assign(c.contacts.size(), CO_DONE);
  }
}

void TenantModel::start_outbound() {
  for (size_t i = 0; i < campaigns_.size(); ++i) {
    CampaignRt& k = campaigns_[i];
    const Campaign& c = *k.spec;
    // Destination rules: a contact whose number is not allowed is never dialed.
    for (size_t n = 0; n < c.contacts.size(); ++n)
      if (destination_allowed(c.rules, c.contacts[n].prefix)) {
        k.state[n] = CO_READY;
        k.ready.push_back(static_cast<int32_t>(n));
      }
    schedule(c.start, EV_OB_WAKE, static_cast<uint32_t>(i), 0);
  }
}

void TenantModel::on_outbound_event(Kind kind, uint32_t a, uint32_t b) {
  switch (kind) {
    case EV_OB_READY: {
      CampaignRt& k = campaigns_[a];
      if (k.state[b] != CO_PENDING) return;
      k.state[b] = CO_READY;
      k.ready.push_back(static_cast<int32_t>(b));
      dial_more(static_cast<int>(a));
      return;
    }
    case EV_OB_WAKE:
      end_stop_if_due(sched_.now());
      dial_more(static_cast<int>(a));
      return;
    case EV_OB_OUTCOME:
      if (ob_calls_[b].state == OS_DIALING && (ob_calls_[b].gen & kGenMask) == a) on_ob_outcome(static_cast<int32_t>(b));
      return;
    case EV_OB_COMPLY:
      if (ob_calls_[b].state == OS_WAITING && (ob_calls_[b].gen & kGenMask) == a) on_ob_comply(static_cast<int32_t>(b));
      return;
    case EV_OB_PREVIEW_END: {
      ObCall& o = ob_calls_[b];
      if (o.state != OS_PREVIEW || (o.gen & kGenMask) != a) return;
      const int32_t agent = o.agent, contact = o.contact, campaign = o.campaign;
      ob_free(static_cast<int32_t>(b));  // the preview slot becomes the dial
      agents_[static_cast<size_t>(agent)].ob = kNone;
      if (!dial(campaign, contact, agent)) agent_free(agent);
      return;
    }
    case EV_OB_LINE_END:
      if (ob_calls_[b].state == OS_MESSAGE && (ob_calls_[b].gen & kGenMask) == a) {
        ob_release_line(static_cast<int32_t>(b));
        ob_free(static_cast<int32_t>(b));
      }
      return;
    default: return;
  }
}

// ------------------------------------------------------------------ the dialer's decision

void TenantModel::dial_all() {
  for (size_t i = 0; i < campaigns_.size(); ++i) dial_more(static_cast<int>(i));
}

// Idle agents of the campaign's group beyond the ones blending keeps free for inbound (stale idle-list entries
// are dropped on the way).
int TenantModel::available_for_outbound(const CampaignRt& k) {
  auto& idle = groups_[static_cast<size_t>(k.spec->group_index)].idle;
  int n = 0;
  for (auto it = idle.begin(); it != idle.end();) {
    const Agent& a = agents_[static_cast<size_t>(it->first)];
    if (a.state == AS_IDLE && a.gen == it->second) {
      ++n;
      ++it;
    } else {
      it = idle.erase(it);
    }
  }
  return std::max(0, n - tn_.blending.keep_free);
}

void TenantModel::dial_more(int ci) {
  CampaignRt& k = campaigns_[static_cast<size_t>(ci)];
  const double now = sched_.now();
  if (now < k.spec->start || now >= k.end || now < stopped_until_ || blending_holds(now)) return;
  const int avail = available_for_outbound(k);
  if (avail <= 0) return;
  if (k.spec->dialer.mode == DialerMode::Preview) {
    // Preview: the agent is reserved first and reads the contact, then dials (EV_OB_PREVIEW_END).
    auto& idle = groups_[static_cast<size_t>(k.spec->group_index)].idle;
    for (int n = 0; n < avail && !idle.empty(); ++n) {
      const int32_t contact = pick_contact(ci);
      if (contact < 0) return;
      // The youngest idle entries: the keep_free oldest-idle agents stay for inbound's longest-idle choice.
      const int32_t agent = idle.back().first;
      idle.pop_back();
      reserve_for_preview(ci, agent, contact);
    }
    return;
  }
  // Lines already ringing for agents of the same group count against the target (several campaigns may share it).
  int ringing = 0;
  for (const auto& o : campaigns_)
    if (o.spec->group_index == k.spec->group_index) ringing += o.lines;
  const bool predictive = k.spec->dialer.mode == DialerMode::Predictive;
  const double ratio = predictive ? k.pacer.ratio() : 1.0;
  const int paced = predictive ? avail - std::min(k.pacer.reserve(), avail) : avail;
  const int target = static_cast<int>(std::floor(ratio * paced + 1e-9));
  for (int n = ringing; n < target; ++n) {
    const int32_t contact = pick_contact(ci);
    if (contact < 0 || !dial(ci, contact, kNone)) return;
  }
}

// The first ready contact the calling rules allow now; the others are set aside until the rules allow them.
int32_t TenantModel::pick_contact(int ci) {
  CampaignRt& k = campaigns_[static_cast<size_t>(ci)];
  const Campaign& c = *k.spec;
  const double now = sched_.now();
  while (!k.ready.empty()) {
    const int32_t n = k.ready.front();
    k.ready.pop_front();
    if (k.state[static_cast<size_t>(n)] != CO_READY) continue;
    const double at = next_callable(c.rules, c.contacts[static_cast<size_t>(n)].tz_offset, sc_.horizon.start, now,
                                    k.log[static_cast<size_t>(n)]);
    if (at <= now) return n;
    make_ready(ci, n, at);
  }
  return kNone;
}

void TenantModel::make_ready(int ci, int32_t n, double at) {
  CampaignRt& k = campaigns_[static_cast<size_t>(ci)];
  if (!(at < k.end)) {  // never again inside the campaign's dialing period
    k.state[static_cast<size_t>(n)] = CO_DONE;
    return;
  }
  k.state[static_cast<size_t>(n)] = CO_PENDING;
  schedule(at, EV_OB_READY, static_cast<uint32_t>(ci), static_cast<uint32_t>(n));
}

// A slot of the outbound call pool: a freed one first, so the pool stays as large as the peak of lines.
int32_t TenantModel::new_ob_call() {
  if (free_ob_.empty()) {
    ob_calls_.emplace_back();
    return static_cast<int32_t>(ob_calls_.size() - 1);
  }
  const int32_t id = free_ob_.back();
  free_ob_.pop_back();
  return id;
}

void TenantModel::reserve_for_preview(int ci, int32_t ag, int32_t contact) {
  CampaignRt& k = campaigns_[static_cast<size_t>(ci)];
  Agent& a = agents_[static_cast<size_t>(ag)];
  const double now = sched_.now();
  const int32_t id = new_ob_call();
  ObCall& o = ob_calls_[static_cast<size_t>(id)];
  o.campaign = ci;
  o.contact = contact;
  o.agent = ag;
  o.state = OS_PREVIEW;
  ++o.gen;
  k.state[static_cast<size_t>(contact)] = CO_IN_CALL;
  --idle_n_;
  ++busy_n_;
  a.state = AS_TALK;
  ++a.gen;
  a.ob = id;
  a.group = static_cast<int16_t>(k.spec->group_index);
  a.ob_campaign = static_cast<int16_t>(ci);
  a.busy_since = now;
  schedule(now + k.spec->dialer.preview_time, EV_OB_PREVIEW_END, o.gen & kGenMask, static_cast<uint32_t>(id));
}

// ------------------------------------------------------------------ one dial attempt

// Places a call to `contact` (for the reserved `agent` in preview mode). Returns false when the call could not
// be placed (no trunk channel, platform refusal): the dialer stops this round instead of burning contacts.
bool TenantModel::dial(int ci, int32_t contact, int32_t agent) {
  CampaignRt& k = campaigns_[static_cast<size_t>(ci)];
  const Campaign& c = *k.spec;
  const double now = sched_.now();
  const int iv = clk_.index(now);
  CounterTable& ot = rep_.ob[static_cast<size_t>(ci)];
  const Contact& who = c.contacts[static_cast<size_t>(contact)];
  ot.at(iv, OB_DIALS) += 1;
  ++k.tries[static_cast<size_t>(contact)];
  log_attempt(c.rules, who.tz_offset, sc_.horizon.start, now, k.log[static_cast<size_t>(contact)]);
  k.state[static_cast<size_t>(contact)] = CO_IN_CALL;
  // An outbound call is a request like any other: the per-minute ledger, trunks and platform see it.
  const size_t minute = static_cast<size_t>(minute_of(now));
  ++rep_.ledger.requests[minute];
  auto refuse = [&](Cause cause) {
    ot.at(iv, OB_BLOCKED) += 1;
    ++rep_.ledger.failures[minute][static_cast<int>(cause)];
    ob_retry(ci, contact, RR_BLOCKED);
    return false;
  };
  int16_t trunk = -1;
  if (k.trunk >= 0) {
    TrunkRt& tr = trunks_[static_cast<size_t>(k.trunk)];
    CounterTable& tt = rep_.tr[static_cast<size_t>(k.trunk)];
    tt.at(iv, TR_ATTEMPTS) += 1;
    if (tr.down || tr.busy >= tr.channels) {
      tt.at(iv, TR_BLOCKED) += 1;
      return refuse(tr.down ? tr.down_cause : Cause::TrunkBusy);
    }
    tr.level.set(clk_, tt, TR_BUSY_AREA, now, tr.busy + 1);
    ++tr.busy;
    double& mx = tt.at(iv, TR_BUSY_MAX);
    if (tr.busy > mx) mx = tr.busy;
    trunk = static_cast<int16_t>(k.trunk);
  }
  int32_t host = kNone;
  double delay = 0;
  if (platform_) {
    PlatformHook::Setup s = platform_->setup(tenant_, now);
    if (s.failure) {
      if (trunk >= 0) {
        TrunkRt& tr = trunks_[static_cast<size_t>(trunk)];
        tr.level.set(clk_, rep_.tr[static_cast<size_t>(trunk)], TR_BUSY_AREA, now, tr.busy - 1);
        --tr.busy;
      }
      return refuse(*s.failure);
    }
    host = s.host;
    delay += s.added_latency;
  }
  const int32_t id = new_ob_call();
  ObCall& o = ob_calls_[static_cast<size_t>(id)];
  o.campaign = ci;
  o.contact = contact;
  o.agent = agent;
  o.host = host;
  o.trunk = trunk;
  o.dialed = now;
  o.interval = iv;
  o.state = OS_DIALING;
  ++o.gen;
  if (agent != kNone) agents_[static_cast<size_t>(agent)].ob = id;
  k.lines_level.set(clk_, ot, OB_LINES_AREA, now, k.lines + 1);
  ++k.lines;
  // The outcome, by the callee's hour of day, and the time it takes to show.
  const double local = callee_local(now, sc_.horizon.start, who.tz_offset);
  const OutcomeMix& mix = outcome_mix_at(c, local - std::floor(local / 86400.0) * 86400.0);
  double u = k.outcome_rng.uniform();
  int outcome = 0;
  while (outcome < kNumDialOutcomes - 1 && u >= mix.p[outcome]) u -= mix.p[outcome++];
  o.outcome = static_cast<DialOutcome>(outcome);
  switch (o.outcome) {
    case DialOutcome::Person:
    case DialOutcome::Machine: delay += c.ring_time.sample(k.time_rng); break;
    case DialOutcome::NoAnswer: delay += c.no_answer_time.sample(k.time_rng); break;
    default: delay += c.signal_time; break;
  }
  schedule(now + delay, EV_OB_OUTCOME, o.gen & kGenMask, static_cast<uint32_t>(id));
  return true;
}

void TenantModel::on_ob_outcome(int32_t id) {
  ObCall& o = ob_calls_[static_cast<size_t>(id)];
  const int ci = o.campaign;
  CampaignRt& k = campaigns_[static_cast<size_t>(ci)];
  CounterTable& ot = rep_.ob[static_cast<size_t>(ci)];
  const double now = sched_.now();
  k.lines_level.set(clk_, ot, OB_LINES_AREA, now, k.lines - 1);
  --k.lines;
  const bool person = o.outcome == DialOutcome::Person;
  k.pacer.on_dial_outcome(person);
  const int32_t reserved = o.agent;
  if (person) {
    ot.at(o.interval, OB_CONNECTS) += 1;
    k.pacer.on_base(1);
    o.connected = now;
    int32_t ag = reserved;
    if (ag == kNone && has_idle(k.spec->group_index)) {
      auto& idle = groups_[static_cast<size_t>(k.spec->group_index)].idle;
      ag = idle.front().first;
      idle.pop_front();
    }
    if (ag != kNone) {
      ob_connect(id, ag);
    } else {
      // No agent: the callee waits at most the compliance window, then it is an abandoned outbound call.
      o.state = OS_WAITING;
      ++o.gen;
      k.waiting.emplace_back(id, o.gen);
      schedule(now + k.spec->dialer.compliance_window, EV_OB_COMPLY, o.gen & kGenMask, static_cast<uint32_t>(id));
    }
    dial_more(ci);
    return;
  }
  int reason = RR_NO_ANSWER;
  switch (o.outcome) {
    case DialOutcome::Machine:
      ot.at(o.interval, OB_MACHINE) += 1;
      if (k.spec->dialer.abandon_base == AbandonBase::Answered) k.pacer.on_base(1);
      reason = RR_MACHINE;
      break;
    case DialOutcome::Busy: ot.at(o.interval, OB_BUSY) += 1; reason = RR_BUSY; break;
    case DialOutcome::Invalid:
      ot.at(o.interval, OB_INVALID) += 1;
      ++rep_.ledger.failures[static_cast<size_t>(minute_of(now))][static_cast<int>(Cause::IllegalNumber)];
      reason = -1;  // never dialed again
      break;
    default: ot.at(o.interval, OB_NO_ANSWER) += 1; break;
  }
  const int32_t contact = o.contact;
  ob_release_line(id);
  ob_free(id);
  if (reason < 0) k.state[static_cast<size_t>(contact)] = CO_DONE;
  else ob_retry(ci, contact, reason);
  if (reserved != kNone) {
    agents_[static_cast<size_t>(reserved)].ob = kNone;
    agent_free(reserved);  // also lets the dialer decide
  } else {
    dial_more(ci);
  }
}

// A connected callee reaches agent `ag` (idle, reserved by preview, or just freed).
void TenantModel::ob_connect(int32_t id, int32_t ag) {
  ObCall& o = ob_calls_[static_cast<size_t>(id)];
  CampaignRt& k = campaigns_[static_cast<size_t>(o.campaign)];
  const Campaign& c = *k.spec;
  CounterTable& ot = rep_.ob[static_cast<size_t>(o.campaign)];
  Agent& a = agents_[static_cast<size_t>(ag)];
  const double now = sched_.now();
  // A preview agent is already busy on this call since its reservation; any other agent (idle, or just freed by
  // agent_free, which closed its busy span) starts being busy now.
  if (a.ob != id) {
    if (a.state == AS_IDLE) --idle_n_;
    ++busy_n_;
    a.busy_since = now;
  }
  a.state = AS_TALK;
  ++a.gen;
  a.ob = id;
  a.call = kNone;
  a.group = static_cast<int16_t>(c.group_index);
  a.ob_campaign = static_cast<int16_t>(o.campaign);
  o.state = OS_TALKING;
  o.agent = ag;
  ++o.gen;
  ot.at(o.interval, OB_CONNECT_WAIT_SUM) += now - o.connected;
  k.pacer.on_served();
  if (c.rules.abnormal_stop.enabled) k.recent.emplace_back(now, false);
  const bool right = c.right_party >= 1 || k.outcome_rng.uniform() < c.right_party;
  if (right) ot.at(o.interval, OB_RIGHT_PARTY) += 1;
  o.right_party = right;
  const double talk = c.handle.sample(k.handle_rng);
  o.talk_end = now + talk;
  ot.at(o.interval, OB_TALK_SUM) += talk;
  // The contact's disposition is known at connect: the right party is done, a wrong party is tried again.
  if (right) k.state[static_cast<size_t>(o.contact)] = CO_DONE;
  else ob_retry(o.campaign, o.contact, RR_WRONG_PARTY);
  schedule(now + talk, EV_SERVICE_END, a.gen & kGenMask, static_cast<uint32_t>(ag));
}

void TenantModel::on_ob_comply(int32_t id) {
  ObCall& o = ob_calls_[static_cast<size_t>(id)];
  const int ci = o.campaign;
  CampaignRt& k = campaigns_[static_cast<size_t>(ci)];
  CounterTable& ot = rep_.ob[static_cast<size_t>(ci)];
  const double now = sched_.now();
  ot.at(o.interval, OB_ABANDONED) += 1;
  k.pacer.on_abandoned();
  if (k.spec->rules.abnormal_stop.enabled) {
    k.recent.emplace_back(now, true);
    ++k.recent_abandoned;
  }
  ob_retry(ci, o.contact, RR_ABANDONED);
  if (k.spec->dialer.recorded_message) {
    // The callee hears the recorded message: the line stays up for its length.
    ot.at(o.interval, OB_MESSAGE) += 1;
    o.state = OS_MESSAGE;
    ++o.gen;
    schedule(now + k.spec->dialer.message_length, EV_OB_LINE_END, o.gen & kGenMask, static_cast<uint32_t>(id));
  } else {
    ob_release_line(id);
    ob_free(id);
  }
  check_abnormal(k, now);
}

// A contact's next attempt after an attempt ending for `reason`, if it has attempts left; its rules may put it
// later still (pick_contact).
void TenantModel::ob_retry(int ci, int32_t contact, int reason) {
  CampaignRt& k = campaigns_[static_cast<size_t>(ci)];
  if (k.tries[static_cast<size_t>(contact)] >= k.spec->attempts) {
    k.state[static_cast<size_t>(contact)] = CO_DONE;
    return;
  }
  make_ready(ci, contact, sched_.now() + k.spec->retry_delay[reason].sample(k.retry_rng));
}

void TenantModel::ob_release_line(int32_t id) {
  ObCall& o = ob_calls_[static_cast<size_t>(id)];
  const double now = sched_.now();
  if (o.trunk >= 0) {
    release_trunk_channel(o.trunk, o.dialed);
    o.trunk = -1;
  }
  if (o.host >= 0 && platform_) platform_->release(o.host, now);
  o.host = kNone;
}

void TenantModel::ob_free(int32_t id) {
  ObCall& o = ob_calls_[static_cast<size_t>(id)];
  o.state = OS_FREE;
  ++o.gen;
  free_ob_.push_back(id);
}

// ------------------------------------------------------------------ host crash

// A crashed platform host drops the outbound calls it carries like the inbound ones (docs/model.md "Outbound and
// blending"): the same keep_share draw, ledger cause dropped_in_progress. Victims are chosen first: freeing an
// agent lets the dialer place new calls, which must not be taken for calls of the crash.
int64_t TenantModel::drop_outbound_on_host(int host, double keep_share) {
  std::vector<int32_t> victims;
  for (size_t i = 0; i < ob_calls_.size(); ++i) {
    const ObCall& o = ob_calls_[i];
    if (o.host != host || o.state == OS_FREE || o.state == OS_PREVIEW) continue;
    if (keep_share > 0 && drop_rng_.uniform() < keep_share) continue;
    victims.push_back(static_cast<int32_t>(i));
  }
  int64_t dropped = 0;
  for (int32_t id : victims) {
    if (ob_calls_[static_cast<size_t>(id)].state != OS_MESSAGE) ++dropped;
    ob_drop(id);
  }
  return dropped;
}

// One outbound call cut by the crash. Ringing, waiting for an agent or talking: the attempt ends as `dropped`
// and the contact is tried again after the `blocked` retry delay (a platform failure, like a refused setup); a
// wrong party already got its retry at connect. A recorded message already ended its attempt as abandoned: its
// line just ends.
void TenantModel::ob_drop(int32_t id) {
  ObCall& o = ob_calls_[static_cast<size_t>(id)];
  const int ci = o.campaign;
  CampaignRt& k = campaigns_[static_cast<size_t>(ci)];
  CounterTable& ot = rep_.ob[static_cast<size_t>(ci)];
  const double now = sched_.now();
  const uint8_t state = o.state;
  const int32_t contact = o.contact, ag = o.agent;
  const bool retry = state != OS_MESSAGE && !(state == OS_TALKING && !o.right_party);
  if (state != OS_MESSAGE) {
    ot.at(o.interval, OB_DROPPED) += 1;
    if (now < horizon_end_) {  // the SLA ledger covers the horizon only, as for inbound drops
      const size_t m = static_cast<size_t>(minute_of(now));
      ++rep_.ledger.requests[m];
      ++rep_.ledger.failures[m][static_cast<int>(Cause::DroppedInProgress)];
    }
  }
  if (state == OS_DIALING) {
    k.lines_level.set(clk_, ot, OB_LINES_AREA, now, k.lines - 1);
    --k.lines;
  }
  // Its wait or talk ends now (connect_wait and talk_time average over the connects not abandoned).
  if (state == OS_WAITING) ot.at(o.interval, OB_CONNECT_WAIT_SUM) += now - o.connected;
  if (state == OS_TALKING) ot.at(o.interval, OB_TALK_SUM) -= o.talk_end - now;
  o.host = kNone;  // the failed host no longer holds a slot for it
  ob_release_line(id);
  ob_free(id);
  if (retry) ob_retry(ci, contact, RR_BLOCKED);
  // The agent talking, or reserved by preview for this dial, is free again (and the dialer decides).
  if (ag != kNone && (state == OS_TALKING || state == OS_DIALING)) {
    Agent& a = agents_[static_cast<size_t>(ag)];
    a.ob = kNone;
    a.call = kNone;
    ++a.gen;
    agent_free(ag);
  } else {
    dial_more(ci);
  }
}

void TenantModel::ob_service_end(int32_t ag) {
  Agent& a = agents_[static_cast<size_t>(ag)];
  const int32_t id = a.ob;
  ObCall& o = ob_calls_[static_cast<size_t>(id)];
  CampaignRt& k = campaigns_[static_cast<size_t>(o.campaign)];
  const double wrap = k.spec->wrapup.sample(k.handle_rng);
  ob_release_line(id);
  ob_free(id);
  a.ob = kNone;
  a.call = kNone;
  ++a.gen;
  if (wrap > 0) {
    a.state = AS_WRAP;
    schedule(sched_.now() + wrap, EV_WRAP_END, a.gen & kGenMask, static_cast<uint32_t>(ag));
  } else {
    agent_free(ag);
  }
}

// A freed agent with a campaign's skill takes a connected callee waiting for an agent (after inbound callers:
// agent_free looks at the inbound queues first).
bool TenantModel::serve_outbound(int32_t ag) {
  const AgentPool& pool = tn_.pools[static_cast<size_t>(agents_[static_cast<size_t>(ag)].pool)];
  for (auto& k : campaigns_) {
    if (k.waiting.empty()) continue;
    if (std::find(pool.skill_index.begin(), pool.skill_index.end(), k.spec->group_index) == pool.skill_index.end()) continue;
    while (!k.waiting.empty()) {
      const auto [id, gen] = k.waiting.front();
      k.waiting.pop_front();
      const ObCall& o = ob_calls_[static_cast<size_t>(id)];
      if (o.state == OS_WAITING && o.gen == gen) {
        ob_connect(id, ag);
        return true;
      }
    }
  }
  return false;
}

void TenantModel::ob_agent_span(Agent& a, double now) {
  clk_.add_span(rep_.ob[static_cast<size_t>(a.ob_campaign)], OB_AGENT_TIME, a.busy_since, now, 1.0);
  a.ob_campaign = -1;
}

// ------------------------------------------------------------------ blending and the abnormal-calling stop

// Inbound priority: the queue rule and the service-level rule each stop the dialer past their stop threshold and
// let it go only past their resume threshold (hysteresis). The service level is the current interval's inbound
// answered within T / (answered + abandoned after T), all call types of the tenant; undefined = no change.
bool TenantModel::blending_holds(double now) {
  const Blending& b = tn_.blending;
  if (b.stop_queue_above >= 0) {
    const int q = queue_length();
    if (!blend_queue_held_ && q > b.stop_queue_above) blend_queue_held_ = true;
    else if (blend_queue_held_ && q <= b.resume_queue_below) blend_queue_held_ = false;
  }
  if (b.stop_sl_below >= 0) {
    const int iv = clk_.index(now);
    double within = 0, den = 0;
    for (const auto& t : rep_.ct) {
      within += t.at(iv, CT_ANSWERED_WITHIN_T);
      den += t.at(iv, CT_ANSWERED) + t.at(iv, CT_ABANDONED_AFTER_T);
    }
    if (den > 0) {
      const double sl = within / den;
      if (!blend_sl_held_ && sl < b.stop_sl_below) blend_sl_held_ = true;
      else if (blend_sl_held_ && sl >= b.resume_sl_above) blend_sl_held_ = false;
    }
  }
  const bool held = blend_queue_held_ || blend_sl_held_;
  if (held != blend_held_) {
    blend_held_ = held;
    update_holds(now);
  }
  return held;
}

void TenantModel::update_holds(double now) {
  const bool stopped = now < stopped_until_;
  for (size_t i = 0; i < campaigns_.size(); ++i) {
    campaigns_[i].held_level.set(clk_, rep_.ob[i], OB_HELD_TIME, now, blend_held_ ? 1 : 0);
    campaigns_[i].stopped_level.set(clk_, rep_.ob[i], OB_STOPPED_TIME, now, stopped ? 1 : 0);
  }
}

// The provider stops a tenant whose abandon rate over the trailing window crosses the threshold (the issue's
// "abnormal calling"); the stop's minutes are the tenant's own (SLA 5.18).
void TenantModel::check_abnormal(CampaignRt& k, double now) {
  const AbnormalStop& s = k.spec->rules.abnormal_stop;
  while (!k.recent.empty() && k.recent.front().first <= now - s.window) {
    k.recent_abandoned -= k.recent.front().second ? 1 : 0;
    k.recent.pop_front();
  }
  if (!s.enabled || now < stopped_until_ || static_cast<int>(k.recent.size()) < s.min_connects) return;
  if (static_cast<double>(k.recent_abandoned) / static_cast<double>(k.recent.size()) <= s.abandon_rate_above) return;
  stopped_until_ = now + s.stop_for;
  update_holds(now);
  k.recent.clear();
  k.recent_abandoned = 0;
  for (size_t i = 0; i < campaigns_.size(); ++i)
    schedule(std::min(stopped_until_, horizon_end_), EV_OB_WAKE, static_cast<uint32_t>(i), 0);
}

// Once a minute: blending is re-checked (the dialer resumes without waiting for an agent-free event), the stop
// ends, and during a stop the dials the dialer would have placed (one per available agent) are logged as
// requests refused for outbound_stopped, so the SLA sees the stop's minutes as the tenant's own.
void TenantModel::end_stop_if_due(double now) {
  if (stopped_until_ < 0 || now < stopped_until_) return;
  const double end = stopped_until_;
  stopped_until_ = -1;
  update_holds(end);
}

void TenantModel::ob_minute(double now) {
  end_stop_if_due(now);
  const size_t minute = static_cast<size_t>(minute_of(std::max(0.0, now - 1)));
  for (size_t i = 0; i < campaigns_.size(); ++i) {
    CampaignRt& k = campaigns_[i];
    k.pacer.on_minute();
    if (now < stopped_until_ && now >= k.spec->start && now < k.end && now < horizon_end_) {
      const int want = available_for_outbound(k);
      rep_.ob[i].at(clk_.index(std::max(0.0, now - 1)), OB_REFUSED) += want;
      rep_.ledger.requests[minute] += static_cast<uint32_t>(want);
      rep_.ledger.failures[minute][static_cast<int>(Cause::OutboundStopped)] += static_cast<uint32_t>(want);
    }
  }
  dial_all();
}

void TenantModel::finish_outbound(double end) {
  for (size_t i = 0; i < campaigns_.size(); ++i) {
    CampaignRt& k = campaigns_[i];
    k.lines_level.set(clk_, rep_.ob[i], OB_LINES_AREA, end, k.lines);
    k.held_level.set(clk_, rep_.ob[i], OB_HELD_TIME, end, k.held_level.value);
    k.stopped_level.set(clk_, rep_.ob[i], OB_STOPPED_TIME, end, k.stopped_level.value);
  }
}

}  // namespace ccsim
