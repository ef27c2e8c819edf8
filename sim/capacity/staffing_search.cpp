#include "capacity/staffing_search.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "capacity/erlang.hpp"
#include "stats/kpi.hpp"
#include "traffic/arrivals.hpp"

namespace ccsim::capacity {

namespace {

constexpr int kUnlimitedChannels = 1000000;

double pass_ivr(const Tenant& tn, const CallType& ct) {
  if (!(ct.use_ivr && tn.ivr.enabled)) return 1.0;
  return std::max(0.0, 1.0 - tn.ivr.self_service - tn.ivr.abandon) * (1.0 - tn.ivr.transfer_fail);
}

// Mean arrival rate (calls/s) of a call type over minutes [m0, m1), busyness off (its mean is 1).
double mean_rate(const Scenario& sc, const CallType& ct, int m0, int m1) {
  ArrivalSpec spec = ct.arrivals;
  spec.busyness_cv = 0;
  Rng unused(sc.seed, 0, "capacity:unused");
  ArrivalProcess ap(spec, sc.horizon, unused);
  const int n = static_cast<int>(ap.rates().size());
  m0 = std::max(0, m0);
  m1 = std::min(n, m1);
  if (m1 <= m0) return 0;
  double s = 0;
  for (int m = m0; m < m1; ++m) s += ap.rate(m);
  return s / (m1 - m0);
}

// Which staffing count a check adjusts: its interval (per-interval staffing) or the single count.
size_t slot_of(const Check& c, bool per_interval) { return per_interval && c.interval >= 0 ? static_cast<size_t>(c.interval) : 0; }

// Seconds covered by staffing count `slot`: one interval, or the horizon after warm-up.
double slot_seconds(const Horizon& h, bool per_interval, int slot) {
  return per_interval ? interval_seconds(h, slot) : std::max(0.0, h.length - h.warmup);
}

std::string format_calls(double v) {
  const double r = std::round(v);
  return std::fabs(v - r) < 1e-9 ? std::to_string(static_cast<long long>(r)) : std::to_string(v);
}

}  // namespace

bool level_equal_loads(std::vector<int>& agents, const std::vector<double>& offered_erlangs, const std::vector<bool>& skip,
                       int first) {
  auto same = [](double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); };
  auto open_slot = [&](size_t i) { return i < offered_erlangs.size() && !(i < skip.size() && skip[i]); };
  bool changed = false;
  for (size_t i = static_cast<size_t>(std::max(0, first)); i < agents.size(); ++i) {
    if (!open_slot(i)) continue;
    int top = agents[i];
    for (size_t j = static_cast<size_t>(std::max(0, first)); j < agents.size(); ++j)
      if (open_slot(j) && same(offered_erlangs[i], offered_erlangs[j])) top = std::max(top, agents[j]);
    if (top != agents[i]) {
      agents[i] = top;
      changed = true;
    }
  }
  return changed;
}

OfferedLoad offered_load(const Scenario& sc, int t, int g, int interval) {
  const Tenant& tn = sc.tenants[static_cast<size_t>(t)];
  const int per = std::max(1, static_cast<int>(std::lround(sc.horizon.interval / 60.0)));
  const int m0 = interval >= 0 ? interval * per : static_cast<int>(sc.horizon.warmup / 60.0);
  const int m1 = interval >= 0 ? (interval + 1) * per : sc.horizon.num_minutes();
  OfferedLoad L;
  double work = 0, patience_w = 0, thr = 1e300;
  bool all_exp = true;
  for (const auto& ct : tn.call_types) {
    if (ct.route.empty() || ct.route[0].group_index != g) continue;
    const double lam = mean_rate(sc, ct, m0, m1) * pass_ivr(tn, ct);
    const auto it = ct.handle_by_group.find(tn.groups[static_cast<size_t>(g)].name);
    const double handle = (it != ct.handle_by_group.end() ? it->second : ct.handle).expected();
    L.lambda += lam;
    work += lam * (handle + ct.wrapup.expected());
    thr = std::min(thr, ct.sl_threshold);
    if (ct.patience && ct.patience->kind == Distribution::Kind::Exponential && std::isfinite(ct.patience->mean))
      patience_w += lam * ct.patience->mean;
    else
      all_exp = false;
  }
  if (L.lambda > 0) {
    L.aht = work / L.lambda;
    L.patience = all_exp ? patience_w / L.lambda : 0;
  }
  if (thr < 1e300) L.threshold = thr;
  return L;
}

