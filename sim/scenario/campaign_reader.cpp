// Reads a tenant's outbound campaigns (contacts, attempts, retry delays, outcome probabilities, dialer, calling
// rules) and its blending rules; resolves the campaign's skill group and trunk group. docs/scenario-reference.md
// "Outbound campaigns".
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/time.hpp"
#include "scenario/loader_parts.hpp"
#include "scenario/schema_check.hpp"

namespace ccsim::scenario {

namespace {

const char* const kOutcomeKeys[kNumDialOutcomes] = {"person", "no_answer", "busy", "machine", "invalid"};
const char* const kRetryKeys[6] = {"no_answer", "busy", "machine", "abandoned", "wrong_party", "blocked"};

// "+02:00", "-5h", "+1h30min", "0": a signed offset of the callee's clock from the scenario clock.
std::optional<double> parse_tz_offset(const std::string& s) {
  if (s.empty()) return std::nullopt;
  const double sign = s[0] == '-' ? -1 : 1;
  std::string body = s[0] == '-' || s[0] == '+' ? s.substr(1) : s;
  if (body.size() == 5 && body[2] == ':') {
    if (auto t = parse_time_of_day(body)) return sign * *t;
    return std::nullopt;
  }
  if (auto d = parse_duration(body)) return sign * *d;
  return std::nullopt;
}

std::optional<double> read_offset(Reader& r, const YAML::Node& n, const std::string& path) {
  auto t = r.text(n, path);
  if (!t) return std::nullopt;
  auto o = parse_tz_offset(*t);
  if (!o || std::fabs(*o) > 14 * 3600) {
    r.error(n, path, "'" + *t + "' is not a time-zone offset", "an offset from -14h to +14h such as +02:00 or -5h");
    return std::nullopt;
  }
  return o;
}

// Outcome probabilities: each key 0..1, together exactly 1 (a missing key is 0).
OutcomeMix read_mix(Reader& r, const YAML::Node& n, const std::string& path) {
  OutcomeMix m;
  double sum = 0;
  bool ok = true;
  for (int k = 0; k < kNumDialOutcomes; ++k) {
    m.p[k] = 0;
    if (auto v = child(n, kOutcomeKeys[k]); v.IsDefined()) {
      if (auto p = r.probability(v, path_join(path, kOutcomeKeys[k]))) m.p[k] = *p;
      else ok = false;
    }
    sum += m.p[k];
  }
  if (ok && std::fabs(sum - 1) > 1e-6) {
    std::ostringstream os;
    os << "outcome probabilities sum to " << sum;
    r.error(n, path, os.str(), "person + no_answer + busy + machine + invalid = 1 (100%)");
  }
  return m;
}

std::optional<int> read_small_count(Reader& r, const YAML::Node& n, const std::string& path, long long lo, long long hi) {
  auto v = r.integer(n, path);
  if (!v) return std::nullopt;
  if (*v < lo || *v > hi) {
    r.error(n, path, "count " + n.Scalar() + " is out of range",
            "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi));
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::vector<std::string> read_prefixes(Reader& r, const YAML::Node& n, const std::string& path) {
  std::vector<std::string> out;
  const auto list = elements(n);
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string ip = path_index(path, i);
    auto t = r.text(list[i], ip);
    if (!t) continue;
    if (t->empty() || t->find_first_not_of("+0123456789") != std::string::npos)
      r.error(list[i], ip, "'" + *t + "' is not a number prefix", "digits, optionally after a +, such as +1900");
    else out.push_back(*t);
  }
  return out;
}

// A window of the day: from < to, whole minutes not required (dial decisions are event-driven).
void read_day_window(Reader& r, const YAML::Node& n, const std::string& path, double& from, double& to, bool allow_wrap) {
  std::optional<double> f, t;
  if (auto v = child(n, "from"); v.IsDefined()) f = r.time_of_day(v, path_join(path, "from"));
  if (auto v = child(n, "to"); v.IsDefined()) t = r.time_of_day(v, path_join(path, "to"));
  if (f) from = *f;
  if (t) to = *t;
  if (f && t && (allow_wrap ? *f == *t : *t <= *f))
    r.error(child(n, "to"), path_join(path, "to"), "window ends at or before it starts",
            allow_wrap ? "a 'to' different from 'from'" : "a 'to' after 'from' (callee-local time of one day)");
}

void read_rules(Reader& r, const YAML::Node& n, const std::string& path, CallingRules& rules) {
  const auto wl = elements(child(n, "windows"));
  for (size_t i = 0; i < wl.size(); ++i) {
    const std::string wp = path_index(path_join(path, "windows"), i);
    CallWindow w;
    read_day_window(r, wl[i], wp, w.from, w.to, false);
    if (auto v = child(wl[i], "days"); v.IsDefined()) {
      const auto dl = elements(v);
      static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
      for (int d = 0; d < 7; ++d) w.days[d] = dl.empty();
      for (size_t k = 0; k < dl.size(); ++k) {
        auto t = r.text(dl[k], path_index(path_join(wp, "days"), k));
        if (!t) continue;
        int found = -1;
        for (int d = 0; d < 7; ++d)
          if (*t == kDays[d]) found = d;
        if (found < 0) r.error(dl[k], path_index(path_join(wp, "days"), k), "unknown day '" + *t + "'", "mon, tue, wed, thu, fri, sat or sun");
        else w.days[found] = true;
      }
    }
    rules.windows.push_back(w);
  }
  if (auto v = child(n, "attempts_per_day"); v.IsDefined())
    if (auto c = read_small_count(r, v, path_join(path, "attempts_per_day"), 1, 1000)) rules.attempts_per_day = *c;
  if (auto v = child(n, "number_cap"); v.IsDefined()) {
    const std::string np = path_join(path, "number_cap");
    if (auto c = child(v, "calls"); c.IsDefined())
      if (auto k = read_small_count(r, c, path_join(np, "calls"), 1, 1000)) rules.number_cap_calls = *k;
    if (auto p = child(v, "period"); p.IsDefined())
      if (auto d = r.duration(p, path_join(np, "period"))) {
        if (*d <= 0) r.error(p, path_join(np, "period"), "a period of zero", "a duration > 0 such as 7d");
        else rules.number_cap_period = *d;
      }
  }
  if (auto v = child(n, "allowed_prefixes"); v.IsDefined()) rules.allowed_prefixes = read_prefixes(r, v, path_join(path, "allowed_prefixes"));
  if (auto v = child(n, "denied_prefixes"); v.IsDefined()) rules.denied_prefixes = read_prefixes(r, v, path_join(path, "denied_prefixes"));
  if (auto v = child(n, "abnormal_stop"); v.IsDefined()) {
    const std::string ap = path_join(path, "abnormal_stop");
    AbnormalStop& s = rules.abnormal_stop;
    s.enabled = true;
    if (auto x = child(v, "abandon_rate_above"); x.IsDefined())
      if (auto p = r.probability(x, path_join(ap, "abandon_rate_above"))) s.abandon_rate_above = *p;
    if (auto x = child(v, "min_connects"); x.IsDefined())
      if (auto c = read_small_count(r, x, path_join(ap, "min_connects"), 1, 1000000)) s.min_connects = *c;
    for (const char* key : {"window", "stop_for"})
      if (auto x = child(v, key); x.IsDefined())
        if (auto d = r.duration(x, path_join(ap, key))) {
          if (*d <= 0) r.error(x, path_join(ap, key), "a duration of zero", "a duration > 0");
          else (std::string(key) == "window" ? s.window : s.stop_for) = *d;
        }
  }
}

void read_dialer(Reader& r, const YAML::Node& n, const std::string& path, DialerSpec& d) {
  if (auto v = child(n, "mode"); v.IsDefined())
    if (auto t = r.text(v, path_join(path, "mode"))) {
      if (*t == "preview") d.mode = DialerMode::Preview;
      else if (*t == "progressive") d.mode = DialerMode::Progressive;
      else if (*t == "predictive") d.mode = DialerMode::Predictive;
      else r.error(v, path_join(path, "mode"), "unknown dialer mode '" + *t + "'", "preview, progressive or predictive");
    }
  if (auto v = child(n, "preview_time"); v.IsDefined())
    if (auto x = r.duration(v, path_join(path, "preview_time"))) d.preview_time = *x;
  for (const char* key : {"lines_per_agent", "max_lines_per_agent"})
    if (auto v = child(n, key); v.IsDefined())
      if (auto x = r.number(v, path_join(path, key))) {
        if (*x < 1 || *x > 20) r.error(v, path_join(path, key), "pacing " + v.Scalar() + " is out of range", "a ratio from 1 to 20 lines per agent");
        else (std::string(key) == "lines_per_agent" ? d.lines_per_agent : d.max_lines_per_agent) = *x;
      }
  if (d.lines_per_agent > d.max_lines_per_agent)
    r.error(child(n, "lines_per_agent"), path_join(path, "lines_per_agent"), "starting pacing above max_lines_per_agent",
            "lines_per_agent <= max_lines_per_agent");
  if (auto v = child(n, "abandon_limit"); v.IsDefined())
    if (auto p = r.probability(v, path_join(path, "abandon_limit"))) {
      if (*p <= 0) r.error(v, path_join(path, "abandon_limit"), "an abandon limit of 0", "a share > 0 such as 3%");
      else d.abandon_limit = *p;
    }
  if (auto v = child(n, "abandon_base"); v.IsDefined())
    if (auto t = r.text(v, path_join(path, "abandon_base"))) {
      if (*t == "connects") d.abandon_base = AbandonBase::Connects;
      else if (*t == "answered") d.abandon_base = AbandonBase::Answered;
      else r.error(v, path_join(path, "abandon_base"), "unknown reading '" + *t + "'", "connects or answered");
    }
  if (auto v = child(n, "compliance_window"); v.IsDefined())
    if (auto x = r.duration(v, path_join(path, "compliance_window"))) d.compliance_window = *x;
  if (auto v = child(n, "recorded_message"); v.IsDefined())
    if (auto b = r.boolean(v, path_join(path, "recorded_message"))) d.recorded_message = *b;
  if (auto v = child(n, "message_length"); v.IsDefined())
    if (auto x = r.duration(v, path_join(path, "message_length"))) d.message_length = *x;
}

// contacts_file: CSV with a header naming `tz_offset` and/or `prefix` (other columns ignored); one contact a row.
std::vector<Contact> read_contacts_file(LoadContext& ctx, const std::string& file, const std::string& path) {
  std::vector<Contact> out;
  std::ifstream in(file, std::ios::binary);
  std::string line;
  int tz_col = -1, prefix_col = -1, lineno = 0;
  auto fail = [&](int line_no, int col, const std::string& msg, const std::string& exp) {
    ctx.r.diagnostics().add(SourceLoc{file, line_no, col}, path, msg, exp);
  };
  auto split = [](const std::string& s) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream is(s);
    while (std::getline(is, cell, ',')) cells.push_back(cell);
    if (!s.empty() && s.back() == ',') cells.emplace_back();
    return cells;
  };
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto cells = split(line);
    if (lineno == 1) {
      for (size_t i = 0; i < cells.size(); ++i) {
        if (cells[i] == "tz_offset") tz_col = static_cast<int>(i);
        if (cells[i] == "prefix") prefix_col = static_cast<int>(i);
      }
      if (tz_col < 0 && prefix_col < 0) {
        fail(1, 1, "no tz_offset or prefix column in the header", "a CSV header naming tz_offset and/or prefix");
        return {};
      }
      continue;
    }
    if (line.empty()) continue;
    Contact c;
    int col = 1;
    for (size_t i = 0; i < cells.size(); ++i) {
      if (static_cast<int>(i) == tz_col && !cells[i].empty()) {
        auto o = parse_tz_offset(cells[i]);
        if (!o || std::fabs(*o) > 14 * 3600) {
          fail(lineno, col, "'" + cells[i] + "' is not a time-zone offset", "an offset from -14h to +14h such as +02:00");
          return {};
        }
        c.tz_offset = *o;
      }
      if (static_cast<int>(i) == prefix_col) {
        if (cells[i].find_first_not_of("+0123456789") != std::string::npos) {
          fail(lineno, col, "'" + cells[i] + "' is not a number", "digits, optionally after a +");
          return {};
        }
        c.prefix = cells[i];
      }
      col += static_cast<int>(cells[i].size()) + 1;
    }
    out.push_back(c);
  }
  if (out.empty() && lineno > 0) fail(1, 1, "the contact list has no contacts", "one contact per line after the header");
  return out;
}

Campaign read_campaign(const YAML::Node& n, const std::string& path, LoadContext& ctx, const Tenant& t) {
  Reader& r = ctx.r;
  Campaign c;
  if (auto v = child(n, "name"); v.IsDefined()) c.name = r.text(v, path_join(path, "name")).value_or("");
  double tz = 0;
  if (auto v = child(n, "time_zone"); v.IsDefined()) tz = read_offset(r, v, path_join(path, "time_zone")).value_or(0);
  std::string prefix;
  if (auto v = child(n, "prefix"); v.IsDefined())
    if (auto p = r.text(v, path_join(path, "prefix"))) {
      if (p->empty() || p->find_first_not_of("+0123456789") != std::string::npos)
        r.error(v, path_join(path, "prefix"), "'" + *p + "' is not a number prefix", "digits, optionally after a +");
      else prefix = *p;
    }
  const bool has_count = has(n, "contacts"), has_file = has(n, "contacts_file");
  if (has_count == has_file)
    r.error(n, path, has_count ? "both contacts and contacts_file" : "campaign '" + c.name + "' has no contacts",
            "either contacts: N or contacts_file: FILE.csv");
  if (has_count)
    if (auto k = read_small_count(r, child(n, "contacts"), path_join(path, "contacts"), 1, 10000000))
      c.contacts.assign(static_cast<size_t>(*k), Contact{tz, prefix});
  if (has_file) {
    c.contacts_file = resolve_model_file(ctx, child(n, "contacts_file"), path_join(path, "contacts_file"));
    if (!c.contacts_file.empty()) c.contacts = read_contacts_file(ctx, c.contacts_file, path_join(path, "contacts_file"));
  }
  if (auto v = child(n, "attempts"); v.IsDefined())
    if (auto k = read_small_count(r, v, path_join(path, "attempts"), 1, 100)) c.attempts = *k;
  if (auto v = child(n, "retry_delay"); v.IsDefined())
    for (int k = 0; k < 6; ++k)
      if (auto d = child(v, kRetryKeys[k]); d.IsDefined())
        if (auto x = r.distribution(d, path_join(path_join(path, "retry_delay"), kRetryKeys[k]))) c.retry_delay[k] = *x;
  if (auto v = child(n, "outcomes"); v.IsDefined()) c.outcomes = read_mix(r, v, path_join(path, "outcomes"));
  const auto hl = elements(child(n, "outcomes_by_hour"));
  for (size_t i = 0; i < hl.size(); ++i) {
    const std::string hp = path_index(path_join(path, "outcomes_by_hour"), i);
    OutcomeWindow w;
    read_day_window(r, hl[i], hp, w.from, w.to, true);
    w.mix = read_mix(r, child(hl[i], "outcomes"), path_join(hp, "outcomes"));
    c.outcomes_by_hour.push_back(w);
  }
  for (const char* key : {"ring_time", "no_answer_time", "handle", "wrapup"})
    if (auto v = child(n, key); v.IsDefined())
      if (auto d = r.distribution(v, path_join(path, key))) {
        const std::string k = key;
        (k == "ring_time" ? c.ring_time : k == "no_answer_time" ? c.no_answer_time : k == "handle" ? c.handle : c.wrapup) = *d;
      }
  if (auto v = child(n, "signal_time"); v.IsDefined())
    if (auto x = r.duration(v, path_join(path, "signal_time"))) c.signal_time = *x;
  if (auto v = child(n, "right_party"); v.IsDefined())
    if (auto p = r.probability(v, path_join(path, "right_party"))) c.right_party = *p;
  if (auto v = child(n, "dialer"); v.IsDefined()) read_dialer(r, v, path_join(path, "dialer"), c.dialer);
  if (auto v = child(n, "rules"); v.IsDefined()) read_rules(r, v, path_join(path, "rules"), c.rules);
  const double len = ctx.horizon.length;
  if (auto v = child(n, "start"); v.IsDefined())
    if (auto x = r.duration(v, path_join(path, "start"))) {
      if (*x >= len) r.error(v, path_join(path, "start"), "campaign starts after the horizon", "an offset shorter than the horizon");
      else c.start = *x;
    }
  if (auto v = child(n, "end"); v.IsDefined())
    if (auto x = r.duration(v, path_join(path, "end"))) {
      if (*x <= c.start) r.error(v, path_join(path, "end"), "campaign ends before it starts", "an offset after 'start'");
      else c.end = std::min(*x, len);
    }

  // Names: the skill group must exist and be staffed by whole (voice) agents; the trunk group must exist.
  std::vector<std::string> groups, trunks;
  for (const auto& g : t.groups) groups.push_back(g.name);
  for (const auto& tg : t.trunks) trunks.push_back(tg.name);
  if (auto v = child(n, "group"); v.IsDefined()) {
    c.group = r.text(v, path_join(path, "group")).value_or("");
    c.group_index = find_name(r, v, path_join(path, "group"), c.group, groups, "skill group");
    bool staffed = false;
    for (const auto& p : t.pools)
      for (int gi : p.skill_index)
        if (gi == c.group_index && c.group_index >= 0) {
          staffed = true;
          if (p.sessions > 1)
            r.error(v, path_join(path, "group"), "campaign group '" + c.group + "' is served by chat pool '" + p.name + "'",
                    "a group whose pools have sessions: 1 (an outbound call needs a whole agent)");
        }
    if (c.group_index >= 0 && !staffed)
      r.error(v, path_join(path, "group"), "no agents serve group '" + c.group + "'", "a pool with this skill");
  }
  if (auto v = child(n, "trunk_group"); v.IsDefined()) {
    c.trunk_group_name = r.text(v, path_join(path, "trunk_group")).value_or("");
    c.trunk_group = find_name(r, v, path_join(path, "trunk_group"), c.trunk_group_name, trunks, "trunk group");
  } else if (!t.trunks.empty()) {
    c.trunk_group = 0;
    c.trunk_group_name = t.trunks[0].name;
  }
  return c;
}

}  // namespace

void read_campaigns(const YAML::Node& n, const std::string& path, LoadContext& ctx, Tenant& t) {
  std::vector<std::pair<std::string, YAML::Node>> names;
  std::vector<std::string> paths;
  const auto list = elements(n);
  for (size_t i = 0; i < list.size(); ++i) {
    const std::string cp = path_index(path, i);
    t.campaigns.push_back(read_campaign(list[i], cp, ctx, t));
    names.emplace_back(t.campaigns.back().name, child(list[i], "name"));
    paths.push_back(path_join(cp, "name"));
  }
  check_unique_names(ctx.r, names, paths, "campaign");
}

Blending read_blending(const YAML::Node& n, const std::string& path, Reader& r) {
  Blending b;
  if (auto v = child(n, "keep_free"); v.IsDefined())
    if (auto k = read_small_count(r, v, path_join(path, "keep_free"), 0, 1000000)) b.keep_free = *k;
  if (auto v = child(n, "stop_queue_above"); v.IsDefined())
    if (auto k = read_small_count(r, v, path_join(path, "stop_queue_above"), 0, 1000000)) b.stop_queue_above = *k;
  if (auto v = child(n, "resume_queue_below"); v.IsDefined())
    if (auto k = read_small_count(r, v, path_join(path, "resume_queue_below"), 0, 1000000)) b.resume_queue_below = *k;
  if (b.stop_queue_above >= 0 && has(n, "resume_queue_below") && b.resume_queue_below > b.stop_queue_above)
    r.error(child(n, "resume_queue_below"), path_join(path, "resume_queue_below"),
            "resumes above the stop threshold", "resume_queue_below <= stop_queue_above (hysteresis)");
  if (b.stop_queue_above >= 0 && !has(n, "resume_queue_below")) b.resume_queue_below = b.stop_queue_above;
  if (auto v = child(n, "stop_service_level_below"); v.IsDefined())
    if (auto p = r.probability(v, path_join(path, "stop_service_level_below"))) b.stop_sl_below = *p;
  if (auto v = child(n, "resume_service_level_above"); v.IsDefined())
    if (auto p = r.probability(v, path_join(path, "resume_service_level_above"))) b.resume_sl_above = *p;
  if (b.stop_sl_below >= 0 && !has(n, "resume_service_level_above")) b.resume_sl_above = b.stop_sl_below;
  if (b.stop_sl_below >= 0 && has(n, "resume_service_level_above") && b.resume_sl_above < b.stop_sl_below)
    r.error(child(n, "resume_service_level_above"), path_join(path, "resume_service_level_above"),
            "resumes below the stop threshold", "resume_service_level_above >= stop_service_level_below (hysteresis)");
  return b;
}

}  // namespace ccsim::scenario
