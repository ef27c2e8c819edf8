#pragma once
// The engine-free pieces of outbound dialing (docs/model.md "Outbound and blending"): when calling rules let a
// contact be dialed, which outcome probabilities apply at the callee's hour, and the predictive dialer's pacing.
// TenantModel (callflow/outbound.cpp) drives them from its events.
#include <cstdint>
#include <string>
#include <vector>

#include "scenario/scenario.hpp"

namespace ccsim {

// What the rules need to remember about one contact's past attempts.
struct ContactLog {
  int64_t day = INT64_MIN;    // callee-local day (days since the epoch) of the last attempt
  int today = 0;              // attempts on that day
  std::vector<double> times;  // attempt times (sim seconds), kept only when a number cap is set
};

// Callee-local clock: sim time t -> local seconds since the epoch.
inline double callee_local(double t, int64_t epoch0, double tz_offset) {
  return t + static_cast<double>(epoch0) + tz_offset;
}

// Earliest sim time >= now at which the rules allow dialing the contact: inside a callee-local window, under
// the attempts-per-day cap and under the calls-per-number cap. +infinity when no window ever opens.
double next_callable(const CallingRules& rules, double tz_offset, int64_t epoch0, double now, const ContactLog& log);
// Records an attempt at `now` in the contact's log.
void log_attempt(const CallingRules& rules, double tz_offset, int64_t epoch0, double now, ContactLog& log);
// Destination restrictions: a number is dialed only when it matches an allowed prefix (if any are listed) and
// no denied prefix.
bool destination_allowed(const CallingRules& rules, const std::string& number);
// The outcome mix of the callee-local second of day `sod`: the first outcomes_by_hour window holding it, else
// the campaign's outcomes.
const OutcomeMix& outcome_mix_at(const Campaign& c, double sod);

// Predictive pacing: lines per available agent. The answer rate p is estimated from the campaign's dials
// (with the scenario's person share as a prior worth kPriorDials dials); the ratio is 1 + g (1/p - 1), between
// 1 (progressive) and the ceiling, where the aggressiveness g in [0, 1] halves at every abandoned call and
// creeps back up (+kGainStep of the way to 1) at every connect served while the campaign-to-date abandon rate
// is under kTargetShare x limit. Whenever the campaign-to-date rate is above the limit the ratio is 1.
// Even one line per agent abandons calls when inbound takes the agent while the line rings (blending), so the
// pacer also keeps a reserve: every abandoned call while the rate is above the limit adds one agent the dialer
// leaves idle; every served connect while it is under takes kReserveStep of one away, and every minute
// kReserveDecay (so a reserve covering every agent still ends; docs/model.md).
class PredictivePacer {
 public:
  static constexpr double kPriorDials = 20;
  static constexpr double kGainStep = 0.02;
  static constexpr double kTargetShare = 0.5;
  static constexpr double kAbandonCut = 0.5;
  static constexpr double kReserveStep = 0.05;
  static constexpr double kReserveDecay = 0.01;  // per minute

  PredictivePacer(double start_ratio, double max_ratio, double limit, double expected_person_share);
  void on_dial_outcome(bool person);          // every dial that reached the network
  void on_base(double n) { base_ += n; }      // connects (+ machines with abandon_base: answered)
  void on_served() ;                          // a connect reached an agent
  void on_abandoned();                        // a connect found no agent within the compliance window
  void on_minute() { reserve_ = reserve_ > kReserveDecay ? reserve_ - kReserveDecay : 0; }
  double ratio() const;
  double abandon_rate() const { return base_ > 0 ? abandoned_ / base_ : 0; }
  double answer_rate() const;
  double gain() const { return gain_; }
  int reserve() const { return static_cast<int>(reserve_); }  // idle agents the pacing leaves undialled

 private:
  double max_ratio_, limit_, prior_;
  double gain_ = 1;
  double reserve_ = 0;
  double dials_ = 0, persons_ = 0, base_ = 0, abandoned_ = 0;
};

}  // namespace ccsim
