#pragma once
// Queueing formulas used to seed the capacity searches (and checked against simulation in tests/validation):
// Erlang B (M/M/c/c), Erlang C (M/M/c) and Erlang A (M/M/c+M, exponential patience). Loads in Erlangs
// (arrival rate x mean service time), times in seconds.
namespace ccsim::capacity {

// Blocking probability of c servers offered `a` Erlangs, no waiting room (stable recursion).
double erlang_b(double a, int c);
// Probability that an arrival waits (c > a required; 1 when c <= a).
double erlang_c(double a, int c);
// M/M/c service level: P(wait <= t) = 1 - C(c, a) exp(-(c - a) t / aht); 0 when c <= a.
double erlang_c_service_level(double a, int c, double t, double aht);
// Mean wait (ASA over all arrivals) of M/M/c: C(c, a) aht / (c - a).
double erlang_c_asa(double a, int c, double aht);

// Fewest servers with P(wait <= t) >= target (and c > a); capped at `max_c` (returns max_c + 1 if none).
int erlang_c_staffing(double a, double t, double aht, double target, int max_c = 100000);
// Fewest channels with Erlang B blocking <= target.
int erlang_b_channels(double a, double target, int max_c = 100000);

// Erlang A: M/M/c+M with arrival rate `lambda` (/s), mean service `aht` (s), mean patience `patience` (s).
struct ErlangA {
  double p_wait = 0;        // P(an arrival waits)
  double p_abandon = 0;     // P(an arrival abandons)
  double sl_answered = 0;   // P(wait <= t | answered): the service level of answered calls
  double sl_offered = 0;    // P(answered within t) over all arrivals
};
ErlangA erlang_a(double lambda, double aht, double patience, int c, double t);
// Fewest agents meeting sl_answered >= sl_target and p_abandon <= max_abandon.
int erlang_a_staffing(double lambda, double aht, double patience, double t, double sl_target, double max_abandon,
                      int max_c = 100000);

}  // namespace ccsim::capacity
