// Two contract readings on hand-computed ledgers: what the 5.0 QPS rule (clause 5.7) removes, and whether a
// call dropped in progress is a failed request. Every expected figure is worked out in the comments.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "output/sla_format.hpp"
#include "output/sla_json.hpp"
#include "sla_fixtures.hpp"

using namespace ccsim;
using namespace ccsim::test;

namespace {

// Minutes of one day in May 2026; 300 requests in a minute = 5.0 QPS.
//   m0: 400 req, 10 host_overload_cps                  -> load-caused only
//   m1: 400 req, 10 host_down                          -> a host failure in a surge minute
//   m2: 400 req,  3 host_down + 8 host_overload_concurrency
//   m3: 400 req, 10 host_down, surge covered by a notice (an announced burst)
//   m4: 100 req,  5 host_overload_cps                  -> below the threshold: the rule does not apply
MinuteLedger surge_ledger(int64_t start) {
  MinuteLedger L = empty_ledger(start, 1);
  set_minute(L, 0, 400, Cause::HostOverloadCps, 10);
  set_minute(L, 1, 400, Cause::HostDown, 10);
  set_minute(L, 2, 400, Cause::HostDown, 3);
  L.failures[2][static_cast<int>(Cause::HostOverloadConcurrency)] = 8;
  set_minute(L, 3, 400, Cause::HostDown, 10);
  L.qps_notice[3] = 1;
  set_minute(L, 4, 100, Cause::HostOverloadCps, 5);
  return L;
}

sla::Contract whole_minute(sla::Contract c) {
  c.qps.exclusion = sla::QpsExclusion::WholeMinute;
  return c;
}

}  // namespace

TEST(QpsRule, DefaultRemovesOnlyLoadCausedFailuresPerMinute) {
  const int64_t start = epoch(2026, 5, 1);
  const auto a = contract_a();
  ASSERT_EQ(a.qps.exclusion, sla::QpsExclusion::LoadCausedFailures);
  const auto m = sla::evaluate(a, surge_ledger(start), term(start, 1)).months[0];
  // m0: 390 normal requests, 0 counted failures -> available (removed by QPS: all failures would make 97.5%).
  // m1: 390/400 = 97.5% < 99% -> unavailable: host failures stay against the provider.
  // m2: load failures leave (remove reading): 3 failed of 392 -> 389/392 = 99.23% -> available (removed by QPS).
  // m3: noticed, 390/400 -> unavailable.  m4: 95/100 -> unavailable.
  EXPECT_EQ(m.unavailable_minutes, 3);
  EXPECT_EQ(m.unavailable_removed_by_qps, 2);
  EXPECT_EQ(m.excluded_minutes_qps, 3);      // m0-m2: the rule applies
  EXPECT_EQ(m.qps_minutes_with_notice, 1);   // m3
  EXPECT_EQ(m.qps_excluded_failures, 18u);   // 10 (m0) + 8 (m2)
  EXPECT_EQ(m.avail_num, 1440u - 3u);
  EXPECT_EQ(m.avail_den, 1440u);
}

TEST(QpsRule, WholeMinuteReadingExcludesTheMinuteWhateverFailed) {
  const int64_t start = epoch(2026, 5, 1);
  const auto m = sla::evaluate(whole_minute(contract_a()), surge_ledger(start), term(start, 1)).months[0];
  // m0-m2 excluded whole (m1 and m2 were unavailable counting host failures too); m3 and m4 unavailable.
  EXPECT_EQ(m.unavailable_minutes, 2);
  EXPECT_EQ(m.unavailable_removed_by_qps, 3);
  EXPECT_EQ(m.qps_excluded_failures, 0u);
}

TEST(QpsRule, PerCallContractKeepsHostFailuresOfSurgeMinutes) {
  const int64_t start = epoch(2026, 5, 1);
  const auto b = contract_b();
  const auto m = sla::evaluate(b, surge_ledger(start), term(start, 1)).months[0];
  // keep reading: every call stays in the total; failures 0 + 10 + 3 + 10 + 5 = 28 of 1,700.
  EXPECT_EQ(m.counted_calls, 1700u);
  EXPECT_EQ(m.counted_failed, 28u);
  // Literal reading: m0-m2 leave the count: 400 + 100 calls, 10 + 5 failed.
  const auto w = sla::evaluate(whole_minute(b), surge_ledger(start), term(start, 1)).months[0];
  EXPECT_EQ(w.counted_calls, 500u);
  EXPECT_EQ(w.counted_failed, 15u);
}

