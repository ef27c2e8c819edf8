// Writers of a calibration: the scenario YAML and the report (JSON, CSV).
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <sstream>

#include "calibration/calibrate.hpp"
#include "core/time.hpp"

namespace ccsim::calibration {

namespace {

const char* const kDays[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string num(double v, int digits = 6) {
  char b[64];
  std::snprintf(b, sizeof b, "%.*g", digits, v);
  return b;
}

// Scenario names allow letters, digits and _ . : / + -; anything else becomes '_'.
std::string clean_name(const std::string& s) {
  std::string out;
  for (char ch : s) out += std::isalnum(static_cast<unsigned char>(ch)) || std::string("_.:/+-").find(ch) != std::string::npos ? ch : '_';
  return out.empty() ? "calls" : out;
}

std::string dist_yaml(const Distribution& d) {
  switch (d.kind) {
    case Distribution::Kind::Exponential: return "{dist: exponential, mean: " + num(d.mean) + "}";
    case Distribution::Kind::Lognormal: return "{dist: lognormal, mean: " + num(d.mean) + ", cv: " + num(d.cv) + "}";
    case Distribution::Kind::Gamma: return "{dist: gamma, mean: " + num(d.mean) + ", cv: " + num(d.cv) + "}";
    case Distribution::Kind::Weibull: return "{dist: weibull, mean: " + num(d.mean) + ", shape: " + num(d.shape) + "}";
    default: return num(d.mean);
  }
}

std::string time_of_day(double s) {
  char b[16];
  const int m = static_cast<int>(std::lround(s / 60));
  std::snprintf(b, sizeof b, "\"%02d:%02d\"", m / 60, m % 60);
  return b;
}

std::string days_list(const std::vector<int>& wd) {
  std::string s = "[";
  for (size_t i = 0; i < wd.size(); ++i) s += (i ? ", " : "") + std::string(kDays[wd[i]]);
  return s + "]";
}

std::string interval_text(double s) {
  return std::fmod(s, 3600) == 0 ? num(s / 3600) + "h" : num(s / 60) + "min";
}

nlohmann::json fit_json(const Fit& f) {
  return {{"family", f.family}, {"params", {f.a, f.b}}, {"mean", f.dist.expected()}, {"cv", f.dist.cv},
          {"shape", f.dist.shape}, {"loglik", f.loglik}, {"aic", f.aic}, {"bic", f.bic}, {"ks", f.ks},
          {"n", f.n}, {"events", f.events}};
}

}  // namespace

std::string scenario_yaml(const Calibration& c) {
  std::ostringstream y;
  y << "# Calibrated by `ccsim calibrate` from " << c.log_file << " (mapping " << c.mapping_file << ").\n"
    << "# Period " << format_date(date_of_epoch(c.first_day)) << " + " << c.days << " days, " << c.calls
    << " calls. The calibration report (JSON/CSV) holds every fit; docs/calibration.md explains them.\n"
    << "# Arrivals: one scenario call type per (log call type, day type), its day profile the observed mean rate\n"
    << "# per " << interval_text(c.interval) << " slot. Staffing: effective agents (in service while callers waited),\n"
    << "# fractional means kept by splitting each slot to the minute.\n"
    << "# Priorities are not modelled (mild in logs; shares in the report): every call type has priority 0.\n"
    << "name: calibrated-" << clean_name(c.mapping_name) << "\n"
    << "description: calibrated from " << c.calls << " calls of " << clean_name(c.mapping_name) << "\n"
    << "horizon:\n  start: " << format_date(date_of_epoch(c.first_day)) << "T00:00\n  length: " << c.days
    << "d\n  interval: " << interval_text(c.interval == 900 || c.interval == 3600 ? c.interval : 1800) << "\n"
    << "seed: 1\nreplications: 1\ntenants:\n  - name: center\n";
  y << "    ivr:\n";
  if (!c.ivr_fits.empty()) y << "      duration: " << dist_yaml(c.ivr_fits[c.ivr_chosen].dist) << "\n";
  y << "      abandon: "
    << num(c.ivr_abandon) << "   # hung up before queueing (zero queue time in the log)\n";
  y << "    groups:\n      - name: agents\n        shifts:\n";
  int shifts = 0;
  for (size_t dt = 0; dt < c.staffing_mean.size(); ++dt) {
    const auto agents = minute_staffing(c.staffing_mean[dt], c.interval);
    for (size_t s = 0; s < agents.size();) {
      size_t e = s;
      while (e < agents.size() && agents[e] == agents[s]) ++e;
      if (agents[s] > 0) {
        y << "          - {name: " << clean_name(c.day_type_names[dt]) << "-" << s << ", start: "
          << time_of_day(s * 60.0) << ", end: " << time_of_day(e * 60.0) << ", agents: " << agents[s]
          << ", days: " << days_list(c.day_type_weekdays[dt]) << "}\n";
        ++shifts;
      }
      s = e;
    }
  }
  if (shifts == 0) y << "          - {name: none, start: \"00:00\", end: \"24:00\", agents: 0}\n";
  y << "    call_types:\n";
  for (const auto& t : c.types) {
    for (size_t dt = 0; dt < c.day_type_names.size(); ++dt) {
      const double peak = *std::max_element(t.rate[dt].begin(), t.rate[dt].end());
      if (peak <= 0) continue;
      y << "      - name: " << clean_name(t.name) << "." << clean_name(c.day_type_names[dt]) << "\n"
        << "        arrivals:\n          rate: " << num(peak) << "   # calls/h at the busiest slot\n"
        << "          profile_interval: " << interval_text(c.interval) << "\n          day_profile: [";
      for (int s = 0; s < c.slots; ++s) y << (s ? ", " : "") << num(t.rate[dt][s] / peak, 4);
      y << "]\n          weekday_factors: {";
      for (int w = 0; w < 7; ++w) {
        const auto& wd = c.day_type_weekdays[dt];
        y << (w ? ", " : "") << kDays[w] << ": " << (std::find(wd.begin(), wd.end(), w) != wd.end() ? 1 : 0);
      }
      y << "}\n          busyness_cv: " << num(c.busyness_cv, 4) << "\n"
        << "        route: [agents]\n"
        << "        handle: " << dist_yaml(t.service.fits[t.service.chosen].dist) << "\n"
        << "        patience: " << (t.patience.chosen == "none" ? "infinite" : dist_yaml(t.patience.chosen_fit().dist))
        << "\n"
        << "        service_level: {threshold: " << num(c.sl_threshold) << "s, target: 80%}\n";
    }
  }
  return y.str();
}

std::string report_json(const Calibration& c) {
  nlohmann::json j;
  j["log"] = c.log_file;
  j["mapping"] = c.mapping_file;
  j["period"] = {{"first_day", format_date(date_of_epoch(c.first_day))}, {"days", c.days}};
  j["rows"] = {{"read", c.rows}, {"ignored_outcome", c.ignored}, {"skipped_bad", c.skipped}, {"calls", c.calls},
               {"served_without_service_times", c.unknown_service}};
  for (const auto& d : c.skipped_rows) j["skipped_rows"].push_back(d.format());
  j["interval_s"] = c.interval;
  j["criterion"] = c.criterion;
  j["day_types"] = nlohmann::json::array();
  for (size_t dt = 0; dt < c.day_type_names.size(); ++dt)
    j["day_types"].push_back({{"name", c.day_type_names[dt]}, {"days_in_log", c.days_per_type[dt]}});
  j["busyness_cv"] = c.busyness_cv;
  j["ivr"] = {{"abandon_before_queue", c.ivr_abandon},
              {"chosen", c.ivr_fits.empty() ? "none" : c.ivr_fits[c.ivr_chosen].family},
              {"fits", nlohmann::json::array()}};
  for (const auto& f : c.ivr_fits) j["ivr"]["fits"].push_back(fit_json(f));
  j["staffing"] = {{"method", "effective agents: mean number in service while at least one caller waited, when "
                              "callers waited at least " + num(c.min_queue_time) + " s in the slot; else the peak "
                              "number in service; averaged over the days of each day type, rounded"},
                   {"per_day_type", nlohmann::json::object()}};
  for (size_t dt = 0; dt < c.day_type_names.size(); ++dt)
    j["staffing"]["per_day_type"][c.day_type_names[dt]] = {{"mean", c.staffing_mean[dt]}, {"agents", c.staffing[dt]}};
  for (const auto& t : c.types) {
    nlohmann::json tj = {{"name", t.name}, {"calls", t.calls}, {"served", t.served}, {"abandoned", t.abandoned},
                         {"abandoned_zero_wait", t.zero_wait_abandoned}};
    for (const auto& [p, n] : t.priorities) tj["priority_shares"][std::to_string(p)] = static_cast<double>(n) / t.calls;
    for (size_t dt = 0; dt < c.day_type_names.size(); ++dt) tj["rate_per_hour"][c.day_type_names[dt]] = t.rate[dt];
    tj["service"] = {{"n", t.service.n}, {"pooled", t.service.pooled}, {"sample_mean", t.service.sample_mean},
                     {"sample_cv", t.service.sample_cv}, {"chosen", t.service.fits[t.service.chosen].family},
                     {"fits", nlohmann::json::array()}};
    for (const auto& f : t.service.fits) tj["service"]["fits"].push_back(fit_json(f));
    tj["patience"] = {{"n", t.patience.n}, {"events", t.patience.events}, {"pooled", t.patience.pooled},
                      {"method", "censored MLE (served waits censored); the smaller AIC feeds the scenario"},
                      {"chosen", t.patience.chosen}, {"km_median", t.patience.km_median}};
    if (t.patience.events >= 1) tj["patience"]["exponential"] = fit_json(t.patience.exponential);
    if (t.patience.events >= 2) tj["patience"]["lognormal"] = fit_json(t.patience.lognormal);
    nlohmann::json km = nlohmann::json::array();
    for (const auto& s : t.patience.km) km.push_back({s.t, s.at_risk, s.events, s.survival});
    tj["patience"]["kaplan_meier"] = {{"columns", {"t", "at_risk", "events", "survival"}}, {"rows", km}};
    j["call_types"].push_back(tj);
  }
  return j.dump(2) + "\n";
}

std::string report_csv(const Calibration& c) {
  std::ostringstream o;
  o << "quantity,call_type,family,param_a,param_b,mean,cv,loglik,aic,bic,ks,n,events,chosen\n";
  auto row = [&](const std::string& q, const std::string& type, const Fit& f, bool chosen) {
    o << q << "," << type << "," << f.family << "," << num(f.a, 8) << "," << num(f.b, 8) << ","
      << num(f.dist.expected(), 8) << "," << num(f.dist.cv, 6) << "," << num(f.loglik, 10) << "," << num(f.aic, 10)
      << "," << num(f.bic, 10) << "," << num(f.ks, 6) << "," << f.n << "," << f.events << "," << (chosen ? 1 : 0)
      << "\n";
  };
  for (size_t i = 0; i < c.ivr_fits.size(); ++i) row("ivr", "", c.ivr_fits[i], i == c.ivr_chosen);
  for (const auto& t : c.types) {
    for (size_t i = 0; i < t.service.fits.size(); ++i)
      row("service", t.name, t.service.fits[i], i == t.service.chosen);
    if (t.patience.events >= 1) row("patience", t.name, t.patience.exponential, t.patience.chosen == "exponential");
    if (t.patience.events >= 2) row("patience", t.name, t.patience.lognormal, t.patience.chosen == "lognormal");
  }
  return o.str();
}

}  // namespace ccsim::calibration
