// The calibration report as one HTML page with inline SVG plots (no scripts, no external files).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "calibration/calibrate.hpp"
#include "core/time.hpp"

namespace ccsim::calibration {

namespace {

struct Series {
  std::string name, color;
  std::vector<std::pair<double, double>> pts;
  bool step = false;  // empirical curves are drawn as steps
};

const char* const kColors[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

std::string esc(const std::string& s) {
  std::string o;
  for (char ch : s) o += ch == '<' ? "&lt;" : ch == '>' ? "&gt;" : ch == '&' ? "&amp;" : std::string(1, ch);
  return o;
}

std::string f(double v, int digits = 4) {
  char b[48];
  std::snprintf(b, sizeof b, "%.*g", digits, v);
  return b;
}

std::string plot(const std::string& title, const std::string& xlabel, const std::string& ylabel,
                 const std::vector<Series>& series, double xmax, double ymax) {
  const double W = 520, H = 260, L = 50, R = 10, T = 24, B = 36;
  auto X = [&](double x) { return L + (W - L - R) * std::min(1.0, x / xmax); };
  auto Y = [&](double y) { return T + (H - T - B) * (1 - std::min(1.0, y / ymax)); };
  std::ostringstream o;
  o << "<svg width='" << W << "' height='" << H << "' style='font:11px sans-serif'>"
    << "<text x='" << L << "' y='14' font-weight='bold'>" << esc(title) << "</text>"
    << "<rect x='" << L << "' y='" << T << "' width='" << W - L - R << "' height='" << H - T - B
    << "' fill='none' stroke='#999'/>";
  for (int i = 0; i <= 4; ++i) {
    o << "<text x='" << X(xmax * i / 4) << "' y='" << H - B + 14 << "' text-anchor='middle'>" << f(xmax * i / 4, 3)
      << "</text><text x='" << L - 4 << "' y='" << Y(ymax * i / 4) + 4 << "' text-anchor='end'>" << f(ymax * i / 4, 3)
      << "</text>";
  }
  o << "<text x='" << (L + W - R) / 2 << "' y='" << H - 4 << "' text-anchor='middle'>" << esc(xlabel) << "</text>"
    << "<text x='12' y='" << (T + H - B) / 2 << "' transform='rotate(-90 12 " << (T + H - B) / 2
    << ")' text-anchor='middle'>" << esc(ylabel) << "</text>";
  int k = 0;
  for (const auto& s : series) {
    o << "<polyline fill='none' stroke='" << s.color << "' stroke-width='" << (s.step ? 2 : 1.3) << "' points='";
    double prev_y = s.pts.empty() ? 0 : s.pts.front().second;
    for (const auto& [x, y] : s.pts) {
      if (s.step) o << f(X(x), 6) << "," << f(Y(prev_y), 6) << " ";
      o << f(X(x), 6) << "," << f(Y(y), 6) << " ";
      prev_y = y;
    }
    o << "'/><text x='" << W - R - 4 << "' y='" << T + 14 + 13 * k++ << "' text-anchor='end' fill='" << s.color
      << "'>" << esc(s.name) << "</text>";
  }
  o << "</svg>\n";
  return o.str();
}

std::vector<std::pair<double, double>> curve(const Distribution& d, double xmax, bool survival) {
  std::vector<std::pair<double, double>> p;
  for (int i = 0; i <= 200; ++i) {
    const double x = xmax * i / 200;
    const double F = fitted_cdf(d, x);
    p.push_back({x, survival ? 1 - F : F});
  }
  return p;
}

std::string fit_table(const std::vector<const Fit*>& fits, const std::string& chosen) {
  std::ostringstream o;
  o << "<table><tr><th>family</th><th>mean (s)</th><th>cv / shape</th><th>log-lik</th><th>AIC</th><th>BIC</th>"
       "<th>KS</th><th>n</th><th>events</th></tr>";
  for (const Fit* p : fits)
    o << "<tr" << (p->family == chosen ? " style='font-weight:bold'" : "") << "><td>" << p->family
      << (p->family == chosen ? " (chosen)" : "") << "</td><td>" << f(p->dist.expected()) << "</td><td>"
      << (p->family == "weibull" ? "shape " + f(p->dist.shape) : f(p->dist.cv)) << "</td><td>" << f(p->loglik, 8)
      << "</td><td>" << f(p->aic, 8) << "</td><td>" << f(p->bic, 8) << "</td><td>" << f(p->ks, 3) << "</td><td>"
      << p->n << "</td><td>" << p->events << "</td></tr>";
  o << "</table>\n";
  return o.str();
}

}  // namespace

std::string report_html(const Calibration& c) {
  std::ostringstream o;
  o << "<!doctype html><html><head><meta charset='utf-8'><title>Calibration " << esc(c.mapping_name)
    << "</title><style>body{font:13px sans-serif;margin:20px;max-width:1100px}table{border-collapse:collapse;"
       "margin:6px 0}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}h2{margin-top:28px}</style>"
       "</head><body>\n<h1>Calibration of " << esc(c.mapping_name) << "</h1>\n<p>Log " << esc(c.log_file)
    << ", mapping " << esc(c.mapping_file) << "; period " << format_date(date_of_epoch(c.first_day)) << " + "
    << c.days << " days; " << c.calls << " calls (" << c.rows << " rows, " << c.ignored << " ignored outcome, "
    << c.skipped << " bad rows skipped, " << c.unknown_service << " served without service times). Hang-ups "
    << "before queueing " << f(100 * c.ivr_abandon, 3) << "% (scenario: IVR abandon); busyness cv "
    << f(c.busyness_cv, 3) << ". Service family chosen by " << c.criterion << "; patience by AIC among censored "
    << "exponential and lognormal fits. Methods: docs/calibration.md.</p>\n";

  o << "<h2>Arrivals and staffing per day type</h2>\n";
  std::vector<Series> rates, staff;
  double rmax = 1, smax = 1;
  for (size_t dt = 0; dt < c.day_type_names.size(); ++dt) {
    Series r{c.day_type_names[dt], kColors[dt % 6], {}, true}, s{c.day_type_names[dt], kColors[dt % 6], {}, true};
    for (int k = 0; k <= c.slots; ++k) {
      double total = 0;
      for (const auto& t : c.types) total += t.rate[dt][std::min(k, c.slots - 1)];
      r.pts.push_back({k * c.interval / 3600, total});
      s.pts.push_back({k * c.interval / 3600, c.staffing_mean[dt][std::min(k, c.slots - 1)]});
      rmax = std::max(rmax, total), smax = std::max(smax, c.staffing_mean[dt][std::min(k, c.slots - 1)]);
    }
    rates.push_back(r), staff.push_back(s);
  }
  o << plot("Calls per hour (all types)", "hour of day", "calls/h", rates, 24, rmax * 1.05)
    << plot("Effective agents", "hour of day", "agents", staff, 24, smax * 1.1);

  if (!c.ivr_fits.empty()) {
    o << "<h2>IVR time</h2>\n";
    std::vector<const Fit*> fs;
    for (const auto& x : c.ivr_fits) fs.push_back(&x);
    o << fit_table(fs, c.ivr_fits[c.ivr_chosen].family);
  }
  for (const auto& t : c.types) {
    o << "<h2>Call type " << esc(t.name) << "</h2>\n<p>" << t.calls << " calls, " << t.served << " served, "
      << t.abandoned << " abandoned (" << t.zero_wait_abandoned << " before queueing). Priorities:";
    for (const auto& [p, n] : t.priorities) o << " " << p << ": " << f(100.0 * n / t.calls, 3) << "%";
    o << ". Service sample mean " << f(t.service.sample_mean) << " s, cv " << f(t.service.sample_cv, 3)
      << (t.service.pooled ? " (pooled fit of all types: too few calls)" : "") << ".</p>\n";
    const auto& sv = t.service.sorted;
    const double xmax = sv.empty() ? 1 : sv[static_cast<size_t>(0.99 * (sv.size() - 1))];
    std::vector<Series> ss;
    Series emp{"empirical", "#000", {}, true};
    const size_t step = std::max<size_t>(1, sv.size() / 400);
    for (size_t i = 0; i < sv.size(); i += step) emp.pts.push_back({sv[i], static_cast<double>(i + 1) / sv.size()});
    ss.push_back(emp);
    for (size_t i = 0; i < t.service.fits.size(); ++i)
      ss.push_back({t.service.fits[i].family, kColors[i], curve(t.service.fits[i].dist, xmax, false), false});
    o << plot("Service time: empirical cdf and fits", "seconds", "P(service <= x)", ss, xmax, 1);
    std::vector<const Fit*> fs;
    for (const auto& x : t.service.fits) fs.push_back(&x);
    o << fit_table(fs, t.service.fits[t.service.chosen].family);
    if (t.patience.events > 0) {
      const double pmax = t.patience.km.empty() ? 1 : t.patience.km.back().t;
      Series km{"Kaplan-Meier", "#000", {{0, 1}}, true};
      for (const auto& s : t.patience.km) km.pts.push_back({s.t, s.survival});
      std::vector<Series> ps = {km, {"exponential", kColors[0], curve(t.patience.exponential.dist, pmax, true), false}};
      std::vector<const Fit*> pf = {&t.patience.exponential};
      if (t.patience.events >= 2) {
        ps.push_back({"lognormal", kColors[1], curve(t.patience.lognormal.dist, pmax, true), false});
        pf.push_back(&t.patience.lognormal);
      }
      o << "<p>Patience" << (t.patience.pooled ? " (pooled: too few abandonments)" : "") << ": " << t.patience.events
        << " abandonments after queueing among " << t.patience.n << " waits (served waits censored); Kaplan-Meier "
        << "median " << (t.patience.km_median < 0 ? std::string("not reached") : f(t.patience.km_median) + " s")
        << ".</p>\n"
        << plot("Patience: Kaplan-Meier and censored fits", "seconds waited", "P(patience > x)", ps, pmax, 1)
        << fit_table(pf, t.patience.chosen);
    } else {
      o << "<p>No abandonment after queueing: patience infinite.</p>\n";
    }
  }
  o << "</body></html>\n";
  return o.str();
}

}  // namespace ccsim::calibration
