#pragma once
// Exact queueing results the validation suite compares the simulator against. Everything is computed here
// from first principles (recursions and Markov chains), never copied from the simulator's output.
// Rates are per second unless stated; "c" is the number of agents (servers).
#include <functional>
#include <vector>

namespace ccsim::validation {

// ---------------------------------------------------------------- Erlang B (M/M/c/c, insensitive to the
// holding-time distribution): probability that an arrival finds all `channels` busy under `erlangs` offered.
// Recursion B(0) = 1, B(n) = a B(n-1) / (n + a B(n-1)): stable for any size.
double erlang_b(double erlangs, int channels);

// ---------------------------------------------------------------- Erlang C (M/M/c, FIFO, infinite queue)
struct ErlangC {
  double p_wait = 0;        // P(W > 0), the Erlang C formula
  double asa = 0;           // E[W] over all calls (s)
  double mean_queue = 0;    // E[Lq]
  double occupancy = 0;     // lambda / (c mu)
  // P(W <= t) = 1 - C exp(-(c mu - lambda) t).
  double service_level(double t) const;
  double c_mu_minus_lambda = 0;
};
// Requires lambda < c * mu.
ErlangC erlang_c(double lambda, double mu, int c);

// ---------------------------------------------------------------- birth-death chains
// Stationary distribution of a birth-death chain on {0..n_max} with birth(k) (k -> k+1) and death(k)
// (k -> k-1, k >= 1). Products are renormalised on the fly so no term over- or underflows.
std::vector<double> birth_death_stationary(int n_max, const std::function<double(int)>& birth,
                                           const std::function<double(int)>& death);

// M/M/c/K+M: c agents, at most K calls in the system (K - c waiting places; K < 0 = unlimited, truncated far
// in the tail), exponential patience with rate theta (0 = infinitely patient; then needs lambda < c mu).
// With K unlimited and theta > 0 this is Erlang A (M/M/c+M).
struct MmckmResult {
  double p_block = 0;       // arrival finds K calls present (PASTA)
  double p_wait = 0;        // arrival is admitted and finds all agents busy
  double p_abandon = 0;     // share of offered calls that abandon (theta E[Lq] / lambda)
  double p_answered = 0;    // share of offered calls that reach an agent (c-busy throughput / lambda)
  double mean_queue = 0;    // E[Lq]
  double mean_busy = 0;     // E[busy agents]
  double mean_wait_admitted = 0;  // E[W] over admitted calls, answered or abandoned (Little)
  int truncated_at = 0;     // largest state of the chain that was solved
};
MmckmResult mmck_m(double lambda, double mu, int c, int K, double theta);

// ---------------------------------------------------------------- general finite CTMC
// Stationary distribution of an irreducible CTMC on states 0..n-1 given its off-diagonal rates; dense
// Gaussian elimination with partial pivoting on pi Q = 0 with one equation replaced by sum(pi) = 1.
struct Transition {
  int from = 0, to = 0;
  double rate = 0;
};
std::vector<double> ctmc_stationary(int n, const std::vector<Transition>& transitions);

// Same by Gauss-Seidel sweeps over the incoming transitions (for chains too large for a dense solve):
// pi_j = sum_i pi_i q_ij / q_j, renormalised after each sweep, until no component moves by more than
// `tolerance` relative to the largest; throws if `max_sweeps` is not enough.
std::vector<double> ctmc_stationary_iterative(int n, const std::vector<Transition>& transitions,
                                              double tolerance = 1e-14, int max_sweeps = 200000);

// ---------------------------------------------------------------- two call types, two groups, one
// multi-skill pool. Type A is routed to group GA, type B to group GB; `agents` agents all have the skills
// [GA, GB] in that preference order, so a freed agent takes the head of GA's queue if any, else GB's. Each
// group's queue holds at most cap_a / cap_b waiting calls (an arrival finding it full is blocked); handle
// and patience are exponential per type (theta 0 = infinitely patient). Because all agents are alike, the
// state (busy on A, busy on B, waiting A, waiting B) is Markov and small enough to enumerate.
struct TwoSkillParams {
  int agents = 0;
  double lambda_a = 0, mu_a = 0, theta_a = 0;
  double lambda_b = 0, mu_b = 0, theta_b = 0;
  int cap_a = 0, cap_b = 0;
};
struct TypeResult {
  double p_block = 0;       // blocked by a full queue (PASTA)
  double p_wait = 0;        // admitted but queued (no idle agent)
  double p_answered = 0;    // mu E[busy on this type] / lambda
  double p_abandon = 0;     // theta E[waiting] / lambda
  double mean_queue = 0;
  double mean_wait_admitted = 0;  // E[W] over admitted calls (Little)
};
struct TwoSkillResult {
  TypeResult a, b;
  double occupancy = 0;     // E[busy agents] / agents
  int states = 0;
};
TwoSkillResult two_skill_pool(const TwoSkillParams& p);

// ---------------------------------------------------------------- two groups with overflow and priority
// Group GA has a pool of agents_a single-skill agents, group GB a pool of agents_b. Type A is routed to
// [GA, GB after 0 s]: an arrival takes an idle GA agent, else an idle GB agent, else waits in both queues.
// Type B is routed to GB only. In GB's queue A has the higher priority, so a freed GB agent takes the oldest
// A call if any, else the oldest B call; a freed GA agent takes the oldest A call. Unlimited queues,
// exponential handle (per type) and patience; the chain is truncated at `truncate` waiting calls per type
// (its mass there is reported so a test can check it is negligible). State: (GA agents busy, GB agents busy
// on A, GB agents busy on B, A waiting, B waiting).
struct OverflowParams {
  int agents_a = 0, agents_b = 0;
  double lambda_a = 0, mu_a = 0, theta_a = 0;
  double lambda_b = 0, mu_b = 0, theta_b = 0;
  int truncate = 40;
};
struct OverflowResult {
  TypeResult a, b;               // p_block is 0 (unlimited queues)
  double a_answered_in_ga = 0;   // share of offered A calls answered by GA agents
  double a_answered_in_gb = 0;   // ... and by GB agents (overflow)
  double occupancy_a = 0, occupancy_b = 0;  // busy share of each pool
  double truncation_mass = 0;    // stationary probability of states at the truncation bound
  int states = 0;
};
OverflowResult two_group_overflow(const OverflowParams& p);

}  // namespace ccsim::validation
