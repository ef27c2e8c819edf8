// The HDF5 results file: root attributes, per-minute series against the ledger they come from, per-interval
// KPIs against the raw counters (formulas written out here), aggregate means and Student-t intervals,
// compound tables, JSON sections, call records, the complete flag and the temp-file protocol.
#include "output/results_h5.hpp"

#include <gtest/gtest.h>

#include <H5Cpp.h>

#include <cmath>
#include <filesystem>

#include "core/time.hpp"
#include "core/atomic_file.hpp"
#include "output/h5_fixture.hpp"
#include "output/h5_reader.hpp"
#include "output/h5_write_util.hpp"
#include "support/test_support.hpp"

namespace ccsim {
namespace {

namespace fs = std::filesystem;

std::string write(test::H5Run& run, const H5WriteOptions& opt = {}) {
  const std::string path = test::temp_dir() + "/results.h5";
  write_results_h5(path, run.ctx(), opt);
  return path;
}

const std::string kRep0 = "/replications/rep_0000/tenants/acme";

TEST(H5Writer, RootAttributes) {
  auto run = test::make_h5_run();
  const H5Results r(write(*run));
  EXPECT_EQ(r.attr_string("/", "format"), "ccsim-results");
  EXPECT_EQ(r.attr_int("/", "format_version"), 5);
  EXPECT_EQ(r.attr_string("/", "ccsim_version"), std::string(CCSIM_VERSION));
  EXPECT_EQ(r.attr_string("/", "scenario_hash"), run->sc.file_hash);
  EXPECT_EQ(r.attr_string("/", "scenario_json"), run->sc.resolved_json);
  EXPECT_FALSE(run->sc.resolved_json.empty());
  EXPECT_EQ(r.attr_int("/", "base_seed"), 11);
  EXPECT_EQ(r.attr_int("/", "replications"), 3);
  EXPECT_EQ(r.attr_int("/", "replications_done"), 3);
  EXPECT_EQ(r.attr_string("/", "horizon_start"), "2026-03-16T08:00:00");
  EXPECT_EQ(r.attr_string("/", "horizon_end"), "2026-03-16T12:00:00");
  EXPECT_EQ(r.attr_int("/", "horizon_end_epoch"), *parse_datetime("2026-03-16T12:00") );
  EXPECT_EQ(r.attr_int("/", "complete"), 1);
  EXPECT_EQ(r.attr_strings("/", "tenants"), std::vector<std::string>{"acme"});
  EXPECT_EQ(r.children("/replications"), (std::vector<std::string>{"rep_0000", "rep_0001", "rep_0002"}));
}

TEST(H5Writer, MinuteSeriesFollowTheLedger) {
  auto run = test::make_h5_run(2);
  // Failures by hand, so the success rate and the unavailable flag have something to show: minute 10 loses
  // exactly 1% (the boundary: 99% success is available), minute 11 one call more, minute 12 everything.
  MinuteLedger& l = run->reps[0].tenants[0].ledger;
  l.requests[10] = 200;
  l.failures[10][static_cast<int>(Cause::TrunkBusy)] = 2;
  l.requests[11] = 200;
  l.failures[11][static_cast<int>(Cause::HostDown)] = 2;
  l.failures[11][static_cast<int>(Cause::TrunkBusy)] = 1;
  l.requests[12] = 5;
  l.failures[12][static_cast<int>(Cause::HostDown)] = 5;
  l.requests[13] = 0;
  const H5Results r(write(*run));
  const std::string p = kRep0 + "/minute/";
  const auto time = r.doubles(p + "time"), req = r.doubles(p + "requests"), fail = r.doubles(p + "failures");
  const auto sr = r.doubles(p + "success_rate"), un = r.doubles(p + "unavailable");
  const auto down = r.doubles(p + "failures_host_down"), busy = r.doubles(p + "failures_trunk_busy");
  ASSERT_EQ(time.size(), 240u);  // 4 hours of minutes
  ASSERT_EQ(req.size(), 240u);
  ASSERT_EQ(down.size(), 240u);  // rebuilt from failures_by_cause (format version 4)
  ASSERT_EQ(busy.size(), 240u);
  for (size_t m = 0; m < 240; ++m) {
    EXPECT_EQ(time[m], static_cast<double>(run->sc.horizon.start + 60 * static_cast<int64_t>(m)));
    EXPECT_EQ(req[m], l.requests[m]);
    EXPECT_EQ(fail[m], l.failed(m));
    EXPECT_EQ(down[m], l.failures[m][static_cast<int>(Cause::HostDown)]);
    EXPECT_EQ(busy[m], l.failures[m][static_cast<int>(Cause::TrunkBusy)]);
    if (l.requests[m] == 0) {
      EXPECT_TRUE(std::isnan(sr[m])) << m;
      EXPECT_EQ(un[m], 0) << m;
    } else {
      const double success = (static_cast<double>(l.requests[m]) - l.failed(m)) / l.requests[m];
      EXPECT_DOUBLE_EQ(sr[m], success) << m;
      EXPECT_EQ(un[m], success < 0.99 - 1e-12 ? 1 : 0) << m;
    }
  }
  EXPECT_EQ(un[10], 0);
  EXPECT_EQ(un[11], 1);
  EXPECT_EQ(un[12], 1);
  // Format version 4: the counts by cause are stored once per minute and cause that had any, in
  // failures_by_cause (cause = index into its cause_names); the columns above are rebuilt from it.
  const std::string fc = kRep0 + "/failures_by_cause/";
  const auto f_time = r.doubles(fc + "time"), f_cause = r.doubles(fc + "cause"), f_count = r.doubles(fc + "count");
  size_t nonzero = 0;
  for (size_t m = 0; m < 240; ++m)
    for (int c = 0; c < kNumCauses; ++c) nonzero += l.failures[m][c] > 0;
  ASSERT_EQ(f_time.size(), nonzero);
  ASSERT_EQ(f_cause.size(), nonzero);
  ASSERT_EQ(f_count.size(), nonzero);
  for (size_t i = 0; i < nonzero; ++i) {
    const size_t m = static_cast<size_t>((f_time[i] - time[0]) / 60);
    EXPECT_EQ(f_count[i], l.failures[m][static_cast<int>(f_cause[i])]) << i;
    if (i > 0) {
      EXPECT_TRUE(f_time[i] > f_time[i - 1] || (f_time[i] == f_time[i - 1] && f_cause[i] > f_cause[i - 1])) << i;
    }
  }
  const auto names = r.attr_strings(kRep0 + "/failures_by_cause", "cause_names");
  ASSERT_EQ(names.size(), static_cast<size_t>(kNumCauses));
  EXPECT_EQ(names[static_cast<int>(Cause::HostDown)], "host_down");
  // End-of-minute samples.
  const auto q = r.doubles(p + "queue_length"), busy_agents = r.doubles(p + "agents_busy");
  const SampleTable& mt = run->reps[0].tenants[0].minute;
  ASSERT_EQ(static_cast<int>(q.size()), 240);
  double busy_sum = 0;
  for (int m = 0; m < mt.rows && m < 240; ++m) {
    EXPECT_EQ(q[m], mt.at(m, MIN_QUEUE_LEN));
    EXPECT_EQ(busy_agents[m], mt.at(m, MIN_AGENTS_BUSY));
    busy_sum += busy_agents[m];
  }
  EXPECT_GT(busy_sum, 0);  // agents did work: the samples are not all zero
}

// Fields of a compound dataset, in order.
std::vector<std::string> fields(const H5::DataSet& ds) {
  const H5::CompType t = ds.getCompType();
  std::vector<std::string> out;
  for (int k = 0; k < t.getNmembers(); ++k) out.push_back(t.getMemberName(k));
  return out;
}

std::vector<std::string> string_attr(const H5::DataSet& ds, const std::string& name) {
  H5::Attribute a = ds.openAttribute(name);
  std::vector<char*> p(static_cast<size_t>(a.getSpace().getSimpleExtentNpoints()));
  a.read(a.getStrType(), p.data());
  std::vector<std::string> out(p.begin(), p.end());
  for (char* c : p) std::free(c);
  return out;
}

// Format version 2: the per-replication series are one compound table per minute series and per interval
// entity (version 1 had one dataset per column: ~110 datasets per replication, whose creation cost more than
// a one-day simulation). Each table's "units" attribute gives the unit of every field, in field order. Format
// version 5: the minute table is one table across replications, field `replication` first.
TEST(H5Writer, PerReplicationSeriesAreOneTableEachWithTheirUnits) {
  auto run = test::make_h5_run(1);
  const std::string path = write(*run);
  H5::H5File f(path, H5F_ACC_RDONLY);
  const std::string tenant = "/replication_tables/tenants/acme";
  EXPECT_EQ(f.childObjType(tenant + "/minute"), H5O_TYPE_DATASET);
  H5::DataSet minute = f.openDataSet(tenant + "/minute");
  const auto names = fields(minute), units = string_attr(minute, "units");
  // replication, time, requests, failures, success_rate, unavailable, announced_event, qps_notice, recordings
  // when the ledger has them, then the end-of-minute samples (format version 4: the counts by cause are in
  // failures_by_cause).
  const MinuteLedger& l = run->reps[0].tenants[0].ledger;
  const size_t recordings = l.recordings.size() == l.minutes() ? 1 : 0;
  ASSERT_EQ(names.size(), 1 + 3 + 4 + recordings + MIN_NFIELDS);
  ASSERT_EQ(units.size(), names.size());
  EXPECT_EQ(names[0], "replication");
  EXPECT_EQ(names[1], "time");
  EXPECT_EQ(units[1], kEpochUnits);
  for (size_t k = 0; k < names.size(); ++k) {
    const std::string& n = names[k];
    const char* want = n == "requests" || n.rfind("failures", 0) == 0 ? "calls"
                       : n == "success_rate"                           ? "1"
                       : n == "unavailable"                            ? "flag"
                       : n == "agents_busy"                            ? "agents"
                                                                       : nullptr;
    if (want) {
      EXPECT_EQ(units[k], want) << n;
    }
  }
  // Readers see the version 4 table at the version 4 path: the same fields and units, without `replication`.
  const H5Results r(path);
  EXPECT_EQ(r.attr_strings(kRep0 + "/minute", "units"), std::vector<std::string>(units.begin() + 1, units.end()));
  EXPECT_TRUE(r.doubles(kRep0 + "/minute/replication").empty());
  // A replication's group holds nothing but call records when asked for: its tables are rows of tables across
  // the replications (format version 3 for interval and overall KPIs, 5 for the rest), which readers list as
  // the group's members.
  EXPECT_FALSE(f.nameExists("/replications/rep_0000"));
  EXPECT_EQ(r.children(kRep0), (std::vector<std::string>{"failures_by_cause", "intervals", "minute", "overall"}));
  EXPECT_EQ(r.children("/replications/rep_0000"), std::vector<std::string>{"tenants"});
  EXPECT_EQ(r.children("/replications/rep_0000/tenants"), std::vector<std::string>{"acme"});
  const std::string iv = tenant + "/intervals/";
  for (const std::string entity : {"call_types/support", "all_call_types", "groups/support", "trunks/pstn"}) {
    ASSERT_EQ(f.childObjType(iv + entity), H5O_TYPE_DATASET) << entity;
    H5::DataSet ds = f.openDataSet(iv + entity);
    EXPECT_EQ(ds.getSpace().getSimpleExtentNpoints(), 8) << entity;  // 4 hours of 30-minute intervals, 1 replication
    EXPECT_EQ(string_attr(ds, "units").size(), fields(ds).size()) << entity;
    EXPECT_EQ(fields(ds)[0], "replication") << entity;
  }
  EXPECT_EQ(fields(f.openDataSet(iv + "call_types/support")).size(), 3 + static_cast<size_t>(CK_COUNT));
  EXPECT_EQ(fields(f.openDataSet(iv + "groups/support")).size(), 3 + static_cast<size_t>(GK_COUNT));
  EXPECT_EQ(f.openDataSet(tenant + "/overall/groups/support").getSpace().getSimpleExtentNpoints(), 1);
}

// Readers ask for a replication's tables by their version 2 paths and get that replication's rows of the
// version 3 tables: overall KPIs in their version 2 shape (kpi, units, value), interval fields, incidents.
TEST(H5Writer, TablesAcrossReplicationsReadThroughEachReplicationsPath) {
  auto run = test::make_h5_run(3);
  test::add_crash(*run, 1, 600).requests_failed = 4;
  const std::string path = write(*run);
  {
    H5::H5File f(path, H5F_ACC_RDONLY);
    H5::DataSet overall = f.openDataSet("/replication_tables/tenants/acme/overall/all_call_types");
    EXPECT_EQ(overall.getSpace().getSimpleExtentNpoints(), 3);  // one row per replication
    H5::DataSet offered = f.openDataSet("/replication_tables/tenants/acme/intervals/call_types/support");
    EXPECT_EQ(offered.getSpace().getSimpleExtentNpoints(), 3 * 8);
  }
  const H5Results r(path);
  for (int rep = 0; rep < 3; ++rep) {
    const std::string t = "/replications/rep_000" + std::to_string(rep) + "/tenants/acme";
    const TenantRep& tr = run->reps[rep].tenants[0];
    const auto kpis = call_type_kpis(tr.ct[0], overall_span(run->sc.horizon, tr.ct[0].rows));
    const auto names = r.table_strings(t + "/overall/call_types/support", "kpi");
    const auto units = r.table_strings(t + "/overall/call_types/support", "units");
    const auto values = r.table_doubles(t + "/overall/call_types/support", "value");
    ASSERT_EQ(names.size(), static_cast<size_t>(CK_COUNT));
    ASSERT_EQ(values.size(), static_cast<size_t>(CK_COUNT));
    ASSERT_EQ(units.size(), static_cast<size_t>(CK_COUNT));
    for (int k = 0; k < CK_COUNT; ++k) {
      EXPECT_EQ(names[k], ct_kpi_name(k));
      EXPECT_EQ(units[k], ct_kpi_units(k));
      if (std::isnan(kpis[k])) EXPECT_TRUE(std::isnan(values[k])) << names[k];
      else EXPECT_DOUBLE_EQ(values[k], kpis[k]) << names[k];
    }
    const auto offered = r.doubles(t + "/intervals/call_types/support/offered");
    ASSERT_EQ(offered.size(), 8u);
    for (int row = 0; row < 8; ++row) EXPECT_EQ(offered[row], tr.ct[0].at(row, CT_OFFERED));
    EXPECT_EQ(r.doubles(t + "/intervals/time").size(), 8u);
    EXPECT_EQ(r.children(t + "/overall/call_types"), std::vector<std::string>{"support"});
    const std::string inc = "/replications/rep_000" + std::to_string(rep) + "/incidents";
    EXPECT_EQ(r.table_strings(inc, "kind"), rep == 1 ? std::vector<std::string>{"crash"} : std::vector<std::string>{});
    EXPECT_EQ(r.table_doubles(inc, "requests_failed"), rep == 1 ? std::vector<double>{4} : std::vector<double>{});
  }
  EXPECT_TRUE(r.table_strings("/replications/rep_0003/incidents", "kind").empty());  // no such replication
  EXPECT_FALSE(r.exists("/replications/rep_0003/tenants/acme/overall"));
}

// Format version 5: the minute and failures_by_cause tables and what version 4 kept as attributes of a
// replication's and a tenant's group are rows of tables across the replications; each replication reads its
// own rows, by the version 4 paths, and nothing of the others'.
TEST(H5Writer, EachReplicationReadsItsOwnRowsOfTheTablesAcrossReplications) {
  auto run = test::make_h5_run(3);
  // Failures in replications 1 and 2 only, at different minutes and causes, so a slice off by one
  // replication shows.
  run->reps[1].tenants[0].ledger.requests[5] = 40;
  run->reps[1].tenants[0].ledger.failures[5][static_cast<int>(Cause::HostDown)] = 3;
  run->reps[2].tenants[0].ledger.requests[7] = 40;
  run->reps[2].tenants[0].ledger.failures[7][static_cast<int>(Cause::TrunkBusy)] = 1;
  run->reps[2].tenants[0].ledger.failures[7][static_cast<int>(Cause::HostDown)] = 2;
  run->reps[1].complete = false;
  const std::string path = write(*run);
  const H5Results r(path);
  EXPECT_EQ(r.children("/replications"), (std::vector<std::string>{"rep_0000", "rep_0001", "rep_0002"}));
  for (int rep = 0; rep < 3; ++rep) {
    const RepResult& rr = run->reps[rep];
    const TenantRep& t = rr.tenants[0];
    const MinuteLedger& l = t.ledger;
    const std::string g = "/replications/rep_000" + std::to_string(rep), tg = g + "/tenants/acme";
    EXPECT_TRUE(r.exists(g) && r.exists(g + "/tenants") && r.exists(tg) && r.exists(tg + "/minute")) << rep;
    EXPECT_EQ(r.attr_int(g, "replication"), rep);
    EXPECT_EQ(r.attr_int(g, "seed"), static_cast<int64_t>(rr.seed));
    EXPECT_EQ(r.attr_int(g, "complete"), rep == 1 ? 0 : 1);
    EXPECT_EQ(r.attr_int(g, "calls"), static_cast<int64_t>(rr.calls));
    EXPECT_EQ(r.attr_int(g, "events"), static_cast<int64_t>(rr.events));
    EXPECT_EQ(r.attr_double(g, "sim_seconds"), rr.sim_seconds);
    EXPECT_FALSE(r.attr_int(g, "sim_seconds")) << "a float field, as a float attribute was";
    EXPECT_EQ(r.attr_string(tg, "name"), "acme");
    EXPECT_EQ(r.attr_int(tg, "answered_calls"), t.answered_calls);
    EXPECT_EQ(r.attr_int(tg, "billed_call_minutes"), t.billed_call_minutes);
    EXPECT_EQ(r.attr_int(tg, "max_seats_online"), t.max_seats_online);
    const auto req = r.doubles(tg + "/minute/requests"), time = r.doubles(tg + "/minute/time");
    const auto down = r.doubles(tg + "/minute/failures_host_down"), busy = r.doubles(tg + "/minute/failures_trunk_busy");
    ASSERT_EQ(req.size(), 240u) << rep;
    ASSERT_EQ(down.size(), 240u) << rep;
    for (size_t m = 0; m < 240; ++m) {
      EXPECT_EQ(time[m], static_cast<double>(run->sc.horizon.start + 60 * static_cast<int64_t>(m)));
      EXPECT_EQ(req[m], l.requests[m]) << rep << " " << m;
      EXPECT_EQ(down[m], l.failures[m][static_cast<int>(Cause::HostDown)]) << rep << " " << m;
      EXPECT_EQ(busy[m], l.failures[m][static_cast<int>(Cause::TrunkBusy)]) << rep << " " << m;
    }
    const std::vector<double> causes = r.table_doubles(tg + "/failures_by_cause", "cause");
    const std::vector<double> want = rep == 0   ? std::vector<double>{}
                                     : rep == 1 ? std::vector<double>{static_cast<double>(Cause::HostDown)}
                                                : std::vector<double>{static_cast<double>(Cause::HostDown),
                                                                      static_cast<double>(Cause::TrunkBusy)};
    EXPECT_EQ(causes, want) << rep;
  }
  EXPECT_FALSE(r.exists("/replications/rep_0003"));
  EXPECT_FALSE(r.exists("/replications/rep_0003/tenants/acme/minute"));
  EXPECT_TRUE(r.doubles("/replications/rep_0003/tenants/acme/minute/requests").empty());
  EXPECT_FALSE(r.exists("/replications/rep_0000/tenants/nobody"));
  // The table itself: 3 x 240 rows in replication order, and the index the readers use, by hand.
  H5::H5File f(path, H5F_ACC_RDONLY);
  EXPECT_EQ(f.openDataSet("/replication_tables/tenants/acme/minute").getSpace().getSimpleExtentNpoints(), 720);
  const std::string where = "/replication_tables/tenants/acme/replications";
  EXPECT_EQ(r.table_doubles(where, "minute_first_row"), (std::vector<double>{0, 240, 480}));
  EXPECT_EQ(r.table_doubles(where, "minute_rows"), (std::vector<double>{240, 240, 240}));
  EXPECT_EQ(r.table_doubles(where, "failures_first_row"), (std::vector<double>{0, 0, 1}));
  EXPECT_EQ(r.table_doubles(where, "failures_rows"), (std::vector<double>{0, 1, 2}));
}

// The storage rule of a table across replications, by hand: contiguous while one replication's rows fit in
// 1 MiB (1,048,576 / 67 bytes = 15,650.4 rows), chunked and compressed beyond.
TEST(H5Writer, TablesAcrossReplicationsAreContiguousWhileEachShareFitsInOneMiB) {
  const std::vector<std::pair<std::string, h5::BlockTable::Kind>> row67 = {
      {"a", h5::BlockTable::I64}, {"b", h5::BlockTable::F64}, {"c", h5::BlockTable::F32}, {"d", h5::BlockTable::U32},
      {"e", h5::BlockTable::I64}, {"f", h5::BlockTable::I64}, {"g", h5::BlockTable::I64}, {"h", h5::BlockTable::I64},
      {"i", h5::BlockTable::I64}, {"k", h5::BlockTable::U8}, {"l", h5::BlockTable::U8},
      {"m", h5::BlockTable::U8}};
  EXPECT_EQ(h5::BlockTable::storage_for_shares(row67, 15650), h5::BlockTable::Contiguous);
  EXPECT_EQ(h5::BlockTable::storage_for_shares(row67, 15651), h5::BlockTable::Auto);
}

TEST(H5Writer, IntervalKpisOfEachReplicationFromTheCounters) {
  auto run = test::make_h5_run(2);
  const H5Results r(write(*run));
  for (int rep = 0; rep < 2; ++rep) {
    const std::string p = "/replications/rep_000" + std::to_string(rep) + "/tenants/acme/intervals/";
    const TenantRep& t = run->reps[rep].tenants[0];
    const auto sl = r.doubles(p + "call_types/support/sl_answered");
    const auto offered = r.doubles(p + "all_call_types/offered");
    const auto occ = r.doubles(p + "groups/support/occupancy");
    const auto trunk_occ = r.doubles(p + "trunks/pstn/occupancy");
    const auto warm = r.doubles(p + "warmup");
    ASSERT_EQ(sl.size(), 8u);
    double answered_total = 0;
    for (int row = 0; row < 8; ++row) {
      const double ans = t.ct[0].at(row, CT_ANSWERED), within = t.ct[0].at(row, CT_ANSWERED_WITHIN_T);
      answered_total += ans;
      if (ans > 0) EXPECT_DOUBLE_EQ(sl[row], within / ans);
      else EXPECT_TRUE(std::isnan(sl[row]));
      EXPECT_EQ(offered[row], t.ct[0].at(row, CT_OFFERED));
      EXPECT_DOUBLE_EQ(occ[row], t.gr[0].at(row, GR_BUSY_TIME) / t.gr[0].at(row, GR_STAFFED_TIME));
      EXPECT_DOUBLE_EQ(trunk_occ[row], t.tr[0].at(row, TR_BUSY_AREA) / (30 * 1800.0));
      EXPECT_EQ(warm[row], row == 0 ? 1 : 0);  // 30 min warm-up = the first interval
    }
    EXPECT_GT(answered_total, 300);  // ~200 calls/h for 4 h: a real run, not an empty table
  }
}

TEST(H5Writer, AggregateMeansAndStudentIntervals) {
  auto run = test::make_h5_run(3);
  const H5Results r(write(*run));
  const std::string p = "/aggregate/tenants/acme/intervals/call_types/support/";
  const auto mean = r.doubles(p + "sl_answered"), lo = r.doubles(p + "sl_answered_ci_lo"), hi = r.doubles(p + "sl_answered_ci_hi");
  ASSERT_EQ(mean.size(), 8u);
  const double t975_df2 = 4.302652729911275;  // Student t, 97.5% quantile, 2 degrees of freedom (tables)
  for (int row = 0; row < 8; ++row) {
    std::vector<double> v;
    for (const auto& rep : run->reps) {
      const double ans = rep.tenants[0].ct[0].at(row, CT_ANSWERED);
      if (ans > 0) v.push_back(rep.tenants[0].ct[0].at(row, CT_ANSWERED_WITHIN_T) / ans);
    }
    ASSERT_EQ(v.size(), 3u) << "every interval has answered calls at 200 calls/h";
    const double m = (v[0] + v[1] + v[2]) / 3;
    double ss = 0;
    for (double x : v) ss += (x - m) * (x - m);
    const double half = t975_df2 * std::sqrt(ss / 2) / std::sqrt(3.0);
    EXPECT_NEAR(mean[row], m, 1e-12);
    // The quantile is taken from a 4-decimal table (4.3027): agreement to 1e-4 of the half-width.
    EXPECT_NEAR(lo[row], m - half, 1e-4 * half);
    EXPECT_NEAR(hi[row], m + half, 1e-4 * half);
    EXPECT_GT(half, 0);
  }
  EXPECT_EQ(r.attr_double(p.substr(0, p.size() - 1), "sl_target"), 0.8);
  // Overall table: one row per KPI; offered = mean over replications of the counted intervals' sum.
  const std::string ov = "/aggregate/tenants/acme/overall/call_types/support";
  const auto kpi = r.table_strings(ov, "kpi");
  const auto om = r.table_doubles(ov, "mean");
  ASSERT_EQ(kpi.size(), static_cast<size_t>(CK_COUNT));
  EXPECT_EQ(kpi[CK_OFFERED], "offered");
  double offered = 0;
  for (const auto& rep : run->reps)
    for (int row = 1; row < 8; ++row) offered += rep.tenants[0].ct[0].at(row, CT_OFFERED);
  EXPECT_DOUBLE_EQ(om[CK_OFFERED], offered / 3);
  EXPECT_EQ(r.table_strings(ov, "units")[CK_OFFERED], "calls");
}

// Small datasets (at most 16 KiB: the per-interval tables of short runs) are compact, stored in their object
// header: creating thousands of chunked, deflated ones made the write cost more than the simulation
// (docs/performance.md "Output cost"). The minute table of one replication (here 240 rows of 63 or 67 bytes) is
// compact too, a longer one contiguous, written once without a filter; call records (here ~800 rows of 34
// bytes, appended in blocks) are chunked and compressed.
TEST(H5Writer, SmallColumnsAreCompactLargeOnesChunkedAndCompressed) {
  auto run = test::make_h5_run(1, true);
  const std::string path = write(*run, H5WriteOptions{true, false});
  H5::H5File f(path, H5F_ACC_RDONLY);
  {
    // Format version 5: 240 rows of at most 67 bytes (15.7 KiB), so compact.
    H5::DataSet ds = f.openDataSet("/replication_tables/tenants/acme/minute");
    ASSERT_LE(ds.getSpace().getSimpleExtentNpoints() * ds.getDataType().getSize(), 16 * 1024);
    EXPECT_EQ(ds.getCreatePlist().getLayout(), H5D_COMPACT);
    EXPECT_EQ(ds.getCreatePlist().getNfilters(), 0);
  }
  for (const std::string& ds_path : {std::string("/replication_tables/tenants/acme/intervals/call_types/support"),
                                     std::string("/replication_tables/tenants/acme/intervals/time"),
                                     std::string("/aggregate/tenants/acme/intervals/groups/support/occupancy_ci_hi")}) {
    H5::DataSet ds = f.openDataSet(ds_path);
    ASSERT_LE(ds.getSpace().getSimpleExtentNpoints() * ds.getDataType().getSize(), 16 * 1024) << ds_path;
    EXPECT_EQ(ds.getCreatePlist().getLayout(), H5D_COMPACT) << ds_path;
  }
  H5::DataSet ds = f.openDataSet(kRep0 + "/call_records");
  ASSERT_GT(ds.getSpace().getSimpleExtentNpoints() * ds.getDataType().getSize(), 16 * 1024);
  H5::DSetCreatPropList p = ds.getCreatePlist();
  EXPECT_EQ(p.getLayout(), H5D_CHUNKED);
  // Each chunk is deflated in one call, and past 64 KiB - 262 bytes of input zlib slides its window (a copy and
  // a rehash of its whole table) at least once per chunk (docs/performance.md).
  hsize_t chunk = 0;
  p.getChunk(1, &chunk);
  EXPECT_LE(chunk * ds.getDataType().getSize(), 65536u - 262u);
  bool deflate = false;
  for (int i = 0; i < p.getNfilters(); ++i) {
    unsigned flags = 0;
    size_t n = 0;
    unsigned info = 0;
    char name[64];
    if (p.getFilter(i, flags, n, nullptr, sizeof name, name, info) == H5Z_FILTER_DEFLATE) deflate = true;
  }
  EXPECT_TRUE(deflate);
}

TEST(H5Writer, IncidentsAndScalingAsCompoundTables) {
  auto run = test::make_h5_run(1);
  Incident crash;
  crash.kind = IncidentKind::Crash;
  crash.target = "host-a1";
  crash.drill = "dc-a-crash";
  crash.announced = true;
  crash.start = 3600;
  crash.detected = 3615;
  crash.recovered = 3700;
  crash.calls_dropped = 17;
  crash.tenants = {"acme", "beta"};
  Incident flap;
  flap.kind = IncidentKind::RandomFailure;
  flap.target = "link-ab";
  flap.start = 7200;
  run->reps[0].incidents = {crash, flap};
  ScalingAction up;
  up.tenant = "acme";
  up.requested = 1800;
  up.effective = 2100;
  up.from_seats = 12;
  up.to_seats = 20;
  up.path.autoscale = true;
  up.reason = ScalingReason::ScaleOut;
  up.metric = "queue_length";
  up.value = 5.5;
  up.bound = 5;
  up.window = 900;
  run->reps[0].scaling = {up};
  const H5Results r(write(*run));
  const std::string inc = "/replications/rep_0000/incidents";
  const double t0 = static_cast<double>(run->sc.horizon.start);
  EXPECT_EQ(r.table_strings(inc, "kind"), (std::vector<std::string>{"crash", "random_failure"}));
  EXPECT_EQ(r.table_strings(inc, "drill"), (std::vector<std::string>{"dc-a-crash", ""}));
  EXPECT_EQ(r.table_strings(inc, "tenants")[0], "acme,beta");
  const auto start = r.table_doubles(inc, "start"), det = r.table_doubles(inc, "detected"), mig = r.table_doubles(inc, "migrated");
  EXPECT_EQ(start[0], t0 + 3600);
  EXPECT_EQ(det[0], t0 + 3615);
  EXPECT_TRUE(std::isnan(mig[0]));  // -1 in the model = did not happen
  EXPECT_TRUE(std::isnan(det[1]));
  EXPECT_EQ(r.table_doubles(inc, "calls_dropped")[0], 17);
  EXPECT_EQ(r.table_doubles(inc, "announced"), (std::vector<double>{1, 0}));
  const std::string sc = "/replications/rep_0000/scaling";
  EXPECT_EQ(r.table_doubles(sc, "effective"), std::vector<double>{t0 + 2100});
  EXPECT_EQ(r.table_doubles(sc, "to_seats"), std::vector<double>{20});
  EXPECT_EQ(r.table_strings(sc, "path"), std::vector<std::string>{"autoscale self_service"});
  EXPECT_EQ(r.table_strings(sc, "reason"), std::vector<std::string>{"queue_length 5.5 > 5 over 15min"});
  // A replication without any: the tables exist, empty, with the same columns.
  auto quiet = test::make_h5_run(1);
  const H5Results q(write(*quiet));
  EXPECT_TRUE(q.exists(inc));
  EXPECT_TRUE(q.table_strings(inc, "kind").empty());
}

TEST(H5Writer, JsonSectionsAreStoredAndMirrored) {
  auto run = test::make_h5_run(1);
  run->doc["sla"] = {{"contract", "intl-ccc-2024"},
                     {"tenants",
                      {{"acme",
                        {{"availability_standard", "99.95%"},
                         {"months", {{{"month", {{"first_day", "2026-03-01"}}}, {"availability", {{"mean", 0.9991}, {"lo", 0.998}, {"hi", 1.0}}}, {"eligible", true}},
                                     {{"month", {{"first_day", "2026-04-01"}}}, {"availability", {{"mean", 1.0}, {"lo", 1.0}, {"hi", 1.0}}}, {"eligible", false}}}}}}}}};
  const H5Results r(write(*run));
  EXPECT_EQ(nlohmann::json::parse(*r.attr_string("/sections/sla", "json")), run->doc["sla"]);
  EXPECT_EQ(r.attr_string("/sections/sla", "contract"), "intl-ccc-2024");
  const std::string months = "/sections/sla/tenants/acme/months";
  EXPECT_EQ(r.table_doubles(months, "availability.mean"), (std::vector<double>{0.9991, 1.0}));
  EXPECT_EQ(r.table_doubles(months, "eligible"), (std::vector<double>{1, 0}));
  EXPECT_EQ(r.table_strings(months, "month.first_day"), (std::vector<std::string>{"2026-03-01", "2026-04-01"}));
  EXPECT_FALSE(r.exists("/sections/platform"));  // absent sections are absent, not empty
}

TEST(H5Writer, CallRecordsOnlyWhenAsked) {
  auto run = test::make_h5_run(1, true);
  const auto& recs = run->reps[0].tenants[0].records;
  ASSERT_GT(recs.size(), 100u);
  const H5Results with(write(*run, H5WriteOptions{true, false}));
  const std::string p = kRep0 + "/call_records";
  const auto arrival = with.table_doubles(p, "arrival"), outcome = with.table_doubles(p, "outcome");
  ASSERT_EQ(arrival.size(), recs.size());
  size_t answered = 0;
  for (size_t i = 0; i < recs.size(); ++i) {
    EXPECT_EQ(arrival[i], recs[i].arrival);
    EXPECT_EQ(outcome[i], static_cast<double>(recs[i].outcome));
    answered += recs[i].outcome == CallOutcome::Answered;
  }
  EXPECT_EQ(static_cast<double>(answered), run->reps[0].tenants[0].ct[0].total(CT_ANSWERED));
  EXPECT_EQ(with.attr_strings(p, "outcome_names").front(), "answered");
  const H5Results without(write(*run, H5WriteOptions{false, false}));
  EXPECT_FALSE(without.exists(p));
}

TEST(H5Writer, InterruptedRunIsMarkedIncomplete) {
  auto run = test::make_h5_run(2);
  const H5Results interrupted(write(*run, H5WriteOptions{false, true}));
  EXPECT_EQ(interrupted.attr_int("/", "complete"), 0);
  // A replication that stopped early also makes the file incomplete, and says which one.
  run->reps[1].complete = false;
  const H5Results partial(write(*run));
  EXPECT_EQ(partial.attr_int("/", "complete"), 0);
  EXPECT_EQ(partial.attr_int("/replications/rep_0000", "complete"), 1);
  EXPECT_EQ(partial.attr_int("/replications/rep_0001", "complete"), 0);
}

TEST(H5Writer, AtomicReplaceAndNoTemporaryLeftBehind) {
  auto run = test::make_h5_run(1);
  const std::string dir = test::temp_dir();
  const std::string path = dir + "/out.h5";
  test::write_file(dir, "out.h5", "previous contents");
  write_results_h5(path, run->ctx(), {});
  EXPECT_EQ(H5Results(path).attr_string("/", "format"), "ccsim-results");
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1u);  // only the target: the temporary file was renamed onto it
}

TEST(H5Writer, UnwritableTargetThrowsOutputError) {
  auto run = test::make_h5_run(1);
  const std::string path = test::temp_dir() + "/no/such/dir/results.h5";
  EXPECT_THROW(write_results_h5(path, run->ctx(), {}), OutputError);
  EXPECT_FALSE(fs::exists(path));
}

TEST(H5Writer, DefaultPathIsTheScenarioStemInTheCurrentDirectory) {
  EXPECT_EQ(default_results_path("scenarios/small-center.yaml"), "small-center.h5");
  EXPECT_EQ(default_results_path("/abs/path/month.yml"), "month.h5");
  EXPECT_EQ(default_results_path(""), "results.h5");
}

}  // namespace
}  // namespace ccsim
