#pragma once
// Confidence intervals used for every reported figure: Student-t for replication means, Wilson for
// proportions (breach probabilities, credit-tier probabilities).
#include <vector>

namespace ccsim {

struct Estimate {
  double mean = 0;
  double lo = 0, hi = 0;  // 95% interval; equal to mean when n < 2
  int n = 0;
};

// Two-sided 97.5% quantile of Student's t with df degrees of freedom.
double student_t975(int df);
// Mean of samples with a 95% Student-t interval.
Estimate mean_ci(const std::vector<double>& samples);
// Wilson score 95% interval for `successes` out of `n`.
Estimate wilson(int successes, int n);

}  // namespace ccsim
