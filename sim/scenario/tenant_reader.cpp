// Reads one tenant: skill groups and agent pools (with their staffing resolved to schedules), trunks, IVR,
// call types (arrivals, routes, distributions, retrials), seats, SLA and billing bindings; then resolves the
// names a tenant uses internally (route groups, pool skills, trunk groups) to indices.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/time.hpp"
#include "scenario/loader_parts.hpp"
#include "scenario/schema_check.hpp"
#include "scenario/staffing.hpp"
#include "scenario/yaml_input.hpp"

namespace ccsim::scenario {

namespace {

std::string hhmm(double sod) {
  const int m = static_cast<int>(std::lround(sod / 60));
  char buf[16];
  std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
  return buf;
}

// "mon".."sun" -> 0..6
int day_index(const std::string& d) {
  static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  for (int i = 0; i < 7; ++i)
    if (d == kDays[i]) return i;
  return -1;
}

void read_days(const YAML::Node& n, const std::string& path, Reader& r, bool days[7]) {
  for (int i = 0; i < 7; ++i) days[i] = false;
  if (n.IsSequence()) {
    for (size_t i = 0; i < n.size(); ++i) {
      auto t = r.text(n[i], path_index(path, i));
      if (!t) continue;
      const int d = day_index(*t);
      if (d < 0) r.error(n[i], path_index(path, i), "unknown day '" + *t + "'", "mon, tue, wed, thu, fri, sat or sun");
      else days[d] = true;
    }
    return;
  }
  auto t = r.text(n, path);
  if (!t) return;
  if (*t == "daily") {
    for (int i = 0; i < 7; ++i) days[i] = true;
  } else if (*t == "weekdays") {
    for (int i = 0; i < 5; ++i) days[i] = true;
  } else if (*t == "weekends") {
    days[5] = days[6] = true;
  } else {
    const size_t dash = t->find('-');
    const int a = day_index(t->substr(0, dash));
    const int b = dash == std::string::npos ? a : day_index(t->substr(dash + 1));
    if (a < 0 || b < 0) {
      r.error(n, path, "invalid days '" + *t + "'", "a list such as [mon, tue] or daily, weekdays, weekends, mon-fri");
      for (int i = 0; i < 7; ++i) days[i] = true;
      return;
    }
    // A range wraps around the week end: fri-mon = fri, sat, sun, mon.
    for (int d = a;; d = (d + 1) % 7) {
      days[d] = true;
      if (d == b) break;
    }
  }
}

std::optional<int> read_count(Reader& r, const YAML::Node& n, const std::string& path) {
  auto v = r.integer(n, path);
  if (!v) return std::nullopt;
  if (*v < 0 || *v > 10000000) {
    r.error(n, path, "count " + n.Scalar() + " is out of range", "a whole number from 0 to 10,000,000");
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

ShiftSpec read_shift(const YAML::Node& n, const std::string& path, LoadContext& ctx, size_t index) {
  Reader& r = ctx.r;
  ShiftSpec s;
  s.name = "shift" + std::to_string(index + 1);
  if (auto v = child(n, "name"); v.IsDefined())
    if (auto t = r.text(v, path_join(path, "name"))) s.name = *t;
  std::optional<double> start, end;
  if (child(n, "start").IsDefined()) start = r.time_of_day(child(n, "start"), path_join(path, "start"));
  if (child(n, "end").IsDefined()) end = r.time_of_day(child(n, "end"), path_join(path, "end"));
  if (start) s.start = *start >= kDay ? 0 : *start;
  if (end) s.end = *end;
  if (start && end && std::fmod(*start, kDay) == std::fmod(*end, kDay)) {
    r.error(child(n, "end"), path_join(path, "end"), "shift ends when it starts (" + hhmm(*start) + ")",
            "an end time different from the start (end before start crosses midnight)");
  }
  if (s.end >= kDay) s.end = kDay;
  if (auto v = child(n, "agents"); v.IsDefined())
    if (auto c = read_count(r, v, path_join(path, "agents"))) s.agents = *c;
  if (auto v = child(n, "days"); v.IsDefined()) read_days(v, path_join(path, "days"), r, s.days);
  if (auto v = child(n, "from"); v.IsDefined())
    if (auto t = r.datetime(v, path_join(path, "from"))) s.from_date = *t;
  if (auto v = child(n, "to"); v.IsDefined())
    if (auto t = r.datetime(v, path_join(path, "to"))) {
      // A bare date means "through that day" (inclusive); a date-time is an exclusive instant.
      s.to_date = *t + (v.IsScalar() && v.Scalar().size() == 10 ? 86400 : 0);
    }
  if (s.from_date != 0 && s.to_date != 0 && s.to_date <= s.from_date)
    r.error(child(n, "to"), path_join(path, "to"), "shift validity ends before it starts", "to after from");
  const int64_t h0 = ctx.horizon.start, h1 = ctx.horizon.start + static_cast<int64_t>(ctx.horizon.length);
  const double len = shift_length(s);
  // A validity window entirely outside the horizon is a shift that can never work: almost surely a wrong date.
  if ((s.from_date != 0 && s.from_date >= h1) || (s.to_date != 0 && s.to_date + static_cast<int64_t>(len) <= h0)) {
    const YAML::Node at = s.from_date != 0 && s.from_date >= h1 ? child(n, "from") : child(n, "to");
    r.error(at, path_join(path, at.IsDefined() && s.from_date != 0 && s.from_date >= h1 ? "from" : "to"),
            "shift '" + s.name + "' lies outside the horizon (" + format_datetime(h0) + " to " + format_datetime(h1) + ")",
            "a validity window that overlaps the horizon");
  }
  const auto blist = elements(child(n, "breaks"));
  for (size_t i = 0; i < blist.size(); ++i) {
    const std::string bp = path_index(path_join(path, "breaks"), i);
    BreakSpec b;
    auto at = child(blist[i], "at").IsDefined() ? r.time_of_day(child(blist[i], "at"), path_join(bp, "at")) : std::nullopt;
    auto length =
        child(blist[i], "length").IsDefined() ? r.duration(child(blist[i], "length"), path_join(bp, "length")) : std::nullopt;
    if (auto v = child(blist[i], "agents"); v.IsDefined())
      if (auto c = read_count(r, v, path_join(bp, "agents"))) {
        if (*c > s.agents)
          r.error(v, path_join(bp, "agents"),
                  std::to_string(*c) + " agents on break but the shift has " + std::to_string(s.agents),
                  "at most the shift's agents");
        b.agents = *c;
      }
    if (!at || !length) continue;
    b.at = std::fmod(*at, kDay);
    b.length = *length;
    if (b.length <= 0) {
      r.error(child(blist[i], "length"), path_join(bp, "length"), "break of zero length", "a duration > 0");
      continue;
    }
    if (start && end && break_offset(s, b) + b.length > len + 1e-9) {
      r.error(blist[i], bp,
              "break at " + hhmm(b.at) + " for " + format_duration(b.length) + " is outside the shift " +
                  hhmm(s.start) + "-" + hhmm(s.end),
              "a break that starts and ends within its shift");
      continue;
    }
    s.breaks.push_back(b);
  }
  // Overlapping breaks must not put more agents on break than the shift has.
  std::vector<std::pair<double, int>> ev;
  for (const auto& b : s.breaks) {
    const int k = b.agents < 0 ? s.agents : b.agents;
    ev.emplace_back(break_offset(s, b), k);
    ev.emplace_back(break_offset(s, b) + b.length, -k);
  }
  std::sort(ev.begin(), ev.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first < b.first : a.second < b.second;
  });
  int on_break = 0;
  for (const auto& e : ev) {
    on_break += e.second;
    if (on_break > s.agents) {
      r.error(child(n, "breaks"), path_join(path, "breaks"),
              "overlapping breaks put " + std::to_string(on_break) + " agents on break but the shift has " +
                  std::to_string(s.agents),
              "breaks that together never exceed the shift's agents");
      break;
    }
  }
  return s;
}

// Reads exactly one of agents / staffing / shifts into the pool. Returns false when none is present.
bool read_staffing(const YAML::Node& n, const std::string& path, LoadContext& ctx, AgentPool& p) {
  Reader& r = ctx.r;
  int given = has(n, "agents") + has(n, "staffing") + has(n, "shifts");
  if (given == 0) return false;
  if (given > 1) {
    r.error(n, path, "give only one of 'agents', 'staffing' or 'shifts'", "exactly one way to staff the pool");
    return true;
  }
  if (auto v = child(n, "agents"); v.IsDefined()) {
    p.constant = read_count(r, v, path_join(path, "agents")).value_or(0);
  } else if (auto st = child(n, "staffing"); st.IsDefined()) {
    const std::string sp = path_join(path, "staffing");
    std::optional<double> iv;
    if (child(st, "interval").IsDefined()) iv = r.duration(child(st, "interval"), path_join(sp, "interval"));
    const auto clist = elements(child(st, "counts"));
    for (size_t i = 0; i < clist.size(); ++i)
      p.counts.push_back(read_count(r, clist[i], path_index(path_join(sp, "counts"), i)).value_or(0));
    if (iv) {
      if (*iv <= 0) {
        r.error(child(st, "interval"), path_join(sp, "interval"), "interval must be > 0", "a duration such as 30min");
      } else {
        p.counts_interval = *iv;
        const double covered = *iv * static_cast<double>(p.counts.size());
        if (!p.counts.empty() && !counts_repeat_daily(p) && covered + 1e-6 < ctx.horizon.length)
          r.error(child(st, "counts"), path_join(sp, "counts"),
                  std::to_string(p.counts.size()) + " counts of " + format_duration(*iv) + " cover " +
                      format_duration(covered) + " but the horizon is " + format_duration(ctx.horizon.length),
                  "exactly one day of counts (repeated daily) or counts covering the whole horizon");
      }
    }
  } else {
    const auto slist = elements(child(n, "shifts"));
    for (size_t i = 0; i < slist.size(); ++i)
      p.shifts.push_back(read_shift(slist[i], path_index(path_join(path, "shifts"), i), ctx, i));
  }
  if (auto v = child(n, "sessions"); v.IsDefined())
    if (auto x = r.integer(v, path_join(path, "sessions"))) p.sessions = static_cast<int>(std::clamp<long long>(*x, 1, 255));
  if (auto v = child(n, "session_slowdown"); v.IsDefined())
    if (auto x = r.number_or_percent(v, path_join(path, "session_slowdown"))) {
      if (*x < 0) r.error(v, path_join(path, "session_slowdown"), "negative slowdown", "a factor >= 0 such as 0.2 or 20%");
      else p.session_slowdown = *x;
    }
  return true;
}

// Opening hours: `windows` replace the inherited ones (the tenant's for a call type), `at_close` likewise.
void read_hours(const YAML::Node& n, const std::string& path, Reader& r, OpeningHours& h) {
  if (auto v = child(n, "at_close"); v.IsDefined())
    if (auto t = r.text(v, path_join(path, "at_close"))) {
      if (*t == "drain") h.at_close = AtClose::Drain;
      else if (*t == "cut") h.at_close = AtClose::Cut;
      else r.error(v, path_join(path, "at_close"), "unknown closing rule '" + *t + "'", "drain or cut");
    }
  const YAML::Node wn = child(n, "windows");
  if (!wn.IsDefined()) return;
  h.windows.clear();
  const auto wlist = elements(wn);
  for (size_t i = 0; i < wlist.size(); ++i) {
    const std::string wp = path_index(path_join(path, "windows"), i);
    OpenWindow w;
    if (auto v = child(wlist[i], "days"); v.IsDefined()) read_days(v, path_join(wp, "days"), r, w.days);
    std::optional<double> open, close;
    // Whole minutes: arrivals are generated per minute, so a window edge inside a minute could not be honoured.
    for (const char* key : {"open", "close"}) {
      const YAML::Node v = child(wlist[i], key);
      if (!v.IsDefined()) continue;
      auto t = r.time_of_day(v, path_join(wp, key));
      if (t && std::fmod(*t, 60.0) != 0) {
        r.error(v, path_join(wp, key), "time " + v.Scalar() + " is not a whole minute", "a time such as 08:30");
        t.reset();
      }
      (std::string(key) == "open" ? open : close) = t;
    }
    if (open && *open >= kDay) {
      r.error(child(wlist[i], "open"), path_join(wp, "open"), "opening at 24:00", "an opening time before 24:00 (00:00 opens at midnight)");
      open.reset();
    }
    if (open && close && *close < kDay && *open == *close)
      r.error(child(wlist[i], "close"), path_join(wp, "close"), "window closes when it opens (" + hhmm(*open) + ")",
              "a closing time different from the opening (before it crosses midnight; 00:00-24:00 = all day)");
    if (open) w.open = *open;
    if (close) w.close = *close;
    h.windows.push_back(w);
  }
}

Retrial read_retrial(const YAML::Node& n, const std::string& path, Reader& r) {
  Retrial t;
  if (auto v = child(n, "probability"); v.IsDefined())
    if (auto p = r.probability(v, path_join(path, "probability"))) t.probability = *p;
  if (auto v = child(n, "delay"); v.IsDefined())
    if (auto d = r.distribution(v, path_join(path, "delay"))) t.delay = *d;
  if (auto v = child(n, "max_attempts"); v.IsDefined())
    if (auto x = r.integer(v, path_join(path, "max_attempts"))) {
      if (*x < 1) r.error(v, path_join(path, "max_attempts"), "max_attempts must be >= 1", "a whole number >= 1");
      else t.max_attempts = static_cast<int>(std::min<long long>(*x, 1000));
    }
  return t;
}

void read_window(const YAML::Node& n, const std::string& path, LoadContext& ctx, int64_t& from, int64_t& to) {
  Reader& r = ctx.r;
  if (auto v = child(n, "from"); v.IsDefined())
    if (auto t = r.instant(v, path_join(path, "from"), ctx.horizon.start)) from = *t;
  if (auto v = child(n, "to"); v.IsDefined())
    if (auto t = r.instant(v, path_join(path, "to"), ctx.horizon.start)) to = *t;
  if (has(n, "from") && has(n, "to") && to <= from)
    r.error(child(n, "to"), path_join(path, "to"), "window ends at or before it starts (" + format_datetime(from) + ")",
            "'to' after 'from'");
}

ArrivalSpec read_arrivals(const YAML::Node& n, const std::string& path, LoadContext& ctx) {
  Reader& r = ctx.r;
  ArrivalSpec a;
  if (auto v = child(n, "rate"); v.IsDefined())
    if (auto x = r.rate_per_hour(v, path_join(path, "rate"))) a.rate_per_hour = *x;
  if (auto v = child(n, "profile_interval"); v.IsDefined())
    if (auto d = r.duration(v, path_join(path, "profile_interval"))) {
      const double slots = kDay / *d;
      if (*d <= 0 || std::fabs(slots - std::round(slots)) > 1e-9)
        r.error(v, path_join(path, "profile_interval"), "profile interval must divide a day",
                "a duration such as 15min, 30min or 1h");
      else
        a.profile_interval = *d;
    }
  if (auto v = child(n, "day_profile"); v.IsDefined()) {
    const std::string pp = path_join(path, "day_profile");
    const auto items = elements(v);
    for (size_t i = 0; i < items.size(); ++i) {
      auto x = r.number(items[i], path_index(pp, i));
      if (x && *x < 0) {
        r.error(items[i], path_index(pp, i), "negative profile factor", "a factor >= 0");
        x.reset();
      }
      a.day_profile.push_back(x.value_or(0));
    }
    const size_t want = static_cast<size_t>(std::llround(kDay / a.profile_interval));
    if (!items.empty() && items.size() != want)
      r.error(v, pp,
              "day profile has " + std::to_string(items.size()) + " entries but a day has " + std::to_string(want) +
                  " slots of " + format_duration(a.profile_interval),
              std::to_string(want) + " entries (or change profile_interval)");
  }
  if (auto v = child(n, "weekday_factors"); v.IsDefined()) {
    const std::string wp = path_join(path, "weekday_factors");
    if (v.IsSequence()) {
      for (size_t i = 0; i < v.size() && i < 7; ++i)
        if (auto x = r.number(v[i], path_index(wp, i))) a.weekday_factor[i] = *x;
    } else if (v.IsMap()) {
      for (auto it = v.begin(); it != v.end(); ++it) {
        const int d = day_index(it->first.Scalar());
        if (d < 0) continue;  // the schema reported the unknown key
        if (auto x = r.number(it->second, path_join(wp, it->first.Scalar()))) a.weekday_factor[d] = *x;
      }
    }
  }
  const auto olist = elements(child(n, "overrides"));
  for (size_t i = 0; i < olist.size(); ++i) {
    const std::string op = path_index(path_join(path, "overrides"), i);
    RateOverride o;
    read_window(olist[i], op, ctx, o.from, o.to);
    if (auto v = child(olist[i], "factor"); v.IsDefined())
      if (auto x = r.number(v, path_join(op, "factor"))) {
        if (*x < 0) r.error(v, path_join(op, "factor"), "negative factor", "a factor >= 0");
        o.factor = *x;
      }
    if (auto v = child(olist[i], "label"); v.IsDefined()) o.label = r.text(v, path_join(op, "label")).value_or("");
    a.overrides.push_back(o);
  }
  const auto blist = elements(child(n, "bursts"));
  for (size_t i = 0; i < blist.size(); ++i) {
    const std::string bp = path_index(path_join(path, "bursts"), i);
    Burst b;
    read_window(blist[i], bp, ctx, b.from, b.to);
    if (auto v = child(blist[i], "rate"); v.IsDefined())
      if (auto x = r.rate_per_hour(v, path_join(bp, "rate"))) b.extra_per_hour = *x;
    if (auto v = child(blist[i], "announced"); v.IsDefined())
      b.announced = r.boolean(v, path_join(bp, "announced")).value_or(false);
    if (auto v = child(blist[i], "label"); v.IsDefined()) b.label = r.text(v, path_join(bp, "label")).value_or("");
    a.bursts.push_back(b);
  }
  if (auto v = child(n, "busyness_cv"); v.IsDefined())
    if (auto x = r.number(v, path_join(path, "busyness_cv"))) {
      if (*x < 0) r.error(v, path_join(path, "busyness_cv"), "negative cv", "a cv >= 0 (0 = off)");
      else a.busyness_cv = *x;
    }
  return a;
}

CallType read_call_type(const YAML::Node& n, const std::string& path, LoadContext& ctx) {
  Reader& r = ctx.r;
  CallType c;
  if (auto v = child(n, "name"); v.IsDefined()) c.name = r.text(v, path_join(path, "name")).value_or("");
  if (auto v = child(n, "channel"); v.IsDefined())
    c.channel = r.text(v, path_join(path, "channel")).value_or("voice") == "chat" ? Channel::Chat : Channel::Voice;
  c.arrivals = read_arrivals(child(n, "arrivals"), path_join(path, "arrivals"), ctx);
  const auto steps = elements(child(n, "route"));
  for (size_t i = 0; i < steps.size(); ++i) {
    const std::string sp = path_index(path_join(path, "route"), i);
    RouteStep st;
    if (steps[i].IsScalar()) {
      st.group = steps[i].Scalar();
    } else {
      if (auto v = child(steps[i], "group"); v.IsDefined()) st.group = r.text(v, path_join(sp, "group")).value_or("");
      if (auto v = child(steps[i], "after"); v.IsDefined())
        if (auto d = r.duration(v, path_join(sp, "after"))) st.after = *d;
    }
    c.route.push_back(st);
  }
  if (auto v = child(n, "priority"); v.IsDefined())
    if (auto x = r.integer(v, path_join(path, "priority"))) c.priority = static_cast<int>(std::clamp<long long>(*x, -1000000, 1000000));
  if (auto v = child(n, "handle"); v.IsDefined())
    if (auto d = r.distribution(v, path_join(path, "handle"))) c.handle = *d;
  if (auto v = child(n, "handle_by_group"); v.IsDefined() && v.IsMap())
    for (auto it = v.begin(); it != v.end(); ++it)
      if (auto d = r.distribution(it->second, path_join(path_join(path, "handle_by_group"), it->first.Scalar())))
        c.handle_by_group[it->first.Scalar()] = *d;
  if (auto v = child(n, "wrapup"); v.IsDefined())
    if (auto d = r.distribution(v, path_join(path, "wrapup"))) c.wrapup = *d;
  if (auto v = child(n, "patience"); v.IsDefined()) {
    if (!(v.IsScalar() && v.Scalar() == "infinite"))
      if (auto d = r.distribution(v, path_join(path, "patience"))) c.patience = *d;
  }
  if (auto rt = child(n, "retrials"); rt.IsDefined()) {
    if (auto v = child(rt, "abandoned"); v.IsDefined())
      c.retrial_abandoned = read_retrial(v, path_join(path, "retrials.abandoned"), r);
    if (auto v = child(rt, "blocked"); v.IsDefined())
      c.retrial_blocked = read_retrial(v, path_join(path, "retrials.blocked"), r);
  }
  if (auto sl = child(n, "service_level"); sl.IsDefined()) {
    if (auto v = child(sl, "threshold"); v.IsDefined())
      if (auto d = r.duration(v, path_join(path, "service_level.threshold"))) c.sl_threshold = *d;
    if (auto v = child(sl, "target"); v.IsDefined())
      if (auto p = r.probability(v, path_join(path, "service_level.target"))) c.sl_target = *p;
  }
  if (auto v = child(n, "ivr"); v.IsDefined()) c.use_ivr = r.boolean(v, path_join(path, "ivr")).value_or(true);
  if (auto v = child(n, "trunk_group"); v.IsDefined())
    c.trunk_group_name = r.text(v, path_join(path, "trunk_group")).value_or("");
  return c;
}

IvrSpec read_ivr(const YAML::Node& n, const std::string& path, Reader& r) {
  IvrSpec ivr;
  ivr.enabled = true;  // declaring an ivr section switches it on unless it says enabled: false
  if (auto v = child(n, "enabled"); v.IsDefined()) ivr.enabled = r.boolean(v, path_join(path, "enabled")).value_or(true);
  if (auto v = child(n, "duration"); v.IsDefined())
    if (auto d = r.distribution(v, path_join(path, "duration"))) ivr.duration = *d;
  if (auto v = child(n, "self_service"); v.IsDefined())
    if (auto p = r.probability(v, path_join(path, "self_service"))) ivr.self_service = *p;
  if (auto v = child(n, "abandon"); v.IsDefined())
    if (auto p = r.probability(v, path_join(path, "abandon"))) ivr.abandon = *p;
  if (auto v = child(n, "transfer_fail"); v.IsDefined())
    if (auto p = r.probability(v, path_join(path, "transfer_fail"))) ivr.transfer_fail = *p;
  // Self-service and IVR abandonment are exclusive outcomes of one IVR visit.
  if (ivr.self_service + ivr.abandon > 1 + 1e-12)
    r.error(n, path, "self_service + abandon exceed 100%", "outcome probabilities that sum to at most 1");
  return ivr;
}

SeatSpec read_seats(const YAML::Node& n, const std::string& path, LoadContext& ctx) {
  Reader& r = ctx.r;
  SeatSpec s;
  s.enabled = true;
  if (auto v = child(n, "enabled"); v.IsDefined()) s.enabled = r.boolean(v, path_join(path, "enabled")).value_or(true);
  if (auto v = child(n, "standard"); v.IsDefined()) s.standard = read_count(r, v, path_join(path, "standard")).value_or(0);
  if (auto v = child(n, "advanced"); v.IsDefined()) s.advanced = read_count(r, v, path_join(path, "advanced")).value_or(0);
  if (auto v = child(n, "admins"); v.IsDefined()) s.admins = read_count(r, v, path_join(path, "admins")).value_or(0);
  const auto clist = elements(child(n, "changes"));
  for (size_t i = 0; i < clist.size(); ++i) {
    const std::string cp = path_index(path_join(path, "changes"), i);
    SeatChange ch;
    if (auto v = child(clist[i], "at"); v.IsDefined())
      if (auto t = r.instant(v, path_join(cp, "at"), ctx.horizon.start)) ch.at = *t;
    if (auto v = child(clist[i], "seats"); v.IsDefined()) ch.seats = read_count(r, v, path_join(cp, "seats")).value_or(0);
    if (i > 0 && ch.at < s.changes.back().at)
      r.error(clist[i], path_join(cp, "at"), "seat changes are not in time order", "changes sorted by 'at'");
    s.changes.push_back(ch);
  }
  if (auto a = child(n, "autoscale"); a.IsDefined()) {
    const std::string ap = path_join(path, "autoscale");
    AutoscalePolicy& p = s.autoscale;
    p.enabled = true;
    if (auto v = child(a, "enabled"); v.IsDefined()) p.enabled = r.boolean(v, path_join(ap, "enabled")).value_or(true);
    if (auto v = child(a, "metric"); v.IsDefined()) p.metric = r.text(v, path_join(ap, "metric")).value_or(p.metric);
    if (auto v = child(a, "scale_out_above"); v.IsDefined())
      p.scale_out_above = r.number_or_percent(v, path_join(ap, "scale_out_above")).value_or(0);
    if (auto v = child(a, "scale_in_below"); v.IsDefined())
      p.scale_in_below = r.number_or_percent(v, path_join(ap, "scale_in_below")).value_or(0);
    if (auto v = child(a, "window"); v.IsDefined()) p.window = r.duration(v, path_join(ap, "window")).value_or(p.window);
    if (auto v = child(a, "cooldown"); v.IsDefined()) p.cooldown = r.duration(v, path_join(ap, "cooldown")).value_or(p.cooldown);
    if (auto v = child(a, "step"); v.IsDefined()) p.step = std::max(1, read_count(r, v, path_join(ap, "step")).value_or(p.step));
    if (auto v = child(a, "min_seats"); v.IsDefined()) p.min_seats = read_count(r, v, path_join(ap, "min_seats")).value_or(0);
    if (auto v = child(a, "max_seats"); v.IsDefined()) p.max_seats = read_count(r, v, path_join(ap, "max_seats")).value_or(0);
    if (auto v = child(a, "provisioning_delay"); v.IsDefined())
      p.provisioning_delay = r.duration(v, path_join(ap, "provisioning_delay")).value_or(p.provisioning_delay);
    if (p.max_seats < p.min_seats)
      r.error(child(a, "max_seats").IsDefined() ? child(a, "max_seats") : a, path_join(ap, "max_seats"),
              "max_seats " + std::to_string(p.max_seats) + " is below min_seats " + std::to_string(p.min_seats),
              "max_seats >= min_seats");
    // Service level scales out when it falls *below* the threshold; the others when they rise above it.
    if (p.metric == "service_level" && (p.scale_out_above > 1 || p.scale_in_below > 1))
      r.error(a, ap, "service-level thresholds above 100%", "thresholds such as 80%");
  }
  if (auto v = child(n, "self_service_limit"); v.IsDefined())
    s.self_service_limit = std::max(1, read_count(r, v, path_join(path, "self_service_limit")).value_or(s.self_service_limit));
  if (auto v = child(n, "large_change"); v.IsDefined())
    s.large_change = r.text(v, path_join(path, "large_change")).value_or(s.large_change);
  if (auto v = child(n, "ticket_delay"); v.IsDefined())
    s.ticket_delay = r.duration(v, path_join(path, "ticket_delay")).value_or(s.ticket_delay);
  if (auto v = child(n, "self_service_delay"); v.IsDefined())
    s.self_service_delay = r.duration(v, path_join(path, "self_service_delay")).value_or(s.self_service_delay);
  return s;
}

SlaBinding read_sla(const YAML::Node& n, const std::string& path, LoadContext& ctx) {
  Reader& r = ctx.r;
  SlaBinding b;
  b.service_start = ctx.horizon.start;
  b.service_end = ctx.horizon.start + static_cast<int64_t>(ctx.horizon.length);
  if (auto v = child(n, "contract"); v.IsDefined()) b.contract_file = resolve_model_file(ctx, v, path_join(path, "contract"));
  if (auto v = child(n, "service_start"); v.IsDefined())
    if (auto t = r.datetime(v, path_join(path, "service_start"))) b.service_start = *t, b.term_given = true;
  if (auto v = child(n, "service_end"); v.IsDefined())
    if (auto t = r.datetime(v, path_join(path, "service_end"))) b.service_end = *t, b.term_given = true;
  if (auto v = child(n, "outside_horizon"); v.IsDefined()) {
    b.outside_horizon = r.text(v, path_join(path, "outside_horizon")).value_or(b.outside_horizon);
    if (b.outside_horizon != "available" && b.outside_horizon != "excluded")
      r.error(v, path_join(path, "outside_horizon"), "'" + b.outside_horizon + "' is not a reading", "available or excluded");
  }
  if (auto v = child(n, "deductions"); v.IsDefined())
    if (auto x = r.number(v, path_join(path, "deductions"))) {
      if (*x < 0) r.error(v, path_join(path, "deductions"), "negative deductions", "an amount >= 0");
      else b.deductions = *x;
    }
  if (b.service_end <= b.service_start)
    r.error(child(n, "service_end").IsDefined() ? child(n, "service_end") : n, path_join(path, "service_end"),
            "service term ends at or before it starts", "service_end after service_start");
  const auto qlist = elements(child(n, "qps_notices"));
  for (size_t i = 0; i < qlist.size(); ++i) {
    int64_t from = 0, to = 0;
    read_window(qlist[i], path_index(path_join(path, "qps_notices"), i), ctx, from, to);
    b.qps_notices.emplace_back(from, to);
  }
  if (auto v = child(n, "monthly_fee"); v.IsDefined())
    if (auto x = r.number(v, path_join(path, "monthly_fee"))) {
      if (*x < 0) r.error(v, path_join(path, "monthly_fee"), "negative fee", "an amount >= 0");
      else b.monthly_fee = *x;
    }
  if (auto v = child(n, "prior_fees_12m"); v.IsDefined())
    if (auto x = r.number(v, path_join(path, "prior_fees_12m"))) {
      if (*x < 0) r.error(v, path_join(path, "prior_fees_12m"), "negative fees", "an amount >= 0");
      else b.prior_fees_12m = *x;
    }
  return b;
}

// A voice call needs a whole agent: it may not reach a pool whose agents hold several chat sessions.
void check_voice_route(Reader& r, const YAML::Node& at, const std::string& path, const CallType& c, int group,
                       const std::vector<AgentPool>& pools) {
  if (c.channel != Channel::Voice || group < 0) return;
  for (const auto& p : pools)
    if (p.sessions > 1 && std::find(p.skill_index.begin(), p.skill_index.end(), group) != p.skill_index.end()) {
      r.error(at, path,
              "voice call type '" + c.name + "' reaches pool '" + p.name + "' whose agents hold " +
                  std::to_string(p.sessions) + " chat sessions",
              "channel: chat, or a route to groups whose pools have sessions: 1 (sessions apply to chat only)");
      return;
    }
}

// An "unknown name" error lists the declared names up to this many (thousands of names help no one).
constexpr size_t kMaxNamesListed = 20;

}  // namespace

int find_name(Reader& r, const YAML::Node& at, const std::string& path, const std::string& name,
              const std::vector<std::string>& names, const std::string& what) {
  for (size_t i = 0; i < names.size(); ++i)
    if (names[i] == name) return static_cast<int>(i);
  std::string msg = "unknown " + what + " '" + name + "'";
  const std::string near = closest_match(name, names);
  if (!near.empty()) msg += "; did you mean '" + near + "'?";
  std::string expected;
  std::set<std::string> listed;
  for (const auto& n : names) {
    if (!listed.insert(n).second) continue;
    if (listed.size() > kMaxNamesListed) {
      expected += ", ...";
      break;
    }
    expected += (expected.empty() ? "" : ", ") + n;
  }
  r.error(at, path, msg, names.empty() ? "a declared " + what : "one of: " + expected);
  return -1;
}

namespace {

// What reading one tenant collects on the way: the named things (for the duplicate checks at the end) and the
// YAML nodes of the pools (their skills are resolved once every group is known).
struct TenantBuild {
  TenantBuild(const YAML::Node& node, const std::string& p, LoadContext& c) : n(node), path(p), ctx(c), r(c.r) {}
  const YAML::Node& n;
  const std::string& path;
  LoadContext& ctx;
  Reader& r;
  Tenant t;
  std::vector<std::pair<std::string, YAML::Node>> gnames, pnames, tnames, cnames;
  std::vector<std::string> gpaths, ppaths, tpaths, cpaths;
  std::vector<YAML::Node> pool_nodes;
  std::vector<std::string> pool_paths;
  std::vector<std::string> group_names, trunk_names;
  std::vector<bool> staffed;  // per group: some pool serves it (a routed group nobody staffs would queue forever)
};

void read_tenant_settings(TenantBuild& b) {
  Reader& r = b.r;
  const YAML::Node& n = b.n;
  const std::string& path = b.path;
  Tenant& t = b.t;
  if (auto v = child(n, "name"); v.IsDefined()) t.name = r.text(v, path_join(path, "name")).value_or("");
  if (auto v = child(n, "recording_share"); v.IsDefined())
    if (auto p = r.probability(v, path_join(path, "recording_share"))) t.recording_share = *p;
  if (auto v = child(n, "recording_retention_months"); v.IsDefined())
    if (auto c = read_count(r, v, path_join(path, "recording_retention_months"))) {
      if (*c < 1) r.error(v, path_join(path, "recording_retention_months"), "a retention of 0 months", "a whole number >= 1");
      else t.recording_retention_months = *c;
    }
  if (auto v = child(n, "recordings_before_horizon"); v.IsDefined())
    if (auto s = r.text(v, path_join(path, "recordings_before_horizon"))) {
      if (*s != "extrapolate" && *s != "none" && (s->empty() || s->find_first_not_of("0123456789") != std::string::npos))
        r.error(v, path_join(path, "recordings_before_horizon"), "'" + *s + "' is not an estimate",
                "extrapolate, none or a count of recordings stored at the horizon start");
      else t.recordings_before_horizon = *s;
    }
  if (auto v = child(n, "ivr"); v.IsDefined()) t.ivr = read_ivr(v, path_join(path, "ivr"), r);
  if (auto v = child(n, "hours"); v.IsDefined()) read_hours(v, path_join(path, "hours"), r, t.hours);
}

void add_pool(TenantBuild& b, const AgentPool& p, const YAML::Node& node, const std::string& pp) {
  b.t.pools.push_back(p);
  b.pool_nodes.push_back(node);
  b.pool_paths.push_back(pp);
  b.pnames.emplace_back(p.name, child(node, "name"));
  b.ppaths.push_back(path_join(pp, "name"));
}

// Groups, with the single-skill shorthand pools they may declare.
void read_groups(TenantBuild& b) {
  Reader& r = b.r;
  const auto glist = elements(child(b.n, "groups"));
  for (size_t i = 0; i < glist.size(); ++i) {
    const std::string gp = path_index(path_join(b.path, "groups"), i);
    SkillGroup g;
    if (auto v = child(glist[i], "name"); v.IsDefined()) g.name = r.text(v, path_join(gp, "name")).value_or("");
    if (auto v = child(glist[i], "queue_capacity"); v.IsDefined()) {
      if (!(v.IsScalar() && v.Scalar() == "unlimited")) g.queue_capacity = read_count(r, v, path_join(gp, "queue_capacity")).value_or(-1);
    }
    AgentPool p;
    p.name = g.name;
    p.skills = {g.name};
    if (read_staffing(glist[i], gp, b.ctx, p)) {
      add_pool(b, p, glist[i], gp);
    } else if (has(glist[i], "sessions")) {
      r.error(child(glist[i], "sessions"), path_join(gp, "sessions"), "sessions without staffing",
              "agents, staffing or shifts in the same group");
    }
    b.gnames.emplace_back(g.name, child(glist[i], "name"));
    b.gpaths.push_back(path_join(gp, "name"));
    b.t.groups.push_back(g);
  }
  for (const auto& g : b.t.groups) b.group_names.push_back(g.name);
}

// Multi-skill pools.
void read_pools(TenantBuild& b) {
  Reader& r = b.r;
  const auto plist = elements(child(b.n, "agents"));
  for (size_t i = 0; i < plist.size(); ++i) {
    const std::string pp = path_index(path_join(b.path, "agents"), i);
    AgentPool p;
    if (auto v = child(plist[i], "name"); v.IsDefined()) p.name = r.text(v, path_join(pp, "name")).value_or("");
    const auto sk = elements(child(plist[i], "skills"));
    for (size_t k = 0; k < sk.size(); ++k) p.skills.push_back(r.text(sk[k], path_index(path_join(pp, "skills"), k)).value_or(""));
    if (!read_staffing(plist[i], pp, b.ctx, p))
      r.error(plist[i], pp, "agent pool '" + p.name + "' has no staffing", "one of 'agents', 'staffing' or 'shifts'");
    add_pool(b, p, plist[i], pp);
  }
}

// Pool skills -> group indices (a skill listed twice is a typo, not a preference); schedules; staffed groups.
void resolve_pools(TenantBuild& b) {
  for (size_t i = 0; i < b.t.pools.size(); ++i) {
    AgentPool& p = b.t.pools[i];
    const YAML::Node sk = child(b.pool_nodes[i], "skills");
    std::set<std::string> seen_skills;
    for (size_t k = 0; k < p.skills.size(); ++k) {
      const std::string sp = sk.IsDefined() ? path_index(path_join(b.pool_paths[i], "skills"), k) : b.pool_paths[i];
      const YAML::Node at = sk.IsDefined() ? sk[k] : b.pool_nodes[i];
      int gi = find_name(b.r, at, sp, p.skills[k], b.group_names, "skill group");
      if (!seen_skills.insert(p.skills[k]).second)
        b.r.error(at, sp, "skill '" + p.skills[k] + "' listed twice", "each skill once");
      p.skill_index.push_back(gi);
    }
    p.schedule = build_schedule(p, b.ctx.horizon);
    p.break_schedule = build_break_schedule(p, b.ctx.horizon);
    p.max_agents = max_count(p.schedule);
  }
  b.staffed.assign(b.t.groups.size(), false);
  for (const auto& p : b.t.pools)
    for (int gi : p.skill_index)
      if (gi >= 0) b.staffed[static_cast<size_t>(gi)] = true;
}

void read_trunks(TenantBuild& b) {
  Reader& r = b.r;
  const auto tlist = elements(child(b.n, "trunks"));
  for (size_t i = 0; i < tlist.size(); ++i) {
    const std::string tp = path_index(path_join(b.path, "trunks"), i);
    TrunkGroup tg;
    if (auto v = child(tlist[i], "name"); v.IsDefined()) tg.name = r.text(v, path_join(tp, "name")).value_or("");
    if (auto v = child(tlist[i], "channels"); v.IsDefined()) tg.channels = read_count(r, v, path_join(tp, "channels")).value_or(0);
    if (auto v = child(tlist[i], "carrier"); v.IsDefined()) tg.carrier = r.text(v, path_join(tp, "carrier")).value_or("");
    b.t.trunks.push_back(tg);
    b.tnames.emplace_back(tg.name, child(tlist[i], "name"));
    b.tpaths.push_back(path_join(tp, "name"));
  }
  for (const auto& tg : b.t.trunks) b.trunk_names.push_back(tg.name);
}

// Without a route: the group named like the call type, else the tenant's only group.
void default_route(TenantBuild& b, const YAML::Node& cn, const std::string& cp, CallType& c) {
  int gi = -1;
  for (size_t g = 0; g < b.group_names.size(); ++g)
    if (b.group_names[g] == c.name) gi = static_cast<int>(g);
  if (gi < 0 && b.group_names.size() == 1) gi = 0;
  if (gi < 0 && !b.group_names.empty())
    b.r.error(cn, path_join(cp, "route"), "call type '" + c.name + "' has no route",
              "a route: [group, ...] (only a tenant with one group, or a group named like the call type, may omit it)");
  if (gi >= 0) c.route.push_back(RouteStep{b.group_names[static_cast<size_t>(gi)], gi, 0});
}

// Route steps: known, staffed groups, each once, first at once, overflow delays not decreasing.
void resolve_route(TenantBuild& b, const YAML::Node& cn, const std::string& cp, CallType& c) {
  Reader& r = b.r;
  const YAML::Node route = child(cn, "route");
  std::map<std::string, size_t> first_step;  // group -> its first route step (one lookup per step)
  for (size_t k = 0; k < c.route.size(); ++k) {
    RouteStep& st = c.route[k];
    if (!route.IsDefined()) {  // the default route: its group exists; it still needs agents
      if (st.group_index >= 0 && !b.staffed[static_cast<size_t>(st.group_index)])
        r.error(cn, path_join(cp, "route"), "no agents serve group '" + st.group + "' (the default route)",
                "agents/staffing/shifts in the group, or a pool in 'agents' with this skill");
      check_voice_route(r, cn, path_join(cp, "route"), c, st.group_index, b.t.pools);
      continue;
    }
    const std::string sp = path_index(path_join(cp, "route"), k);
    const YAML::Node sn = route[k];
    const YAML::Node gnode = sn.IsMap() && child(sn, "group").IsDefined() ? child(sn, "group") : sn;
    const std::string gpath = sn.IsMap() ? path_join(sp, "group") : sp;
    st.group_index = find_name(r, gnode, gpath, st.group, b.group_names, "skill group");
    if (!first_step.emplace(st.group, k).second)
      r.error(gnode, gpath, "group '" + st.group + "' appears twice in the route", "each group once");
    if (k == 0 && st.after != 0)
      r.error(child(sn, "after"), path_join(sp, "after"), "the first route step must be offered at once",
              "after: 0 (or no 'after') for the first group");
    if (k > 0 && st.after < c.route[k - 1].after)
      r.error(child(sn, "after").IsDefined() ? child(sn, "after") : sn, path_join(sp, "after"),
              "overflow delay " + format_duration(st.after) + " is shorter than the previous step's " +
                  format_duration(c.route[k - 1].after),
              "overflow delays that do not decrease along the route");
    if (st.group_index >= 0 && !b.staffed[static_cast<size_t>(st.group_index)])
      r.error(gnode, gpath, "no agents serve group '" + st.group + "'",
              "agents/staffing/shifts in the group, or a pool in 'agents' with this skill");
    check_voice_route(r, gnode, gpath, c, st.group_index, b.t.pools);
  }
}

// Group names in handle_by_group, the trunk group, the IVR the call type asks for.
void resolve_call_type_refs(TenantBuild& b, const YAML::Node& cn, const std::string& cp, CallType& c) {
  Reader& r = b.r;
  if (auto hb = child(cn, "handle_by_group"); hb.IsDefined() && hb.IsMap())
    for (auto it = hb.begin(); it != hb.end(); ++it)
      find_name(r, it->first, path_join(path_join(cp, "handle_by_group"), it->first.Scalar()), it->first.Scalar(),
                b.group_names, "skill group");
  if (!c.trunk_group_name.empty()) {
    c.trunk_group = find_name(r, child(cn, "trunk_group"), path_join(cp, "trunk_group"), c.trunk_group_name,
                              b.trunk_names, "trunk group");
  } else if (!b.t.trunks.empty()) {
    c.trunk_group = 0;  // the tenant's first trunk group, made explicit
    c.trunk_group_name = b.t.trunks[0].name;
  }
  if (c.channel == Channel::Voice && c.use_ivr && !b.t.ivr.enabled && has(cn, "ivr") &&
      r.boolean(child(cn, "ivr"), path_join(cp, "ivr")).value_or(false))
    r.error(child(cn, "ivr"), path_join(cp, "ivr"), "call type asks for the IVR but the tenant has none",
            "an 'ivr:' section in the tenant");
}

void read_call_types(TenantBuild& b) {
  const auto clist = elements(child(b.n, "call_types"));
  for (size_t i = 0; i < clist.size(); ++i) {
    const std::string cp = path_index(path_join(b.path, "call_types"), i);
    CallType c = read_call_type(clist[i], cp, b.ctx);
    c.hours = b.t.hours;
    if (auto v = child(clist[i], "hours"); v.IsDefined()) read_hours(v, path_join(cp, "hours"), b.r, c.hours);
    if (c.route.empty() && !child(clist[i], "route").IsDefined()) default_route(b, clist[i], cp, c);
    resolve_route(b, clist[i], cp, c);
    resolve_call_type_refs(b, clist[i], cp, c);
    b.t.call_types.push_back(c);
    b.cnames.emplace_back(c.name, child(clist[i], "name"));
    b.cpaths.push_back(path_join(cp, "name"));
  }
}

void read_billing(TenantBuild& b, const YAML::Node& v) {
  Reader& r = b.r;
  const std::string bp = path_join(b.path, "billing");
  if (auto f = child(v, "price_list"); f.IsDefined()) b.t.billing.price_list_file = resolve_model_file(b.ctx, f, path_join(bp, "price_list"));
  if (auto f = child(v, "phone_numbers"); f.IsDefined())
    b.t.billing.phone_numbers = read_count(r, f, path_join(bp, "phone_numbers")).value_or(0);
  for (const char* key : {"licences_paid_from", "rent_paid_from"})
    if (auto f = child(v, key); f.IsDefined())
      if (auto d = r.datetime(f, path_join(bp, key))) {
        if (*d > b.ctx.horizon.start)
          r.error(f, path_join(bp, key), "after the horizon start", "a date on or before the horizon start");
        else (std::string(key) == "rent_paid_from" ? b.t.billing.rent_paid_from : b.t.billing.licences_paid_from) = *d;
      }
}

// Hosts, seats, the SLA binding (its term defaults to the horizon) and billing.
void read_bindings(TenantBuild& b) {
  Reader& r = b.r;
  Tenant& t = b.t;
  if (auto v = child(b.n, "hosts"); v.IsDefined()) {
    const auto hl = elements(v);
    for (size_t i = 0; i < hl.size(); ++i) t.hosts.push_back(r.text(hl[i], path_index(path_join(b.path, "hosts"), i)).value_or(""));
  }
  if (auto v = child(b.n, "seats"); v.IsDefined()) t.seats = read_seats(v, path_join(b.path, "seats"), b.ctx);
  t.sla.service_start = b.ctx.horizon.start;
  t.sla.service_end = b.ctx.horizon.start + static_cast<int64_t>(b.ctx.horizon.length);
  if (auto v = child(b.n, "sla"); v.IsDefined()) t.sla = read_sla(v, path_join(b.path, "sla"), b.ctx);
  if (auto v = child(b.n, "billing"); v.IsDefined()) read_billing(b, v);
}

}  // namespace

Tenant read_tenant(const YAML::Node& n, const std::string& path, LoadContext& ctx) {
  TenantBuild b(n, path, ctx);
  read_tenant_settings(b);
  read_groups(b);
  read_pools(b);
  resolve_pools(b);
  read_trunks(b);
  read_call_types(b);
  check_unique_names(b.r, b.gnames, b.gpaths, "group");
  check_unique_names(b.r, b.pnames, b.ppaths, "agent pool");
  check_unique_names(b.r, b.tnames, b.tpaths, "trunk group");
  check_unique_names(b.r, b.cnames, b.cpaths, "call type");
  read_bindings(b);
  if (auto v = child(b.n, "blending"); v.IsDefined()) b.t.blending = read_blending(v, path_join(b.path, "blending"), b.r);
  if (auto v = child(b.n, "campaigns"); v.IsDefined()) read_campaigns(v, path_join(b.path, "campaigns"), ctx, b.t);
  return std::move(b.t);
}

}  // namespace ccsim::scenario
