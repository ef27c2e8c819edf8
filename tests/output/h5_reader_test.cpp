// Reading results back: H5Results refuses files that are not ccsim results (InputError with the path), and
// reads what the writer wrote. Also: the file reads back in Python with h5py + pandas, as documented.
#include "output/h5_reader.hpp"

#include <gtest/gtest.h>

#include <H5Cpp.h>

#include <cmath>
#include <cstdio>
#include <filesystem>

#include "core/error.hpp"
#include "output/h5_fixture.hpp"
#include "output/results_h5.hpp"
#include "stats/kpi.hpp"
#include "support/test_support.hpp"

namespace ccsim {
namespace {

std::string expect_input_error(const std::string& path) {
  try {
    H5Results r(path);
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
    return e.what();
  }
  ADD_FAILURE() << "no InputError for " << path;
  return "";
}

TEST(H5Reader, RejectsWhatIsNotAResultsFile) {
  const std::string dir = test::temp_dir();
  EXPECT_NE(expect_input_error(dir + "/missing.h5").find("cannot open"), std::string::npos);
  EXPECT_NE(expect_input_error(test::write_file(dir, "text.h5", "not hdf5 at all\n")).find("not an HDF5 file"),
            std::string::npos);
  {  // an HDF5 file from somewhere else
    H5::H5File f(dir + "/other.h5", H5F_ACC_TRUNC);
    f.createGroup("data");
  }
  EXPECT_NE(expect_input_error(dir + "/other.h5").find("not a ccsim results file"), std::string::npos);
  {  // a newer format version than this ccsim knows
    H5::H5File f(dir + "/future.h5", H5F_ACC_TRUNC);
    H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
    f.createAttribute("format", t, H5::DataSpace(H5S_SCALAR)).write(t, std::string("ccsim-results"));
    const int64_t v = kResultsVersion + 1;
    f.createAttribute("format_version", H5::PredType::STD_I64LE, H5::DataSpace(H5S_SCALAR)).write(H5::PredType::NATIVE_INT64, &v);
  }
  EXPECT_NE(expect_input_error(dir + "/future.h5").find("not supported"), std::string::npos);
}

TEST(H5Reader, MissingThingsAreEmptyNotErrors) {
  auto run = test::make_h5_run(1);
  const std::string path = test::temp_dir() + "/r.h5";
  write_results_h5(path, run->ctx(), {});
  const H5Results r(path);
  EXPECT_FALSE(r.exists("/no/such/group"));
  EXPECT_TRUE(r.doubles("/no/such/dataset").empty());
  EXPECT_TRUE(r.children("/nothing").empty());
  EXPECT_FALSE(r.attr_string("/", "no_such_attribute"));
  EXPECT_FALSE(r.attr_int("/", "scenario_name"));  // a string, not an integer
  EXPECT_TRUE(r.table_doubles("/replications/rep_0000/incidents", "no_such_field").empty());
}

// The documented Python way of reading the file: h5py for the layout, pandas for tables.
// Format version 2 keeps a replication's minute series in one compound table; a reader asks for
// ".../minute/FIELD" either way. Version 1 files (one dataset per column; the fuzz seed was written by
// ccsim before version 2) read through the same paths, so `ccsim report` and `compare` still work on them.
TEST(H5Reader, ReadsTableFieldsByPathInBothFormatVersions) {
  auto run = test::make_h5_run(1);
  const std::string path = test::temp_dir() + "/r.h5";
  write_results_h5(path, run->ctx(), {});
  const H5Results v2(path);
  const std::string m = "/replications/rep_0000/tenants/acme/minute";
  const auto req = v2.doubles(m + "/requests");
  const MinuteLedger& l = run->reps[0].tenants[0].ledger;
  ASSERT_EQ(req.size(), l.minutes());
  for (size_t k = 0; k < req.size(); ++k) EXPECT_EQ(req[k], l.requests[k]);
  EXPECT_EQ(v2.doubles(m + "/requests"), v2.table_doubles(m, "requests"));
  EXPECT_TRUE(v2.doubles(m + "/no_such_field").empty());
  EXPECT_TRUE(v2.doubles(m + "/requests/deeper").empty());

  const H5Results v1(test::source_dir() + "/fuzz/seeds/h5/small-center.h5");
  ASSERT_EQ(v1.attr_int("/", "format_version"), 1);
  const auto sr = v1.doubles(m + "/success_rate"), t = v1.doubles(m + "/time");
  ASSERT_EQ(sr.size(), 120u);  // two hours of minutes
  ASSERT_EQ(t.size(), 120u);
  EXPECT_EQ(t[1] - t[0], 60);
}

// A version 2 file keeps its tables under each replication: the same paths read them as they are (no mapping
// onto /replication_tables, which it does not have).
TEST(H5Reader, ReadsVersion2ReplicationTablesWhereTheyAre) {
  const H5Results v2(test::source_dir() + "/fuzz/seeds/h5/small-center-v2.h5");
  ASSERT_EQ(v2.attr_int("/", "format_version"), 2);
  const std::string t = "/replications/rep_0000/tenants/acme";
  const auto names = v2.table_strings(t + "/overall/call_types/support", "kpi");
  ASSERT_EQ(names.size(), static_cast<size_t>(CK_COUNT));
  for (int k = 0; k < CK_COUNT; ++k) EXPECT_EQ(names[k], ct_kpi_name(k));
  EXPECT_EQ(v2.table_doubles(t + "/overall/call_types/support", "value").size(), static_cast<size_t>(CK_COUNT));
  EXPECT_EQ(v2.doubles(t + "/intervals/all_call_types/offered").size(), 4u);
  EXPECT_EQ(v2.doubles(t + "/intervals/time").size(), 4u);
  EXPECT_EQ(v2.children(t + "/overall/call_types"), std::vector<std::string>{"support"});
  EXPECT_TRUE(v2.exists("/replications/rep_0000/incidents"));
  EXPECT_FALSE(v2.exists("/replication_tables"));
}

TEST(H5Reader, ReadsBackWithH5pyAndPandas) {
  if (!std::filesystem::exists("/usr/bin/python3")) GTEST_SKIP() << "/usr/bin/python3 not installed";
  auto run = test::make_h5_run(2);
  test::add_crash(*run, 1, 600).recovered = 900;
  const std::string dir = test::temp_dir();
  const std::string path = dir + "/r.h5";
  write_results_h5(path, run->ctx(), {});
  uint64_t requests = 0, unavailable = 0;
  const MinuteLedger& l = run->reps[1].tenants[0].ledger;
  for (size_t m = 0; m < l.minutes(); ++m) {
    requests += l.requests[m];
    unavailable += l.requests[m] > 0 && (l.requests[m] - l.failed(m)) * 100 < 99 * l.requests[m];
  }
  const std::string script = R"PY(
import sys, h5py, numpy as np, pandas as pd
path, want_requests, want_unavailable, want_offered = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
with h5py.File(path, "r") as f:
    assert f.attrs["format"] == "ccsim-results", f.attrs["format"]
    assert int(f.attrs["complete"]) == 1
    g = f["replication_tables/tenants/acme/minute"]
    every = pd.DataFrame(g[()])
    assert len(every) == 2 * 240, len(every)
    df = every[every["replication"] == 1].reset_index(drop=True)
    df["time"] = pd.to_datetime(df["time"], unit="s")
    assert len(df) == 240, len(df)
    where = pd.DataFrame(f["replication_tables/tenants/acme/replications"][()]).set_index("replication")
    first, n = int(where.loc[1, "minute_first_row"]), int(where.loc[1, "minute_rows"])
    assert pd.DataFrame(g[first:first + n]).equals(every[every["replication"] == 1].reset_index(drop=True))
    assert int(df["requests"].sum()) == want_requests
    assert int(df["unavailable"].sum()) == want_unavailable
    units = dict(zip(g.dtype.names, [u.decode() if isinstance(u, bytes) else u for u in g.attrs["units"]]))
    assert units["queue_length"] == "calls", units
    every = pd.DataFrame(f["replication_tables/incidents"][()])
    inc = every[every["replication"] == 1].reset_index(drop=True)
    assert len(inc) == 1 and inc["kind"][0].decode() == "crash"
    assert inc["recovered"][0] - inc["start"][0] == 300
    ov = pd.DataFrame(f["aggregate/tenants/acme/overall/call_types/support"][()])
    ov["kpi"] = ov["kpi"].str.decode("utf-8")
    offered = ov.set_index("kpi").loc["offered", "mean"]
    assert abs(offered - want_offered) < 1e-9, (offered, want_offered)
print("ok")
)PY";
  const std::string py = test::write_file(dir, "read.py", script);
  char offered[40];
  std::snprintf(offered, sizeof offered, "%.17g", run->summary.tenants[0].ct[0].overall[CK_OFFERED].mean);
  const auto res = test::run_program({"/usr/bin/python3", py, path, std::to_string(requests), std::to_string(unavailable), offered});
  if (res.err.find("No module named") != std::string::npos) GTEST_SKIP() << res.err;
  EXPECT_EQ(res.exit_code, 0) << res.out << res.err;
  EXPECT_EQ(res.out, "ok\n") << res.err;
}

}  // namespace
}  // namespace ccsim
