#include "output/html_report_svg.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "core/time.hpp"

namespace ccsim::svg {

namespace {

constexpr double kLeft = 72, kRight = 24, kTop = 30, kBottom = 56;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string label_of(double v, YFormat f, double step) {
  char buf[32];
  if (std::fabs(v) < step * 1e-6) v = 0;  // a tick at -1e-17 must not read "-0%"
  if (f == YFormat::Percent) {
    const int digits = step >= 0.01 ? 0 : step >= 0.001 ? 1 : step >= 0.0001 ? 2 : 3;
    std::snprintf(buf, sizeof buf, "%.*f%%", digits, v * 100);
  } else {
    const int digits = step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  }
  return buf;
}

// "Nice" tick step (1, 2, 5 x 10^k) giving about `target` ticks over [lo, hi].
double nice_step(double lo, double hi, int target) {
  const double raw = (hi - lo) / std::max(1, target);
  if (!(raw > 0)) return 1;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (raw <= m * mag) return m * mag;
  return 10 * mag;
}

struct Frame {
  double w, h, x0, x1, y0, y1;
  double px(double x) const { return kLeft + (x1 > x0 ? (x - x0) / (x1 - x0) : 0.5) * (w - kLeft - kRight); }
  double py(double y) const { return kTop + (y1 > y0 ? (y1 - y) / (y1 - y0) : 0.5) * (h - kTop - kBottom); }
  double plot_bottom() const { return h - kBottom; }
  double plot_right() const { return w - kRight; }
};

void y_range(std::optional<double> fixed_min, std::optional<double> fixed_max, double lo, double hi, double& y0, double& y1) {
  if (!std::isfinite(lo) || !std::isfinite(hi)) lo = 0, hi = 1;
  if (hi <= lo) hi = lo + (lo == 0 ? 1 : std::fabs(lo) * 0.1);
  const double pad = (hi - lo) * 0.05;
  y0 = fixed_min ? *fixed_min : lo - pad;
  y1 = fixed_max ? *fixed_max : hi + pad;
  if (!fixed_min && lo >= 0 && y0 < 0) y0 = 0;
  if (y1 <= y0) y1 = y0 + 1;
}

void open_svg(std::ostringstream& o, const Frame& f, const std::string& title) {
  o << "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"" << f.w << "\" height=\"" << f.h
    << "\" viewBox=\"0 0 " << f.w << ' ' << f.h << "\" role=\"img\" aria-label=\"" << escape(title) << "\">\n";
  o << "<rect x=\"0\" y=\"0\" width=\"" << f.w << "\" height=\"" << f.h << "\" fill=\"#fff\"/>\n";
  o << "<text x=\"" << kLeft << "\" y=\"18\" class=\"ct\">" << escape(title) << "</text>\n";
}

// A horizontal band (e.g. a credit tier) across the plot, optionally labelled at its right end.
template <class Band>
void draw_band(std::ostringstream& o, const Frame& f, const Band& b, bool labelled) {
  const double y0 = f.py(std::clamp(b.y1, f.y0, f.y1)), y1 = f.py(std::clamp(b.y0, f.y0, f.y1));
  if (y1 - y0 <= 0) return;
  o << "<rect x=\"" << kLeft << "\" y=\"" << num(y0) << "\" width=\"" << num(f.plot_right() - kLeft) << "\" height=\""
    << num(y1 - y0) << "\" fill=\"" << b.color << "\" class=\"band\"><title>" << escape(b.label) << "</title></rect>";
  if (labelled)
    o << "<text x=\"" << num(f.plot_right() - 4) << "\" y=\"" << num(y0 + 12) << "\" class=\"bl\">" << escape(b.label)
      << "</text>";
  o << "\n";
}

void y_axis(std::ostringstream& o, const Frame& f, YFormat fmt, const std::string& y_label) {
  const double step = nice_step(f.y0, f.y1, 5);
  for (double v = std::ceil(f.y0 / step - 1e-9) * step; v <= f.y1 + step * 1e-9; v += step) {
    const double y = f.py(v);
    o << "<line x1=\"" << kLeft << "\" x2=\"" << num(f.plot_right()) << "\" y1=\"" << num(y) << "\" y2=\"" << num(y)
      << "\" class=\"grid\"/>";
    o << "<text x=\"" << kLeft - 6 << "\" y=\"" << num(y + 4) << "\" class=\"yt\">" << label_of(v, fmt, step) << "</text>\n";
  }
  o << "<text transform=\"translate(14," << num((kTop + f.plot_bottom()) / 2) << ") rotate(-90)\" class=\"yl\">"
    << escape(y_label) << "</text>\n";
}

void time_axis(std::ostringstream& o, const Frame& f) {
  static const double steps[] = {900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400};
  const double span = f.x1 - f.x0;
  double step = steps[sizeof steps / sizeof steps[0] - 1];
  for (double s : steps)
    if (span / s <= 12) {
      step = s;
      break;
    }
  for (double t = std::ceil(f.x0 / step) * step; t <= f.x1; t += step) {
    const double x = f.px(t);
    const std::string dt = format_datetime(static_cast<int64_t>(t));  // 2026-03-17T08:30:00
    const std::string text = step >= 86400 ? dt.substr(5, 5) : (std::fmod(t, 86400) == 0 ? dt.substr(5, 5) + " " : "") + dt.substr(11, 5);
    o << "<line x1=\"" << num(x) << "\" x2=\"" << num(x) << "\" y1=\"" << kTop << "\" y2=\"" << num(f.plot_bottom())
      << "\" class=\"grid\"/>";
    o << "<text x=\"" << num(x) << "\" y=\"" << num(f.plot_bottom() + 15) << "\" class=\"xt\">" << text << "</text>\n";
  }
  o << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << num(f.plot_right() - kLeft) << "\" height=\""
    << num(f.plot_bottom() - kTop) << "\" class=\"frame\"/>\n";
}

// A legend entry: its swatch is drawn the way the item is (a solid line for a series, a dashed line for a
// target, a box for spans and markers), so a series and its target line of the same colour stay apart.
enum class Swatch { Box, Line, Dashed };
struct LegendItem {
  std::string label, color;
  Swatch swatch = Swatch::Box;
};

void legend(std::ostringstream& o, const Frame& f, const std::vector<LegendItem>& items) {
  double x = kLeft;
  const double y = f.h - 14;
  for (const auto& [label, color, swatch] : items) {
    if (label.empty()) continue;
    if (swatch == Swatch::Box)
      o << "<rect x=\"" << num(x) << "\" y=\"" << num(y - 9) << "\" width=\"12\" height=\"10\" fill=\"" << color << "\"/>";
    else
      o << "<line x1=\"" << num(x) << "\" x2=\"" << num(x + 12) << "\" y1=\"" << num(y - 4) << "\" y2=\"" << num(y - 4)
        << "\" stroke=\"" << color << "\" class=\"" << (swatch == Swatch::Dashed ? "target" : "line") << "\"/>";
    o << "<text x=\"" << num(x + 16) << "\" y=\"" << num(y) << "\" class=\"lg\">" << escape(label) << "</text>\n";
    x += 28 + 6.5 * static_cast<double>(label.size());
  }
}

// A polyline path; NaN values break the line.
std::string path_of(const Frame& f, const std::vector<double>& x, const std::vector<double>& y, bool step) {
  std::string d;
  bool pen = false;
  double prev_y = 0;
  for (size_t i = 0; i < x.size() && i < y.size(); ++i) {
    if (!std::isfinite(y[i])) {
      pen = false;
      continue;
    }
    const double px = f.px(x[i]), py = f.py(std::clamp(y[i], f.y0, f.y1));
    if (!pen) d += "M" + num(px) + " " + num(py);
    else if (step) d += "H" + num(px) + "V" + num(py);
    else d += "L" + num(px) + " " + num(py);
    pen = true;
    prev_y = py;
  }
  if (step && pen && !x.empty()) d += "H" + num(f.plot_right());
  (void)prev_y;
  return d;
}

}  // namespace

std::string escape(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string render(const TimeChart& c) {
  Frame f{static_cast<double>(c.width), static_cast<double>(c.height), 0, 1, 0, 1};
  double xlo = std::numeric_limits<double>::infinity(), xhi = -xlo, ylo = xlo, yhi = -xlo;
  auto see_x = [&](double v) { if (std::isfinite(v)) xlo = std::min(xlo, v), xhi = std::max(xhi, v); };
  auto see_y = [&](double v) { if (std::isfinite(v)) ylo = std::min(ylo, v), yhi = std::max(yhi, v); };
  for (const auto& s : c.series) {
    for (double v : s.x) see_x(v);
    for (double v : s.y) see_y(v);
  }
  for (const auto& b : c.ci) {
    for (double v : b.lo) see_y(std::clamp(v, b.min, b.max));
    for (double v : b.hi) see_y(std::clamp(v, b.min, b.max));
  }
  for (const auto& l : c.lines) see_y(l.y);
  if (!std::isfinite(xlo)) {
    for (const auto& s : c.spans) see_x(s.x0), see_x(s.x1);
  }
  if (!std::isfinite(xlo)) xlo = 0, xhi = 1;
  f.x0 = xlo;
  f.x1 = xhi > xlo ? xhi : xlo + 1;
  y_range(c.y_min, c.y_max, ylo, yhi, f.y0, f.y1);

  std::ostringstream o;
  open_svg(o, f, c.title);
  for (const auto& b : c.bands) draw_band(o, f, b, false);
  for (const auto& s : c.spans) {
    const double x0 = f.px(std::clamp(s.x0, f.x0, f.x1)), x1 = f.px(std::clamp(s.x1, f.x0, f.x1));
    o << "<rect x=\"" << num(x0) << "\" y=\"" << kTop << "\" width=\"" << num(std::max(1.0, x1 - x0)) << "\" height=\""
      << num(f.plot_bottom() - kTop) << "\" fill=\"" << s.color << "\" class=\"span\"><title>" << escape(s.label)
      << "</title></rect>\n";
  }
  y_axis(o, f, c.y_format, c.y_label);
  time_axis(o, f);
  for (const auto& b : c.ci) {
    std::string d;
    for (size_t i = 0; i < b.x.size(); ++i)
      if (std::isfinite(b.hi[i])) d += (d.empty() ? "M" : "L") + num(f.px(b.x[i])) + " " + num(f.py(std::clamp(std::clamp(b.hi[i], b.min, b.max), f.y0, f.y1)));
    for (size_t i = b.x.size(); i-- > 0;)
      if (std::isfinite(b.lo[i])) d += "L" + num(f.px(b.x[i])) + " " + num(f.py(std::clamp(std::clamp(b.lo[i], b.min, b.max), f.y0, f.y1)));
    if (!d.empty()) o << "<path d=\"" << d << "Z\" fill=\"" << b.color << "\" class=\"ci\"/>\n";
  }
  for (const auto& l : c.lines) {
    if (l.y < f.y0 || l.y > f.y1) continue;
    const double y = f.py(l.y);
    o << "<line x1=\"" << kLeft << "\" x2=\"" << num(f.plot_right()) << "\" y1=\"" << num(y) << "\" y2=\"" << num(y)
      << "\" stroke=\"" << l.color << "\" class=\"target\"><title>" << escape(l.label) << "</title></line>\n";
  }
  for (const auto& s : c.series) {
    const std::string d = path_of(f, s.x, s.y, s.step);
    if (d.empty()) continue;
    o << "<path d=\"" << d << "\" fill=\"none\" stroke=\"" << s.color << "\" class=\"line" << (s.dashed ? " dashed" : "")
      << "\"><title>" << escape(s.label) << "</title></path>\n";
  }
  for (const auto& m : c.markers) {
    if (m.x < f.x0 || m.x > f.x1) continue;
    const double x = f.px(m.x);
    o << "<g class=\"marker\"><line x1=\"" << num(x) << "\" x2=\"" << num(x) << "\" y1=\"" << kTop << "\" y2=\""
      << num(f.plot_bottom()) << "\" stroke=\"" << m.color << "\"/><path d=\"M" << num(x - 5) << " " << kTop - 8 << "L"
      << num(x + 5) << " " << kTop - 8 << "L" << num(x) << " " << kTop << "Z\" fill=\"" << m.color << "\"/><title>"
      << escape(m.label) << "</title></g>\n";
  }
  std::vector<LegendItem> items;
  for (const auto& s : c.series) items.push_back({s.label, s.color, s.dashed ? Swatch::Dashed : Swatch::Line});
  for (const auto& l : c.lines) items.push_back({l.label, l.color, Swatch::Dashed});
  if (!c.spans.empty()) items.push_back({c.spans.front().label, c.spans.front().color, Swatch::Box});
  if (!c.markers.empty())
    items.push_back({c.markers.front().label.substr(0, c.markers.front().label.find(':')), c.markers.front().color, Swatch::Box});
  legend(o, f, items);
  o << "</svg>\n";
  return o.str();
}

std::string render(const BarChart& c) {
  Frame f{static_cast<double>(c.width), static_cast<double>(c.height), 0, static_cast<double>(std::max<size_t>(1, c.bars.size())), 0, 1};
  double ylo = std::numeric_limits<double>::infinity(), yhi = -ylo;
  auto see = [&](double v) { if (std::isfinite(v)) ylo = std::min(ylo, v), yhi = std::max(yhi, v); };
  for (const auto& b : c.bars) {
    see(b.value);
    if (b.lo) see(*b.lo);
    if (b.hi) see(*b.hi);
  }
  for (const auto& l : c.lines) see(l.y);
  y_range(c.y_min, c.y_max, ylo, yhi, f.y0, f.y1);

  std::ostringstream o;
  open_svg(o, f, c.title);
  for (const auto& b : c.bands) draw_band(o, f, b, true);
  y_axis(o, f, c.y_format, c.y_label);
  o << "<rect x=\"" << kLeft << "\" y=\"" << kTop << "\" width=\"" << num(f.plot_right() - kLeft) << "\" height=\""
    << num(f.plot_bottom() - kTop) << "\" class=\"frame\"/>\n";
  const double slot = (f.plot_right() - kLeft) / std::max<size_t>(1, c.bars.size());
  const double bw = std::min(60.0, slot * 0.6);
  for (size_t i = 0; i < c.bars.size(); ++i) {
    const Bar& b = c.bars[i];
    const double cx = kLeft + slot * (i + 0.5);
    const double base = f.py(std::clamp(std::max(f.y0, 0.0), f.y0, f.y1));
    const double top = f.py(std::clamp(b.value, f.y0, f.y1));
    o << "<rect x=\"" << num(cx - bw / 2) << "\" y=\"" << num(std::min(top, base)) << "\" width=\"" << num(bw)
      << "\" height=\"" << num(std::fabs(base - top)) << "\" fill=\"" << b.color << "\" class=\"bar\"><title>"
      << escape(b.label) << ": " << label_of(b.value, c.y_format, 1e-5) << "</title></rect>";
    if (b.lo && b.hi && std::isfinite(*b.lo) && std::isfinite(*b.hi)) {
      const double ylo2 = f.py(std::clamp(*b.lo, f.y0, f.y1)), yhi2 = f.py(std::clamp(*b.hi, f.y0, f.y1));
      o << "<path d=\"M" << num(cx) << " " << num(ylo2) << "V" << num(yhi2) << "M" << num(cx - 6) << " " << num(ylo2) << "H"
        << num(cx + 6) << "M" << num(cx - 6) << " " << num(yhi2) << "H" << num(cx + 6) << "\" class=\"err\"/>";
    }
    o << "<text x=\"" << num(cx) << "\" y=\"" << num(f.plot_bottom() + 15) << "\" class=\"xt\">" << escape(b.label) << "</text>";
    o << "<text x=\"" << num(cx) << "\" y=\"" << num(std::min(top, base) - 4) << "\" class=\"bv\">"
      << label_of(b.value, c.y_format, 1e-5) << "</text>\n";
  }
  for (const auto& l : c.lines) {
    if (l.y < f.y0 || l.y > f.y1) continue;
    const double y = f.py(l.y);
    o << "<line x1=\"" << kLeft << "\" x2=\"" << num(f.plot_right()) << "\" y1=\"" << num(y) << "\" y2=\"" << num(y)
      << "\" stroke=\"" << l.color << "\" class=\"target\"><title>" << escape(l.label) << "</title></line>\n";
  }
  std::vector<LegendItem> items;
  for (const auto& l : c.lines) items.push_back({l.label, l.color, Swatch::Dashed});
  legend(o, f, items);
  o << "</svg>\n";
  return o.str();
}

void downsample(const std::vector<double>& x, const std::vector<double>& y, size_t max_points, Reduce how,
                std::vector<double>& out_x, std::vector<double>& out_y) {
  const size_t n = std::min(x.size(), y.size());
  out_x.clear();
  out_y.clear();
  if (n <= max_points || max_points == 0) {
    out_x.assign(x.begin(), x.begin() + n);
    out_y.assign(y.begin(), y.begin() + n);
    return;
  }
  const size_t per = (n + max_points - 1) / max_points;
  for (size_t b = 0; b < n; b += per) {
    const size_t e = std::min(n, b + per);
    double acc = how == Reduce::Min ? std::numeric_limits<double>::infinity()
                 : how == Reduce::Max ? -std::numeric_limits<double>::infinity() : 0.0;
    size_t cnt = 0;
    for (size_t i = b; i < e; ++i) {
      if (!std::isfinite(y[i])) continue;
      ++cnt;
      if (how == Reduce::Mean) acc += y[i];
      else if (how == Reduce::Min) acc = std::min(acc, y[i]);
      else acc = std::max(acc, y[i]);
    }
    out_x.push_back(x[b]);
    out_y.push_back(cnt == 0 ? kNaN : how == Reduce::Mean ? acc / static_cast<double>(cnt) : acc);
  }
}

std::vector<VSpan> flag_spans(const std::vector<double>& x, const std::vector<unsigned char>& flag, double step,
                              double merge_gap, const std::string& color, const std::string& label) {
  std::vector<VSpan> out;
  const size_t n = std::min(x.size(), flag.size());
  for (size_t i = 0; i < n; ++i) {
    if (!flag[i]) continue;
    size_t j = i;
    while (j + 1 < n && flag[j + 1]) ++j;
    const double x0 = x[i], x1 = x[j] + step;
    if (!out.empty() && x0 - out.back().x1 <= merge_gap) out.back().x1 = x1;
    else out.push_back({x0, x1, color, label});
    i = j;
  }
  return out;
}

}  // namespace ccsim::svg