namespace {

// Only service level and abandonment depend on agents; the other targets are noted, not staffed for.
std::vector<Target> staffing_targets(const std::vector<Target>& targets, std::vector<std::string>& notes) {
  std::vector<Target> tg;
  for (const auto& t : targets)
    if (t.metric == Metric::ServiceLevel || t.metric == Metric::Abandonment) tg.push_back(t);
    else notes.push_back("target '" + t.text + "' does not depend on agents: not used by the staffing search");
  return tg;
}

// The scenario every trial starts from: seats and trunk channels unlimited, so agents are the only resource.
Scenario search_scenario(const Scenario& base) {
  Scenario work = base;
  for (auto& tn : work.tenants) {
    tn.seats.enabled = false;
    for (auto& tr : tn.trunks) tr.channels = kUnlimitedChannels;
  }
  return work;
}

// The group's single-skill pool, the one the search adjusts (-1: none).
int single_skill_pool(const Tenant& tn, int g) {
  for (size_t p = 0; p < tn.pools.size(); ++p)
    if (tn.pools[p].skill_index.size() == 1 && tn.pools[p].skill_index[0] == g) return static_cast<int>(p);
  return -1;
}

// Erlang seeds of one group, per count (interval or horizon); quiet intervals keep their formula count.
GroupStaffing seed_group(const Scenario& work, int t, int g, double sl_target, double max_ab, const StaffingResult& res,
                         const StaffingOptions& opt, int nslots) {
  GroupStaffing gs;
  gs.tenant = t;
  gs.group = g;
  gs.pool = single_skill_pool(work.tenants[static_cast<size_t>(t)], g);
  if (gs.pool < 0) {
    gs.method = "none";
    gs.note = "no single-skill pool for this group: staffing left as declared";
    return gs;
  }
  for (int s = 0; s < nslots; ++s) {
    const OfferedLoad L = offered_load(work, t, g, res.per_interval ? s : -1);
    int n = 0;
    if (L.lambda > 0) {
      if (L.patience > 0) {
        gs.method = "erlang_a";
        n = erlang_a_staffing(L.lambda, L.aht, L.patience, L.threshold, sl_target, max_ab);
      } else {
        if (gs.method.empty()) gs.method = "erlang_c";
        n = erlang_c_staffing(L.erlangs(), L.threshold, L.aht, sl_target);
      }
    }
    gs.offered_erlangs.push_back(L.erlangs());
    gs.seed.push_back(n);
    const double calls = L.lambda * slot_seconds(work.horizon, res.per_interval, s);
    const bool quiet = res.per_interval && calls < opt.min_interval_calls;
    gs.offered_calls.push_back(calls);
    gs.by_formula.push_back(quiet);
    gs.agents.push_back(std::max(res.min_staff, quiet ? n : n + opt.seed_offset));
  }
  const auto quiet_n = std::count(gs.by_formula.begin(), gs.by_formula.end(), true);
  if (quiet_n > 0)
    gs.note = std::to_string(quiet_n) + " quiet interval(s) (< " + format_calls(opt.min_interval_calls) +
              " offered calls) staffed by the Erlang formula";
  if (gs.method.empty()) gs.method = "erlang_c";
  return gs;
}

// Seeds every group of every tenant, each with its tenant's strictest staffing targets.
void seed_groups(const Scenario& work, const std::vector<Target>& tg, const StaffingOptions& opt, int nslots,
                 StaffingResult& res) {
  for (size_t t = 0; t < work.tenants.size(); ++t) {
    const Tenant& tn = work.tenants[t];
    double sl_target = 0, max_ab = 1;
    for (const auto& x : tg)
      if (x.tenant.empty() || x.tenant == tn.name) {
        if (x.metric == Metric::ServiceLevel) sl_target = std::max(sl_target, x.value);
        else max_ab = std::min(max_ab, x.value);
      }
    for (size_t g = 0; g < tn.groups.size(); ++g)
      res.groups.push_back(seed_group(work, static_cast<int>(t), static_cast<int>(g), sl_target, max_ab, res, opt, nslots));
  }
}

// Writes the counts into the pools' schedules (one step per interval where the count changes).
void apply_staffing(const std::vector<GroupStaffing>& groups, Scenario& sc) {
  for (const auto& gs : groups) {
    if (gs.pool < 0) continue;
    AgentPool& pool = sc.tenants[static_cast<size_t>(gs.tenant)].pools[static_cast<size_t>(gs.pool)];
    pool.schedule.clear();
    for (int s = 0; s < static_cast<int>(gs.agents.size()); ++s)
      if (pool.schedule.empty() || pool.schedule.back().second != gs.agents[static_cast<size_t>(s)])
        pool.schedule.emplace_back(s * sc.horizon.interval, gs.agents[static_cast<size_t>(s)]);
    pool.constant = gs.agents.size() == 1 ? gs.agents[0] : -1;
    pool.max_agents = *std::max_element(gs.agents.begin(), gs.agents.end());
  }
}

// The seats and trunk channels the final staffing needs (Erlang B on the peak interval's trunk load).
void add_requirements(const Scenario& base, const std::vector<Target>& targets, const Trial& last, StaffingResult& res) {
  const Summary& s = last.summary;
  for (size_t t = 0; t < base.tenants.size(); ++t) {
    const Tenant& tn = base.tenants[t];
    double blk = 0.01;
    for (const auto& x : targets)
      if (x.metric == Metric::Blocking && (x.tenant.empty() || x.tenant == tn.name)) blk = std::min(blk, x.value);
    for (size_t k = 0; k < tn.trunks.size(); ++k) {
      TrunkNeed need;
      need.tenant = static_cast<int>(t);
      need.trunk = tn.trunks[k].name;
      need.channels_declared = tn.trunks[k].channels;
      need.blocking_target = blk;
      for (int i = s.first_counted; i < s.intervals; ++i)
        need.offered_erlangs = std::max(need.offered_erlangs, s.tenants[t].tr[k].intervals[static_cast<size_t>(i)][TK_MEAN_BUSY].mean);
      need.channels_needed = erlang_b_channels(need.offered_erlangs, blk);
      res.trunks.push_back(need);
    }
    SeatNeed sn;
    sn.tenant = static_cast<int>(t);
    sn.admins = tn.seats.admins;
    for (const auto& r : last.reps) sn.peak_agents_online = std::max(sn.peak_agents_online, r.tenants[t].max_seats_online - tn.seats.admins);
    sn.seats_needed = sn.peak_agents_online + sn.admins;
    sn.seats_declared = tn.seats.enabled ? tn.seats.standard + tn.seats.advanced : 0;
    res.seats.push_back(sn);
  }
}

// The search proper: trials of the current counts, raising where a check breaks, lowering where they hold.
class Search {
 public:
  Search(const Scenario& work, std::vector<Target> tg, const StaffingOptions& opt, StaffingResult& res)
      : work_(work), tg_(std::move(tg)), opt_(opt), res_(res), to_(opt.trial) {
    to_.stop_on_break = false;
  }

