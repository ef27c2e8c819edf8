// Call records under the replication runner (issue 11, bounded memory): with a scratch directory of the
// caller, workers spool them to files there and the results the parent holds carry none of them; the files
// hold exactly the records of the same replication run in memory (heap scheduler, same model and streams).
// Without one (cluster shards, sweeps), the records travel inside the results as before.
#include <gtest/gtest.h>

#include <filesystem>

#include "callflow/simulation.hpp"
#include "engine/replication_runner.hpp"
#include "engine/run_scratch.hpp"
#include "output/h5_fixture.hpp"
#include "stats/call_record_spool.hpp"

namespace ccsim {
namespace {

Scenario scenario_with_records() {
  Scenario sc = load_scenario_text(test::kH5FixtureYaml, test::source_dir() + "/scenarios/h5-fixture.yaml");
  sc.replications = 2;
  sc.call_records = true;
  return sc;
}

void expect_same_records(const std::vector<CallRecord>& got, const std::vector<CallRecord>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (size_t i = 0; i < got.size(); ++i) {
    EXPECT_EQ(got[i].arrival, want[i].arrival) << i;
    EXPECT_EQ(got[i].wait, want[i].wait) << i;
    EXPECT_EQ(got[i].handle, want[i].handle) << i;
    EXPECT_EQ(got[i].call_type, want[i].call_type) << i;
    EXPECT_EQ(got[i].group, want[i].group) << i;
    EXPECT_EQ(got[i].attempt, want[i].attempt) << i;
    EXPECT_EQ(got[i].outcome, want[i].outcome) << i;
  }
}

TEST(RunnerSpool, WorkersSpoolCallRecordsIntoTheCallersScratch) {
  const Scenario sc = scenario_with_records();
  RunScratch scratch;
  RunnerOptions ro;
  ro.replications = 2;
  ro.jobs = 2;
  ro.scratch_dir = scratch.path();
  const RunOutcome o = run_replications(sc, ro);
  ASSERT_EQ(o.results.size(), 2u);
  for (const RepResult& r : o.results) {
    const TenantRep& t = r.tenants[0];
    EXPECT_TRUE(t.records.empty()) << "the parent holds no call record";
    ASSERT_FALSE(t.records_file.empty());
    EXPECT_EQ(std::filesystem::path(t.records_file).parent_path(), std::filesystem::path(scratch.path()));
    std::vector<CallRecord> spooled;
    read_call_record_spool(t.records_file, 64,
                           [&](const std::vector<CallRecord>& b) { spooled.insert(spooled.end(), b.begin(), b.end()); });
    const RepResult mem = simulate_with_heap(sc, r.replication);
    ASSERT_GT(mem.tenants[0].records.size(), 100u);
    expect_same_records(spooled, mem.tenants[0].records);
  }
}

TEST(RunnerSpool, WithoutAScratchOfTheCallerRecordsTravelInTheResults) {
  const Scenario sc = scenario_with_records();
  RunnerOptions ro;
  ro.replications = 1;
  const RunOutcome o = run_replications(sc, ro);
  ASSERT_EQ(o.results.size(), 1u);
  const TenantRep& t = o.results[0].tenants[0];
  EXPECT_TRUE(t.records_file.empty());
  expect_same_records(t.records, simulate_with_heap(sc, 0).tenants[0].records);
}

}  // namespace
}  // namespace ccsim
