#pragma once
// The difference B - A between two runs' figures with a 95% confidence interval (`ccsim compare`).
// - Paired: both runs share seed and replication count, so replication i of A and of B drew the same random
//   numbers (common random numbers); the interval is Student-t on the per-replication differences
//   d_i = b_i - a_i: mean(d) ± t_{0.975, n-1} · s_d / √n. Pairs with an undefined value (NaN) are left out.
// - Welch: independent runs; (mean_b - mean_a) ± t_{0.975, ν} · √(s_a²/n_a + s_b²/n_b) with the
//   Welch–Satterthwaite degrees of freedom ν rounded DOWN to an integer (a slightly wider, conservative
//   interval; docs/output-format.md "ccsim compare").
#include <vector>

namespace ccsim {

enum class DiffMethod { Paired, Welch, None };
const char* diff_method_name(DiffMethod m);  // "paired (common random numbers)", "Welch", "none"

struct Difference {
  double mean_a = 0, mean_b = 0;
  double diff = 0;      // mean_b - mean_a (paired: mean of the differences, the same over complete pairs)
  double lo = 0, hi = 0;  // 95% interval of diff; NaN when it cannot be given (fewer than 2 values)
  double df = 0;        // degrees of freedom used (integer for Welch after rounding down)
  int n_a = 0, n_b = 0;
  DiffMethod method = DiffMethod::None;
};

// Paired interval on b_i - a_i (the vectors are replication-aligned: same length expected).
Difference paired_difference(const std::vector<double>& a, const std::vector<double>& b);
// Welch's interval from the samples of two independent runs (NaN values left out).
Difference welch_difference(const std::vector<double>& a, const std::vector<double>& b);
// Welch's interval from summaries (mean, sample standard deviation, n) when the samples are not stored.
Difference welch_from_summaries(double mean_a, double sd_a, int n_a, double mean_b, double sd_b, int n_b);

}  // namespace ccsim