  // Raise until every check holds, lower while they still hold, verify (and level equal loads).
  void run() {
    if (!raise()) {
      res_.met = false;
      res_.final_checks = last_.checks;
      if (!res_.interrupted)  // a signal, not the rounds, ended the raise
        res_.notes.push_back("targets not met within " + std::to_string(opt_.max_rounds) + " rounds");
      return;
    }
    lower();
    verify_and_level();
    res_.final_checks = last_.checks;
  }

  const Trial& last() const { return last_; }

 private:
  using Slot = std::pair<GroupStaffing*, size_t>;  // one count: a group and its interval (or 0)

  // Quiet intervals keep their formula count: no check of theirs steers the search, no bump or cut moves them.
  bool quiet(const GroupStaffing& gs, int slot) const {
    return res_.per_interval && slot >= 0 && static_cast<size_t>(slot) < gs.by_formula.size() &&
           gs.by_formula[static_cast<size_t>(slot)];
  }

  GroupStaffing* find_group(const Check& c) {
    for (auto& gs : res_.groups)
      if (gs.tenant == c.tenant && gs.group == c.group) return &gs;
    return nullptr;
  }

  // Group-level checks of the staffing targets.
  std::vector<Check> checks(const Summary& s) const {
    std::vector<Check> out;
    for (size_t k = 0; k < tg_.size(); ++k)
      for (const auto& gs : res_.groups) {
        if (gs.pool < 0) continue;
        const Tenant& tn = work_.tenants[static_cast<size_t>(gs.tenant)];
        if (!tg_[k].tenant.empty() && tg_[k].tenant != tn.name) continue;
        const GrSeries& series = s.tenants[static_cast<size_t>(gs.tenant)].gr[static_cast<size_t>(gs.group)];
        const int kpi = tg_[k].metric == Metric::ServiceLevel ? GK_SL_ANSWERED : GK_ABANDONMENT_RATE;
        auto add = [&](int interval, const Estimate& e) {
          Check c;
          c.target = static_cast<int>(k);
          c.tenant = gs.tenant;
          c.group = gs.group;
          c.interval = interval;
          c.estimate = e;
          c.verdict = decide(e, tg_[k].value, tg_[k].at_least());
          out.push_back(c);
        };
        if (tg_[k].scope == Scope::Overall) add(-1, series.overall[static_cast<size_t>(kpi)]);
        else
          for (int i = s.first_counted; i < s.intervals; ++i)
            if (!quiet(gs, i)) add(i, series.intervals[static_cast<size_t>(i)][static_cast<size_t>(kpi)]);
      }
    return out;
  }

