// The SimGrid scheduler adapter and the in-memory heap scheduler must run the very same model to the very same
// result: the validation suite and the bare-loop benchmark run on the heap, users' runs on SimGrid, and both
// claims hold only if the two agree bit for bit (counters, per-minute ledger, call count).
#include <gtest/gtest.h>

#include "callflow/simulation.hpp"
#include "scenario/what_if.hpp"
#include "stats/rep_result_io.hpp"
#include "support/engine_fork.hpp"
#include "support/test_support.hpp"

using namespace ccsim;

namespace {
// What both schedulers must agree on: everything but wall time and the count of executed events (the SimGrid
// adapter drops obsolete events before it arms a timer, the heap scheduler hands them to the model).
std::string comparable(RepResult r) {
  r.wall_seconds = 0;
  r.events = 0;
  return encode_rep_result(r);
}
}  // namespace

TEST(SchedulerEquivalence, SimgridAndHeapGiveBitIdenticalResults) {
  // multiskill-week has overflow, priorities, multi-skill pools, shifts and breaks, IVR, retrials, a rate
  // override: every kind of event the call flow schedules. Four busy hours keep the test short.
  WhatIf w;
  w.sets = {{"horizon.start", "2026-03-16T08:00"}, {"horizon.length", "4h"}};
  const Scenario sc = load_what_if(test::source_dir() + "/scenarios/multiskill-week.yaml", w);
  for (int rep : {0, 3}) {
    const RepResult heap = simulate_with_heap(sc, rep);
    const RepResult sg = test::run_engine_forked(sc, rep);
    ASSERT_GT(heap.calls, 500u);
    EXPECT_EQ(heap.calls, sg.calls) << "replication " << rep;
    EXPECT_TRUE(comparable(heap) == comparable(sg)) << "replication " << rep << ": results differ";
  }
}
