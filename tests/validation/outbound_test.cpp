// Outbound dialing against exact results (issue 15).
//
// Progressive dialer: c agents, each free agent has exactly one line dialing; an attempt rings Exp(r) and then
// connects with probability p (else the agent dials the next contact at once); a connect talks Exp(mu), no
// wrap-up. The number of agents talking is a birth-death chain on 0..c: up (c - k) r p, down k mu. The test
// solves that chain and compares its mean (agents on outbound work) and connects per hour (mean busy x mu)
// with the simulation; the chain's answer also has the closed form c r p / (r p + mu) (each agent alternates
// independently between Exp(r p) dialing and Exp(mu) talking), checked first.
//
// Predictive dialer: an aggressive starting pacing (3 lines per agent at a 30% answer rate) must still end with
// an abandon rate at or under the 3% limit, and must actually over-dial (abandons happen, lines exceed agents).
#include <gtest/gtest.h>

#include <cmath>
#include <iostream>
#include <vector>

#include "callflow/simulation.hpp"
#include "validation/sim_harness.hpp"

namespace ccsim::validation {
namespace {

constexpr int kAgents = 8;
constexpr double kRing = 20;        // mean ring time (s): r = 1/20
constexpr double kPerson = 0.35;    // p
constexpr double kTalk = 240;       // mean talk (s): mu = 1/240
constexpr double kHours = 200;

Scenario dialer_scenario(DialerMode mode, uint64_t seed, double person, double start_ratio) {
  Scenario sc = steady_scenario(kHours, seed);
  Tenant& t = only_tenant(sc);
  const int g = add_group(t, "outbound");
  add_pool(t, "agents", {g}, kAgents);
  Campaign c;
  c.name = "list";
  c.group = "outbound";
  c.group_index = g;
  c.contacts.assign(600000, Contact{});  // more than the dials of a replication (checked)
  c.attempts = 1;
  c.outcomes = OutcomeMix{{person, 1 - person, 0, 0, 0}};
  c.ring_time = Distribution::exponential(kRing);
  c.no_answer_time = Distribution::exponential(kRing);
  c.handle = Distribution::exponential(kTalk);
  c.wrapup = Distribution::constant(0);
  c.dialer.mode = mode;
  c.dialer.lines_per_agent = start_ratio;
  c.dialer.max_lines_per_agent = 3;
  c.dialer.abandon_limit = 0.03;
  c.dialer.compliance_window = 2;
  t.campaigns.push_back(c);
  return sc;
}

// Stationary distribution of the birth-death chain k = agents talking.
std::vector<double> talking_distribution(int c, double up_per_free, double down_per_busy) {
  std::vector<double> pi(static_cast<size_t>(c) + 1, 0.0);
  pi[0] = 1;
  for (int k = 0; k < c; ++k) pi[static_cast<size_t>(k) + 1] = pi[static_cast<size_t>(k)] * (c - k) * up_per_free / ((k + 1) * down_per_busy);
  double z = 0;
  for (double v : pi) z += v;
  for (double& v : pi) v /= z;
  return pi;
}

// Per replication, over the intervals after the first (the model starts with every agent dialing).
struct ObTotals {
  double seconds = 0, agent_time = 0, connects = 0, abandoned = 0, lines_area = 0;
};
ObTotals run_one(const Scenario& sc, int rep) {
  const RepResult r = simulate_with_heap(sc, rep);
  const CounterTable& ob = r.tenants.at(0).ob.at(0);
  EXPECT_LT(ob.total(OB_DIALS), static_cast<double>(sc.tenants[0].campaigns[0].contacts.size()))
      << "the contact list ran out: the dialer was not working its steady state";
  ObTotals o;
  for (int row = 1; row + 1 < ob.rows; ++row) {
    o.seconds += sc.horizon.interval;
    o.agent_time += ob.at(row, OB_AGENT_TIME);
    o.connects += ob.at(row, OB_CONNECTS);
    o.abandoned += ob.at(row, OB_ABANDONED);
    o.lines_area += ob.at(row, OB_LINES_AREA);
  }
  return o;
}

TEST(ValidationOutbound, ProgressiveDialerMatchesBirthDeathChain) {
  const double rp = kPerson / kRing, mu = 1 / kTalk;
  const std::vector<double> pi = talking_distribution(kAgents, rp, mu);
  double mean_busy = 0;
  for (size_t k = 0; k < pi.size(); ++k) mean_busy += static_cast<double>(k) * pi[k];
  ASSERT_NEAR(mean_busy, kAgents * rp / (rp + mu), 1e-9);  // the chain agrees with the closed form
  const double connects_per_hour = mean_busy * mu * 3600;

  const Scenario sc = dialer_scenario(DialerMode::Progressive, 301, kPerson, 1);
  std::vector<double> busy, connects, abandoned;
  for (int rep = 0; rep < 10; ++rep) {
    const ObTotals o = run_one(sc, rep);
    busy.push_back(o.agent_time / o.seconds);
    connects.push_back(o.connects / o.seconds * 3600);
    abandoned.push_back(o.abandoned);
  }
  EXPECT_TRUE(agrees_with_exact("progressive: mean agents talking", mean_ci(busy), mean_busy, 0.03 * mean_busy));
  EXPECT_TRUE(agrees_with_exact("progressive: connects per hour", mean_ci(connects), connects_per_hour,
                                0.03 * connects_per_hour));
  // One line per free agent: every connect finds its agent, nothing is abandoned.
  EXPECT_TRUE(agrees_with_exact("progressive: abandoned", mean_ci(abandoned), 0, 1e-9, 1e-12));
}

TEST(ValidationOutbound, PredictiveDialerHoldsAbandonRateUnderLimit) {
  const Scenario sc = dialer_scenario(DialerMode::Predictive, 302, 0.3, 3);
  double connects = 0, abandoned = 0, lines = 0, seconds = 0, busy = 0;
  for (int rep = 0; rep < 4; ++rep) {
    const ObTotals o = run_one(sc, rep);
    connects += o.connects;
    abandoned += o.abandoned;
    lines += o.lines_area;
    seconds += o.seconds;
    busy += o.agent_time;
    EXPECT_LE(o.abandoned / o.connects, 0.03) << "replication " << rep;
  }
  EXPECT_GT(abandoned, 0) << "the pacing never over-dialled: the test would prove nothing";
  // Over-dialling: more lines ring than there are idle agents (progressive would ring exactly the idle ones).
  const double idle_agents = kAgents - busy / seconds;
  EXPECT_GT(lines / seconds, 1.2 * idle_agents);
  // And it pays: agents talk more than under progressive dialing (the chain's mean; the replications' noise is
  // ~0.1%, so 2% is a real gain).
  const double rp = 0.3 / kRing, mu = 1 / kTalk;
  EXPECT_GT(busy / seconds, kAgents * rp / (rp + mu) * 1.02);
  std::cout << "[validation] predictive: abandon rate " << abandoned / connects << " (limit 0.03), agents talking "
            << busy / seconds << " vs progressive " << kAgents * rp / (rp + mu) << ", mean lines " << lines / seconds
            << "\n";
}

}  // namespace
}  // namespace ccsim::validation