  // One trial of the current counts, recorded in the history (and logged). Returns whether every check holds.
  bool trial() {
    Scenario sc = work_;
    apply_staffing(res_.groups, sc);
    auto at_least = [&](const Check& c) { return tg_[static_cast<size_t>(c.target)].at_least(); };
    auto value = [&](const Check& c) { return tg_[static_cast<size_t>(c.target)].value; };
    last_ = run_trial(sc, to_, [&](const Summary& s, const std::vector<RepResult>&) { return checks(s); }, at_least, value);
    if (last_.reps.empty()) {  // interrupted before its first replication: not a trial
      res_.interrupted = true;
      return false;
    }
    ++res_.trials;
    StaffingTrial rec;
    for (const auto& gs : res_.groups) rec.agents.push_back(gs.agents);
    rec.replications = static_cast<int>(last_.reps.size());
    rec.holds = last_.holds;
    rec.interrupted = last_.interrupted;
    rec.checks = last_.checks;
    res_.history.push_back(std::move(rec));
    if (to_.log) log_trial();
    res_.interrupted = res_.interrupted || last_.interrupted;
    return last_.holds;
  }

  void log_trial() const {
    std::string line = "capacity: staffing trial " + std::to_string(res_.trials) + ":";
    for (const auto& gs : res_.groups) {
      if (gs.pool < 0) continue;
      int lo = *std::min_element(gs.agents.begin(), gs.agents.end()), hi = *std::max_element(gs.agents.begin(), gs.agents.end());
      line += " " + work_.tenants[static_cast<size_t>(gs.tenant)].groups[static_cast<size_t>(gs.group)].name + "=" +
              std::to_string(lo) + (hi != lo ? ".." + std::to_string(hi) : "");
    }
    to_.log(line + (last_.holds ? " -> targets hold" : " -> a target breaks"));
  }

