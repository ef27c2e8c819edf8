#include "calibration/calibrate.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/time.hpp"

namespace ccsim::calibration {

double SlotActivity::effective(double min_queue_time) const {
  if (queue_time >= min_queue_time) return busy_while_queue / queue_time;
  return std::max(peak_busy, agents_seen);
}

std::vector<std::vector<SlotActivity>> agent_activity(const CallLog& log, int64_t first_day, int days,
                                                      double interval, double /*min_queue_time*/) {
  const int slots = static_cast<int>(std::lround(kDay / interval));
  std::vector<std::vector<SlotActivity>> out(static_cast<size_t>(days), std::vector<SlotActivity>(slots));
  struct Ev { double t; int dq, db; };
  std::vector<Ev> ev;
  for (const auto& c : log.calls) {
    if (c.wait > 0) {
      const double qs = static_cast<double>(c.arrival) + c.ivr;
      ev.push_back({qs, +1, 0});
      ev.push_back({qs + c.wait, -1, 0});
    }
    if (c.outcome == LogOutcome::Served && c.agent >= 0 && c.service > 0) {
      ev.push_back({c.service_start, 0, +1});
      ev.push_back({c.service_start + c.service, 0, -1});
    }
  }
  std::sort(ev.begin(), ev.end(), [](const Ev& a, const Ev& b) { return a.t < b.t; });
  std::vector<std::vector<std::set<int>>> seen(static_cast<size_t>(days), std::vector<std::set<int>>(slots));
  for (const auto& c : log.calls) {
    if (c.outcome != LogOutcome::Served || c.agent < 0) continue;
    const double off = c.service_start - static_cast<double>(first_day);
    if (off < 0 || off >= days * kDay) continue;
    const long k = static_cast<long>(off / interval);
    seen[static_cast<size_t>(k / slots)][static_cast<size_t>(k % slots)].insert(c.agent);
  }
  for (int d = 0; d < days; ++d)
    for (int s = 0; s < slots; ++s) out[d][s].agents_seen = static_cast<int>(seen[d][s].size());
  const double t_first = static_cast<double>(first_day), t_end = t_first + days * kDay;
  int q = 0, b = 0;
  auto add = [&](double t0, double t1) {
    t0 = std::max(t0, t_first), t1 = std::min(t1, t_end);
    while (t0 < t1) {
      const long k = static_cast<long>((t0 - t_first) / interval);
      const double end = std::min(t1, t_first + (k + 1) * interval);
      SlotActivity& s = out[static_cast<size_t>(k / slots)][static_cast<size_t>(k % slots)];
      s.busy += b * (end - t0);
      if (q > 0) s.queue_time += end - t0, s.busy_while_queue += b * (end - t0);
      s.peak_busy = std::max(s.peak_busy, b);
      t0 = end;
    }
  };
  for (size_t i = 0; i < ev.size(); ++i) {
    q += ev[i].dq, b += ev[i].db;
    if (i + 1 < ev.size()) add(ev[i].t, ev[i + 1].t);
  }
  return out;
}

std::vector<int> minute_staffing(const std::vector<double>& mean, double interval) {
  const int per_slot = static_cast<int>(std::lround(interval / 60));
  std::vector<int> out;
  for (double m : mean) {
    const int lo = static_cast<int>(std::floor(m));
    const int high_minutes = static_cast<int>(std::lround((m - lo) * per_slot));
    for (int i = 0; i < per_slot; ++i) out.push_back(i < per_slot - high_minutes ? lo : lo + 1);
  }
  return out;
}

std::vector<std::pair<double, int>> log_schedule(const CallLog& log, int64_t first_day, int days, double interval,
                                                double min_queue_time) {
  const auto act = agent_activity(log, first_day, days, interval, min_queue_time);
  std::vector<std::pair<double, int>> out;
  for (int d = 0; d < days; ++d) {
    std::vector<double> mean;
    for (const auto& s : act[d]) mean.push_back(s.effective(min_queue_time));
    const auto minutes = minute_staffing(mean, interval);
    for (size_t m = 0; m < minutes.size(); ++m)
      if (out.empty() || out.back().second != minutes[m]) out.push_back({d * kDay + m * 60.0, minutes[m]});
  }
  return out;
}

namespace {

ServiceEstimate estimate_service(const std::vector<double>& x, const std::string& criterion, bool pooled) {
  ServiceEstimate s;
  s.n = static_cast<int>(x.size());
  s.pooled = pooled;
  // A 0 s service is a clock-rounding artefact (whole seconds): count it as half a second so the positive
  // families can be fitted.
  std::vector<double> y;
  for (double v : x) y.push_back(std::max(v, 0.5));
  double sum = 0, sq = 0;
  for (double v : y) sum += v, sq += v * v;
  s.sample_mean = sum / y.size();
  s.sample_cv = std::sqrt(std::max(0.0, sq / y.size() - s.sample_mean * s.sample_mean)) / s.sample_mean;
  s.fits = fit_all(y);
  std::sort(y.begin(), y.end());
  s.sorted = std::move(y);
  s.chosen = best_fit(s.fits, criterion);
  return s;
}

PatienceEstimate estimate_patience(const std::vector<double>& t, const std::vector<bool>& e, bool pooled) {
  PatienceEstimate p;
  p.n = static_cast<int>(t.size());
  p.events = static_cast<int>(std::count(e.begin(), e.end(), true));
  p.pooled = pooled;
  // No abandonment at all: nothing says callers ever give up. One: only the exponential rate is estimable.
  if (p.events == 0) {
    p.chosen = "none";
    return p;
  }
  p.exponential = fit_censored_exponential(t, e);
  p.chosen = "exponential";
  if (p.events >= 2) {
    p.lognormal = fit_censored_lognormal(t, e);
    if (p.lognormal.aic < p.exponential.aic) p.chosen = "lognormal";
  }
  p.km = kaplan_meier(t, e);
  p.km_median = km_median(p.km);
  return p;
}

}  // namespace

double busyness_cv(const std::vector<int>& per_day, const std::vector<int>& day_type) {
  double num = 0, df = 0;
  for (int dt = 0; dt <= *std::max_element(day_type.begin(), day_type.end()); ++dt) {
    std::vector<double> n;
    for (size_t d = 0; d < per_day.size(); ++d)
      if (day_type[d] == dt) n.push_back(per_day[d]);
    if (n.size() < 2) continue;
    double m = 0, v = 0;
    for (double x : n) m += x;
    m /= n.size();
    if (m <= 0) continue;
    for (double x : n) v += (x - m) * (x - m);
    v /= n.size() - 1;
    num += (n.size() - 1) * (v - m) / (m * m);
    df += n.size() - 1;
  }
  return df > 0 ? std::sqrt(std::max(0.0, num / df)) : 0.0;
}

Calibration calibrate(const CallLog& log, const LogMapping& m, const CalibrateOptions& opt) {
  Calibration c;
  c.log_file = log.file, c.mapping_file = m.file, c.mapping_name = m.name, c.criterion = opt.criterion;
  c.first_day = log.first_day;
  c.days = static_cast<int>((log.last_day - log.first_day) / 86400) + 1;
  c.interval = opt.interval, c.sl_threshold = opt.sl_threshold, c.min_queue_time = opt.min_queue_time;
  c.slots = static_cast<int>(std::lround(kDay / opt.interval));
  c.rows = log.rows, c.ignored = log.ignored, c.unknown_service = log.unknown_service, c.skipped = static_cast<int>(log.skipped.size());
  c.skipped_rows = log.skipped;
  c.calls = static_cast<int>(log.calls.size());
  for (const auto& [name, days] : m.day_types) c.day_type_names.push_back(name), c.day_type_weekdays.push_back(days);
  const size_t ndt = c.day_type_names.size();
  std::vector<int> day_type(static_cast<size_t>(c.days));
  c.days_per_type.assign(ndt, 0);
  for (int d = 0; d < c.days; ++d) {
    day_type[d] = day_type_of(m, c.first_day + d * 86400LL);
    if (day_type[d] >= 0) ++c.days_per_type[day_type[d]];
  }

  // Arrivals, outcomes, priorities.
  c.types.resize(log.types.size());
  std::vector<int> per_day(static_cast<size_t>(c.days), 0);
  int zero_wait = 0;
  for (size_t i = 0; i < log.types.size(); ++i) {
    c.types[i].name = log.types[i];
    c.types[i].rate.assign(ndt, std::vector<double>(static_cast<size_t>(c.slots), 0.0));
  }
  std::vector<std::vector<double>> service(log.types.size()), pt(log.types.size());
  std::vector<std::vector<bool>> pe(log.types.size());
  std::vector<double> ivr;
  for (const auto& call : log.calls) {
    auto& t = c.types[static_cast<size_t>(call.type)];
    const int d = static_cast<int>((call.arrival - c.first_day) / 86400);
    const int slot = static_cast<int>((call.arrival - c.first_day - d * 86400LL) / opt.interval);
    ++t.calls, ++per_day[d], ++t.priorities[call.priority];
    if (day_type[d] >= 0) t.rate[day_type[d]][slot] += 1;
    ivr.push_back(std::max(call.ivr, 0.5));
    if (call.outcome == LogOutcome::Served) {
      ++t.served;
      if (call.service >= 0) service[call.type].push_back(call.service);
      pt[call.type].push_back(call.wait), pe[call.type].push_back(false);
    } else if (call.wait > 0) {
      ++t.abandoned;
      pt[call.type].push_back(call.wait), pe[call.type].push_back(true);
    } else {
      // Hung up with no queue time: modelled as a hang-up before the queue (the IVR's abandon share), not as
      // patience zero (docs/calibration.md "Zero-wait hang-ups").
      ++t.abandoned, ++t.zero_wait_abandoned, ++zero_wait;
    }
  }
  for (auto& t : c.types)
    for (size_t dt = 0; dt < ndt; ++dt)
      for (auto& r : t.rate[dt]) r = c.days_per_type[dt] ? r / (c.days_per_type[dt] * opt.interval / 3600.0) : 0.0;
  c.busyness_cv = busyness_cv(per_day, day_type);
  c.ivr_abandon = c.calls ? static_cast<double>(zero_wait) / c.calls : 0.0;
  // No time before the queue anywhere in the log (no IVR columns): the scenario's IVR has no duration.
  if (*std::max_element(ivr.begin(), ivr.end()) > 0.5) {
    c.ivr_fits = fit_all(ivr);
    c.ivr_chosen = best_fit(c.ivr_fits, opt.criterion);
  }

  // Service and patience per type; pooled where a type has too few observations.
  std::vector<double> all_service, all_t;
  std::vector<bool> all_e;
  for (size_t i = 0; i < log.types.size(); ++i) {
    all_service.insert(all_service.end(), service[i].begin(), service[i].end());
    all_t.insert(all_t.end(), pt[i].begin(), pt[i].end());
    all_e.insert(all_e.end(), pe[i].begin(), pe[i].end());
  }
  if (all_service.size() < 2)
    throw InputError(SourceLoc{log.file, 0, 0}, "", "fewer than two served calls with service times",
                     "a log with served calls");
  const ServiceEstimate pooled_service = estimate_service(all_service, opt.criterion, true);
  const PatienceEstimate pooled_patience = estimate_patience(all_t, all_e, true);
  for (size_t i = 0; i < log.types.size(); ++i) {
    auto& t = c.types[i];
    t.service = static_cast<int>(service[i].size()) >= opt.min_sample
                    ? estimate_service(service[i], opt.criterion, false) : pooled_service;
    const int events = static_cast<int>(std::count(pe[i].begin(), pe[i].end(), true));
    t.patience = events >= opt.min_sample ? estimate_patience(pt[i], pe[i], false) : pooled_patience;
  }

  // Staffing: effective agents per day slot, averaged over the days of each day type.
  const auto act = agent_activity(log, c.first_day, c.days, opt.interval, opt.min_queue_time);
  c.staffing_mean.assign(ndt, std::vector<double>(static_cast<size_t>(c.slots), 0.0));
  c.staffing.assign(ndt, std::vector<int>(static_cast<size_t>(c.slots), 0));
  for (int d = 0; d < c.days; ++d)
    if (day_type[d] >= 0)
      for (int s = 0; s < c.slots; ++s)
        c.staffing_mean[day_type[d]][s] += act[d][s].effective(opt.min_queue_time) / c.days_per_type[day_type[d]];
  for (size_t dt = 0; dt < ndt; ++dt)
    for (int s = 0; s < c.slots; ++s) c.staffing[dt][s] = static_cast<int>(std::lround(c.staffing_mean[dt][s]));
  return c;
}

}  // namespace ccsim::calibration
