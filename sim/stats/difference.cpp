#include "stats/difference.hpp"

#include <cmath>
#include <limits>

#include "stats/confidence.hpp"

namespace ccsim {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Moments {
  double mean = kNaN, var = kNaN;  // sample variance (n - 1)
  int n = 0;
};
Moments moments(const std::vector<double>& x) {
  Moments m;
  double s = 0;
  for (double v : x)
    if (std::isfinite(v)) s += v, ++m.n;
  if (!m.n) return m;
  m.mean = s / m.n;
  if (m.n < 2) return m;
  double ss = 0;
  for (double v : x)
    if (std::isfinite(v)) ss += (v - m.mean) * (v - m.mean);
  m.var = ss / (m.n - 1);
  return m;
}
}  // namespace

const char* diff_method_name(DiffMethod m) {
  switch (m) {
    case DiffMethod::Paired: return "paired (common random numbers)";
    case DiffMethod::Welch: return "Welch";
    case DiffMethod::None: break;
  }
  return "none";
}

Difference paired_difference(const std::vector<double>& a, const std::vector<double>& b) {
  std::vector<double> d, ka, kb;
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (!std::isfinite(a[i]) || !std::isfinite(b[i])) continue;
    d.push_back(b[i] - a[i]);
    ka.push_back(a[i]);
    kb.push_back(b[i]);
  }
  Difference r;
  r.method = DiffMethod::Paired;
  const Moments md = moments(d), ma = moments(ka), mb = moments(kb);
  r.mean_a = ma.mean;
  r.mean_b = mb.mean;
  r.n_a = r.n_b = md.n;
  r.diff = md.mean;
  r.lo = r.hi = kNaN;
  if (md.n < 2) return r;
  r.df = md.n - 1;
  const double half = student_t975(md.n - 1) * std::sqrt(md.var / md.n);
  r.lo = r.diff - half;
  r.hi = r.diff + half;
  return r;
}

Difference welch_from_summaries(double mean_a, double sd_a, int n_a, double mean_b, double sd_b, int n_b) {
  Difference r;
  r.method = DiffMethod::Welch;
  r.mean_a = mean_a;
  r.mean_b = mean_b;
  r.n_a = n_a;
  r.n_b = n_b;
  r.diff = mean_b - mean_a;
  r.lo = r.hi = kNaN;
  if (n_a < 2 || n_b < 2 || !std::isfinite(sd_a) || !std::isfinite(sd_b)) return r;
  const double va = sd_a * sd_a / n_a, vb = sd_b * sd_b / n_b, se2 = va + vb;
  if (se2 <= 0) {  // both runs constant: the difference is exact
    r.lo = r.hi = r.diff;
    r.df = n_a + n_b - 2;
    return r;
  }
  const double nu = se2 * se2 / (va * va / (n_a - 1) + vb * vb / (n_b - 1));
  r.df = std::floor(nu);
  const double half = student_t975(static_cast<int>(r.df)) * std::sqrt(se2);
  r.lo = r.diff - half;
  r.hi = r.diff + half;
  return r;
}

Difference welch_difference(const std::vector<double>& a, const std::vector<double>& b) {
  const Moments ma = moments(a), mb = moments(b);
  return welch_from_summaries(ma.mean, std::sqrt(ma.var), ma.n, mb.mean, std::sqrt(mb.var), mb.n);
}

}  // namespace ccsim