  // Adds one agent wherever a check breaks; a broken overall check adds one to every count of its group.
  bool raise() {
    for (int round = 0; round < opt_.max_rounds && !res_.interrupted; ++round) {
      if (trial()) return true;
      std::map<Slot, bool> bump;
      for (const auto& c : last_.checks)
        if (c.verdict == Verdict::Breaks)
          if (GroupStaffing* gs = find_group(c)) {
            if (c.interval < 0 && res_.per_interval) {
              // A broken overall check: every count of the group, quiet ones only when there is nothing else.
              const bool all_quiet = std::all_of(gs->by_formula.begin(), gs->by_formula.end(), [](bool q) { return q; });
              for (size_t s = 0; s < gs->agents.size(); ++s)
                if (all_quiet || !quiet(*gs, static_cast<int>(s))) bump[{gs, s}] = true;
            } else
              bump[{gs, slot_of(c, res_.per_interval)}] = true;
          }
      for (const auto& kv : bump) ++kv.first.first->agents[kv.first.second];
    }
    return false;
  }

  // Tries one agent fewer on every unfrozen count whose checks hold; reverts and freezes those whose own checks
  // broke (an overall check: every count of its group).
  void lower() {
    std::map<std::pair<const GroupStaffing*, size_t>, bool> frozen;
    for (int round = 0; round < opt_.max_rounds && !res_.interrupted; ++round) {
      std::vector<Slot> cand;
      for (auto& gs : res_.groups)
        for (size_t s = 0; s < gs.agents.size(); ++s)
          if (gs.pool >= 0 && gs.agents[s] > res_.min_staff && !frozen[{&gs, s}] && !quiet(gs, static_cast<int>(s)))
            cand.emplace_back(&gs, s);
      if (cand.empty()) break;
      for (auto& c : cand) --c.first->agents[c.second];
      if (trial()) continue;
      for (const auto& ch : last_.checks) {
        if (ch.verdict != Verdict::Breaks) continue;
        GroupStaffing* gs = find_group(ch);
        for (auto& c : cand) {
          const bool mine = c.first == gs && (ch.interval < 0 || !res_.per_interval || c.second == slot_of(ch, true));
          if (mine && !frozen[{c.first, c.second}]) {
            ++c.first->agents[c.second];
            frozen[{c.first, c.second}] = true;
          }
        }
      }
    }
  }

  // Final verification (raises again if the reductions interfered with each other). Equal loads then get equal
  // counts (the largest found among them) and are verified again, so sampling noise in one interval does not
  // make the plan zigzag between intervals of the same load.
  void verify_and_level() {
    res_.met = raise();
    const int first = last_.reps.empty() ? 0 : last_.summary.first_counted;
    auto level_all = [&]() {
      bool changed = false;
      for (auto& gs : res_.groups)
        if (gs.pool >= 0 && res_.per_interval)
          changed = level_equal_loads(gs.agents, gs.offered_erlangs, gs.by_formula, first) || changed;
      return changed;
    };
    for (int k = 0; k < 4 && opt_.level_equal_loads && res_.met && !res_.interrupted && level_all(); ++k) res_.met = raise();
  }

  const Scenario& work_;
  const std::vector<Target> tg_;
  const StaffingOptions& opt_;
  StaffingResult& res_;
  TrialOptions to_;
  Trial last_;
};

}  // namespace

StaffingResult search_staffing(const Scenario& base, const std::vector<Target>& targets, const StaffingOptions& opt) {
  StaffingResult res;
  res.staffing_targets = staffing_targets(targets, res.notes);
  const std::vector<Target>& tg = res.staffing_targets;
  res.min_interval_calls = opt.min_interval_calls;
  res.min_staff = std::max(0, opt.min_staff);
  res.per_interval = std::any_of(tg.begin(), tg.end(), [](const Target& t) { return t.scope == Scope::Interval; }) &&
                     base.horizon.num_intervals() > 1;
  const Scenario work = search_scenario(base);
  seed_groups(work, tg, opt, res.per_interval ? base.horizon.num_intervals() : 1, res);

  Search search(work, tg, opt, res);
  search.run();
  const Trial& last = search.last();
  res.replications = static_cast<int>(last.reps.size());
  if (last.reps.empty()) return res;
  res.final_summary = last.summary;
  add_requirements(base, targets, last, res);
  return res;
}

}  // namespace ccsim::capacity