TEST(QpsRule, ContractFileChoosesTheReadingAndLoadCauses) {
  std::string text = read_file(source_dir() + "/models/contracts/intl-ccc-2024.yaml");
  const std::string from = "exclude: load_caused_failures";
  ASSERT_NE(text.find(from), std::string::npos);
  text.replace(text.find(from), from.size(), "exclude: whole_minute");
  const std::string dir = temp_dir();
  EXPECT_EQ(sla::load_contract(write_file(dir, "whole.yaml", text)).qps.exclusion, sla::QpsExclusion::WholeMinute);
  const auto a = contract_a();
  for (Cause k : {Cause::HostOverloadCps, Cause::HostOverloadConcurrency, Cause::TrunkBusy, Cause::QueueFull})
    EXPECT_TRUE(a.qps.load_cause[static_cast<int>(k)]) << cause_name(k);
  for (Cause k : {Cause::HostDown, Cause::LinkDown, Cause::Degraded, Cause::PlatformOther})
    EXPECT_FALSE(a.qps.load_cause[static_cast<int>(k)]) << cause_name(k);

  std::string bad = text;
  bad.replace(bad.find("exclude: whole_minute"), 21, "exclude: everything");
  const std::string lc = "load_causes: [host_overload_cps,";
  bad.replace(bad.find(lc), lc.size(), "load_causes: [host_overload,");
  try {
    sla::load_contract(write_file(dir, "bad.yaml", bad));
    FAIL() << "bad qps_rule accepted";
  } catch (const InputError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("contract.qps_rule.exclude"), std::string::npos) << msg;
    EXPECT_NE(msg.find("load_caused_failures | whole_minute"), std::string::npos) << msg;
    EXPECT_NE(msg.find("contract.qps_rule.load_causes[0]"), std::string::npos) << msg;
  }
}

namespace {
// Minute 0: 100 requests that reached the server + 5 calls dropped in progress, logged as 5 more requests
// failed for dropped_in_progress (105 requests, 5 failures). Minute 1: 100 requests, 1 host_down failure,
// plus 2 drops (102 requests, 3 failures).
MinuteLedger drop_ledger(int64_t start) {
  MinuteLedger L = empty_ledger(start, 1);
  set_minute(L, 0, 105, Cause::DroppedInProgress, 5);
  set_minute(L, 1, 102, Cause::DroppedInProgress, 2);
  L.failures[1][static_cast<int>(Cause::HostDown)] = 1;
  return L;
}
sla::Contract drops_fail(sla::Contract c) {
  c.dropped_calls = sla::DroppedCalls::FailedRequest;
  return c;
}
}  // namespace

TEST(DroppedCalls, ByDefaultADropIsNotAFailedRequest) {
  const int64_t start = epoch(2026, 5, 1);
  const auto a = contract_a();
  ASSERT_EQ(a.dropped_calls, sla::DroppedCalls::ReachedServer);
  const auto ev = sla::evaluate(a, drop_ledger(start), term(start, 1));
  const auto& m = ev.months[0];
  // m0: 100 requests, 0 failed -> available. m1: 100 requests, 1 failed -> 99% exactly -> available.
  EXPECT_EQ(m.unavailable_minutes, 0);
  EXPECT_EQ(m.requests, 200u);
  EXPECT_EQ(m.failures, 1u);
  EXPECT_EQ(m.provider_failures, 1u);
  EXPECT_EQ(m.dropped_calls, 7u);
  EXPECT_EQ(ev.dropped_calls, 7u);
  // The other reading: m0 100/105 = 95.2%, m1 99/102 = 97.1%: both unavailable.
  const auto f = sla::evaluate(drops_fail(a), drop_ledger(start), term(start, 1)).months[0];
  EXPECT_EQ(f.unavailable_minutes, 2);
  EXPECT_EQ(f.requests, 207u);
  EXPECT_EQ(f.provider_failures, 8u);
  EXPECT_EQ(f.dropped_calls, 7u);
}

TEST(DroppedCalls, PerCallContractCountsOnlyRequestsThatFailedToReachTheServer) {
  const int64_t start = epoch(2026, 5, 1);
  const auto b = contract_b();
  const auto m = sla::evaluate(b, drop_ledger(start), term(start, 1)).months[0];
  EXPECT_EQ(m.counted_calls, 200u);
  EXPECT_EQ(m.counted_failed, 1u);
  const auto f = sla::evaluate(drops_fail(b), drop_ledger(start), term(start, 1)).months[0];
  EXPECT_EQ(f.counted_calls, 207u);
  EXPECT_EQ(f.counted_failed, 8u);
}

TEST(DroppedCalls, ReportedWithTheReadingInJsonAndTerminal) {
  const int64_t start = epoch(2026, 5, 1);
  const auto ev = sla::evaluate(contract_a(), drop_ledger(start), term(start, 1));
  const nlohmann::json j = ev;
  EXPECT_EQ(j["readings"]["dropped_calls"], "reached_server");
  EXPECT_EQ(j["readings"]["qps_exclusion"], "load_caused_failures");
  EXPECT_EQ(j["months"][0]["dropped_calls"], 7);
  EXPECT_EQ(j["totals"]["dropped_calls"], 7);
  const std::string t = sla::format_evaluation(ev);
  EXPECT_NE(t.find("Dropped calls: 7 dropped in progress, read as reached_server (not failed requests)"), std::string::npos) << t;
  EXPECT_NE(t.find("QPS rule removes: load_caused_failures"), std::string::npos) << t;
  const nlohmann::json c = contract_b();
  EXPECT_EQ(c["dropped_calls"], "reached_server");
  EXPECT_EQ(c["qps_rule"]["exclude"], "load_caused_failures");
}
