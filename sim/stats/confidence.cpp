#include "stats/confidence.hpp"

#include <cmath>

namespace ccsim {

double student_t975(int df) {
  static const double kTable[] = {0,      12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060,
                                  2.2622, 2.2281,  2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098,
                                  2.1009, 2.0930,  2.0860, 2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555,
                                  2.0518, 2.0484,  2.0452, 2.0423};
  if (df <= 0) return 0;
  if (df <= 30) return kTable[df];
  // Cornish-Fisher expansion around the normal quantile: error < 1e-4 for df > 30.
  const double z = 1.959963984540054, z3 = z * z * z, z5 = z3 * z * z;
  const double n = df;
  return z + (z3 + z) / (4 * n) + (5 * z5 + 16 * z3 + 3 * z) / (96 * n * n);
}

Estimate mean_ci(const std::vector<double>& x) {
  Estimate e;
  e.n = static_cast<int>(x.size());
  if (x.empty()) return e;
  double s = 0;
  for (double v : x) s += v;
  e.mean = s / e.n;
  e.lo = e.hi = e.mean;
  if (e.n < 2) return e;
  double ss = 0;
  for (double v : x) ss += (v - e.mean) * (v - e.mean);
  const double half = student_t975(e.n - 1) * std::sqrt(ss / (e.n - 1) / e.n);
  e.lo = e.mean - half;
  e.hi = e.mean + half;
  return e;
}

Estimate wilson(int k, int n) {
  Estimate e;
  e.n = n;
  if (n <= 0) return e;
  const double z = 1.959963984540054, p = static_cast<double>(k) / n, z2 = z * z;
  const double denom = 1 + z2 / n;
  const double center = (p + z2 / (2.0 * n)) / denom;
  const double half = z * std::sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denom;
  e.mean = p;
  e.lo = std::fmax(0.0, center - half);
  e.hi = std::fmin(1.0, center + half);
  return e;
}

}  // namespace ccsim
