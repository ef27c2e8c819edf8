// The resolved scenario as JSON: every field of the Scenario struct after defaults and name resolution, so an
// output file records exactly what was simulated (dates as ISO text, times in seconds).
#include <nlohmann/json.hpp>

#include "core/time.hpp"
#include "scenario/loader.hpp"

namespace ccsim {

namespace {

using J = nlohmann::ordered_json;

J dist_json(const Distribution& d) {
  J j;
  j["dist"] = Distribution::kind_name(d.kind);
  switch (d.kind) {
    case Distribution::Kind::Constant: j["value"] = d.mean; break;
    case Distribution::Kind::Exponential: j["mean"] = d.mean; break;
    case Distribution::Kind::Lognormal:
    case Distribution::Kind::Gamma:
      j["mean"] = d.mean;
      j["cv"] = d.cv;
      break;
    case Distribution::Kind::Weibull:
      j["mean"] = d.mean;
      j["shape"] = d.shape;
      break;
    case Distribution::Kind::Uniform:
      j["min"] = d.lo;
      j["max"] = d.hi;
      break;
    case Distribution::Kind::Empirical:
      j["values"] = d.values;
      j["cumulative"] = d.cumulative;
      j["interpolate"] = d.interpolate;
      j["mean"] = d.mean;
      break;
  }
  return j;
}

J retrial_json(const Retrial& r) {
  return J{{"probability", r.probability}, {"delay", dist_json(r.delay)}, {"max_attempts", r.max_attempts}};
}

J window_json(int64_t from, int64_t to) { return J{{"from", format_datetime(from)}, {"to", format_datetime(to)}}; }

J hours_json(const OpeningHours& h) {
  static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  J windows = J::array();
  for (const auto& w : h.windows) {
    J days = J::array();
    for (int d = 0; d < 7; ++d)
      if (w.days[d]) days.push_back(kDays[d]);
    windows.push_back(J{{"days", days}, {"open", w.open}, {"close", w.close}});
  }
  return J{{"windows", windows}, {"at_close", h.at_close == AtClose::Cut ? "cut" : "drain"}};
}

J call_type_json(const CallType& c) {
  J a;
  a["rate_per_hour"] = c.arrivals.rate_per_hour;
  a["profile_interval"] = c.arrivals.profile_interval;
  a["day_profile"] = c.arrivals.day_profile;
  a["weekday_factor"] = std::vector<double>(c.arrivals.weekday_factor, c.arrivals.weekday_factor + 7);
  J ov = J::array();
  for (const auto& o : c.arrivals.overrides) {
    J x = window_json(o.from, o.to);
    x["factor"] = o.factor;
    x["label"] = o.label;
    ov.push_back(x);
  }
  a["overrides"] = ov;
  J bu = J::array();
  for (const auto& b : c.arrivals.bursts) {
    J x = window_json(b.from, b.to);
    x["extra_per_hour"] = b.extra_per_hour;
    x["announced"] = b.announced;
    x["label"] = b.label;
    bu.push_back(x);
  }
  a["bursts"] = bu;
  a["busyness_cv"] = c.arrivals.busyness_cv;
  J route = J::array();
  for (const auto& s : c.route) route.push_back(J{{"group", s.group}, {"group_index", s.group_index}, {"after", s.after}});
  J hbg = J::object();
  for (const auto& [g, d] : c.handle_by_group) hbg[g] = dist_json(d);
  J j;
  j["name"] = c.name;
  j["channel"] = c.channel == Channel::Chat ? "chat" : "voice";
  j["arrivals"] = a;
  j["route"] = route;
  j["priority"] = c.priority;
  j["handle"] = dist_json(c.handle);
  j["handle_by_group"] = hbg;
  j["wrapup"] = dist_json(c.wrapup);
  j["patience"] = c.patience ? dist_json(*c.patience) : J("infinite");
  j["retrial_abandoned"] = retrial_json(c.retrial_abandoned);
  j["retrial_blocked"] = retrial_json(c.retrial_blocked);
  j["sl_threshold"] = c.sl_threshold;
  j["sl_target"] = c.sl_target;
  j["use_ivr"] = c.use_ivr;
  j["trunk_group"] = c.trunk_group;
  j["trunk_group_name"] = c.trunk_group_name;
  j["hours"] = hours_json(c.hours);
  return j;
}

J pool_json(const AgentPool& p) {
  J shifts = J::array();
  for (const auto& s : p.shifts) {
    J br = J::array();
    for (const auto& b : s.breaks) br.push_back(J{{"at", b.at}, {"length", b.length}, {"agents", b.agents}});
    shifts.push_back(J{{"name", s.name},
                       {"start", s.start},
                       {"end", s.end},
                       {"agents", s.agents},
                       {"days", std::vector<bool>(s.days, s.days + 7)},
                       {"breaks", br},
                       {"from", s.from_date ? J(format_datetime(s.from_date)) : J(nullptr)},
                       {"to", s.to_date ? J(format_datetime(s.to_date)) : J(nullptr)}});
  }
  J sched = J::array();
  for (const auto& [t, c] : p.schedule) sched.push_back(J::array({t, c}));
  return J{{"name", p.name},         {"skills", p.skills},     {"skill_index", p.skill_index},
           {"constant", p.constant}, {"counts_interval", p.counts_interval}, {"counts", p.counts},
           {"shifts", shifts},       {"schedule", sched},      {"max_agents", p.max_agents},
           {"sessions", p.sessions},
           {"session_slowdown", p.session_slowdown}};
}

J mix_json(const OutcomeMix& m) {
  return J{{"person", m.p[0]}, {"no_answer", m.p[1]}, {"busy", m.p[2]}, {"machine", m.p[3]}, {"invalid", m.p[4]}};
}

J campaigns_json(const std::vector<Campaign>& cs) {
  static const char* kModes[] = {"preview", "progressive", "predictive"};
  static const char* kRetry[] = {"no_answer", "busy", "machine", "abandoned", "wrong_party", "blocked"};
  J out = J::array();
  for (const auto& c : cs) {
    J retry = J::object();
    for (int k = 0; k < 6; ++k) retry[kRetry[k]] = dist_json(c.retry_delay[k]);
    J by_hour = J::array();
    for (const auto& w : c.outcomes_by_hour) by_hour.push_back(J{{"from", w.from}, {"to", w.to}, {"outcomes", mix_json(w.mix)}});
    const DialerSpec& d = c.dialer;
    const CallingRules& r = c.rules;
    J windows = J::array();
    static const char* kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (const auto& w : r.windows) {
      J days = J::array();
      for (int d = 0; d < 7; ++d)
        if (w.days[d]) days.push_back(kDays[d]);
      windows.push_back(J{{"days", days}, {"from", w.from}, {"to", w.to}});
    }
    out.push_back(J{{"name", c.name}, {"group", c.group}, {"trunk_group", c.trunk_group_name},
                    {"contacts", c.contacts.size()}, {"contacts_file", c.contacts_file}, {"attempts", c.attempts},
                    {"retry_delay", retry}, {"outcomes", mix_json(c.outcomes)}, {"outcomes_by_hour", by_hour},
                    {"ring_time", dist_json(c.ring_time)}, {"no_answer_time", dist_json(c.no_answer_time)},
                    {"signal_time", c.signal_time}, {"right_party", c.right_party}, {"handle", dist_json(c.handle)},
                    {"wrapup", dist_json(c.wrapup)}, {"start", c.start}, {"end", c.end},
                    {"dialer", J{{"mode", kModes[static_cast<int>(d.mode)]}, {"preview_time", d.preview_time},
                                 {"lines_per_agent", d.lines_per_agent}, {"max_lines_per_agent", d.max_lines_per_agent},
                                 {"abandon_limit", d.abandon_limit},
                                 {"abandon_base", d.abandon_base == AbandonBase::Connects ? "connects" : "answered"},
                                 {"compliance_window", d.compliance_window}, {"recorded_message", d.recorded_message},
                                 {"message_length", d.message_length}}},
                    {"rules", J{{"windows", windows}, {"attempts_per_day", r.attempts_per_day},
                                {"number_cap_calls", r.number_cap_calls}, {"number_cap_period", r.number_cap_period},
                                {"allowed_prefixes", r.allowed_prefixes}, {"denied_prefixes", r.denied_prefixes},
                                {"abnormal_stop", J{{"enabled", r.abnormal_stop.enabled},
                                                    {"abandon_rate_above", r.abnormal_stop.abandon_rate_above},
                                                    {"min_connects", r.abnormal_stop.min_connects},
                                                    {"window", r.abnormal_stop.window},
                                                    {"stop_for", r.abnormal_stop.stop_for}}}}}});
  }
  return out;
}

J tenant_json(const Tenant& t) {
  J j;
  j["name"] = t.name;
  J cts = J::array();
  for (const auto& c : t.call_types) cts.push_back(call_type_json(c));
  j["call_types"] = cts;
  J groups = J::array();
  for (const auto& g : t.groups) groups.push_back(J{{"name", g.name}, {"queue_capacity", g.queue_capacity}});
  j["groups"] = groups;
  J pools = J::array();
  for (const auto& p : t.pools) pools.push_back(pool_json(p));
  j["pools"] = pools;
  J trunks = J::array();
  for (const auto& tg : t.trunks) trunks.push_back(J{{"name", tg.name}, {"channels", tg.channels}, {"carrier", tg.carrier}});
  j["trunks"] = trunks;
  j["ivr"] = J{{"enabled", t.ivr.enabled},
               {"duration", dist_json(t.ivr.duration)},
               {"self_service", t.ivr.self_service},
               {"abandon", t.ivr.abandon},
               {"transfer_fail", t.ivr.transfer_fail}};
  j["hosts"] = t.hosts;
  J changes = J::array();
  for (const auto& c : t.seats.changes) changes.push_back(J{{"at", format_datetime(c.at)}, {"seats", c.seats}});
  const AutoscalePolicy& a = t.seats.autoscale;
  j["seats"] = J{{"enabled", t.seats.enabled},
                 {"standard", t.seats.standard},
                 {"advanced", t.seats.advanced},
                 {"admins", t.seats.admins},
                 {"changes", changes},
                 {"autoscale", J{{"enabled", a.enabled},
                                 {"metric", a.metric},
                                 {"scale_out_above", a.scale_out_above},
                                 {"scale_in_below", a.scale_in_below},
                                 {"window", a.window},
                                 {"cooldown", a.cooldown},
                                 {"step", a.step},
                                 {"min_seats", a.min_seats},
                                 {"max_seats", a.max_seats},
                                 {"provisioning_delay", a.provisioning_delay}}},
                 {"self_service_limit", t.seats.self_service_limit},
                 {"large_change", t.seats.large_change},
                 {"ticket_delay", t.seats.ticket_delay},
                 {"self_service_delay", t.seats.self_service_delay}};
  J notices = J::array();
  for (const auto& [f, to] : t.sla.qps_notices) notices.push_back(window_json(f, to));
  j["sla"] = J{{"contract_file", t.sla.contract_file},
               {"service_start", format_datetime(t.sla.service_start)},
               {"service_end", format_datetime(t.sla.service_end)},
               {"qps_notices", notices},
               {"monthly_fee", t.sla.monthly_fee ? J(*t.sla.monthly_fee) : J(nullptr)},
               {"prior_fees_12m", t.sla.prior_fees_12m},
               {"term_given", t.sla.term_given},
               {"outside_horizon", t.sla.outside_horizon},
               {"deductions", t.sla.deductions}};
  j["billing"] = J{{"price_list_file", t.billing.price_list_file}, {"phone_numbers", t.billing.phone_numbers},
                   {"licences_paid_from", t.billing.licences_paid_from ? J(format_datetime(*t.billing.licences_paid_from)) : J(nullptr)},
                   {"rent_paid_from", t.billing.rent_paid_from ? J(format_datetime(*t.billing.rent_paid_from)) : J(nullptr)}};
  j["recording_share"] = t.recording_share;
  j["recording_retention_months"] = t.recording_retention_months;
  j["recordings_before_horizon"] = t.recordings_before_horizon;
  j["hours"] = hours_json(t.hours);
  if (!t.campaigns.empty()) {  // only then: inbound-only scenarios keep their recorded JSON unchanged
    j["campaigns"] = campaigns_json(t.campaigns);
    const Blending& b = t.blending;
    j["blending"] = J{{"keep_free", b.keep_free}, {"stop_queue_above", b.stop_queue_above},
                      {"resume_queue_below", b.resume_queue_below}, {"stop_service_level_below", b.stop_sl_below},
                      {"resume_service_level_above", b.resume_sl_above}};
  }
  return j;
}

J platform_json(const PlatformSpec& p) {
  J sites = J::array(), hosts = J::array(), links = J::array();
  for (const auto& s : p.sites) sites.push_back(J{{"name", s.name}, {"mtbf", s.mtbf}, {"mttr", s.mttr}});
  for (const auto& h : p.hosts)
    hosts.push_back(J{{"name", h.name},         {"site", h.site},     {"labels", h.labels},
                      {"cps_limit", h.cps_limit}, {"max_concurrent", h.max_concurrent}, {"speed", h.speed},
                      {"memory_gb", h.memory_gb}, {"mtbf", h.mtbf},     {"mttr", h.mttr},
                      {"standby", h.standby}});
  for (const auto& l : p.links)
    links.push_back(J{{"name", l.name}, {"from", l.from_site}, {"to", l.to_site}, {"bandwidth", l.bandwidth},
                      {"latency", l.latency}, {"mtbf", l.mtbf}, {"mttr", l.mttr}});
  const FailoverSpec& f = p.failover;
  return J{{"enabled", p.enabled},
           {"source", p.source},
           {"sites", sites},
           {"hosts", hosts},
           {"links", links},
           {"failover", J{{"enabled", f.enabled},
                          {"heartbeat", f.heartbeat},
                          {"misses", f.misses},
                          {"cold_restart", f.cold_restart},
                          {"dirty_page_rate", f.dirty_page_rate},
                          {"keep_media_share", f.keep_media_share},
                          {"redial_probability", f.redial_probability},
                          {"redial_delay", dist_json(f.redial_delay)},
                          {"prefer_same_site", f.prefer_same_site}}},
           {"degraded_fail_share", p.degraded_fail_share},
           {"balancing", p.balancing}};
}

const char* drill_kind_name(DrillKind k) {
  switch (k) {
    case DrillKind::Crash: return "crash";
    case DrillKind::Partition: return "partition";
    case DrillKind::Degrade: return "degrade";
    case DrillKind::TrunkOutage: return "trunk_outage";
    case DrillKind::Overload: return "overload";
    case DrillKind::Maintenance: return "maintenance";
    case DrillKind::CustomerSide: return "customer_side";
  }
  return "?";
}

}  // namespace

std::string scenario_to_json(const Scenario& s, int indent) {
  J j;
  j["file"] = s.file;
  j["file_hash"] = s.file_hash;
  j["name"] = s.name;
  j["description"] = s.description;
  j["horizon"] = J{{"start", format_datetime(s.horizon.start)},
                   {"length", s.horizon.length},
                   {"interval", s.horizon.interval},
                   {"warmup", s.horizon.warmup},
                   {"drain_limit", s.horizon.drain_limit}};
  j["seed"] = s.seed;
  j["replications"] = s.replications;
  J tenants = J::array();
  for (const auto& t : s.tenants) tenants.push_back(tenant_json(t));
  j["tenants"] = tenants;
  j["platform"] = platform_json(s.platform);
  J drills = J::array();
  for (const auto& d : s.drills)
    drills.push_back(J{{"name", d.name},
                       {"start", format_datetime(d.start)},
                       {"target_kind", d.target_kind},
                       {"target", d.target},
                       {"kind", d.kind == DrillKind::CustomerSide ? d.customer_cause.c_str() : drill_kind_name(d.kind)},
                       {"duration", d.duration},
                       {"blast_count", d.blast_count},
                       {"blast_share", d.blast_share},
                       {"fail_share", d.fail_share},
                       {"added_latency", d.added_latency},
                       {"extra_per_hour", d.extra_per_hour},
                       {"announced", d.announced},
                       {"migrate_live", d.migrate_live}});
  j["drills"] = drills;
  J hyps = J::array();
  for (const auto& h : s.hypotheses)
    hyps.push_back(J{{"name", h.name}, {"metric", h.metric}, {"op", h.op}, {"value", h.value}, {"scope", h.scope},
                     {"tenant", h.tenant}});
  j["hypotheses"] = hyps;
  return j.dump(indent);
}

}  // namespace ccsim
