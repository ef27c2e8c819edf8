// Hostile and damaged HDF5 files, and a full disk while writing one (issue 16). The reproducers in
// tests/data/fuzz/*.h5 are bit-flipped results files that crashed, aborted or hung `ccsim report` inside
// libhdf5 or in ccsim; each must now end with exit 2 and a message naming the file, under a timeout.
#include <H5Cpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "core/atomic_file.hpp"
#include "core/error.hpp"
#include "h5_fixture.hpp"
#include "output/h5_probe.hpp"
#include "output/h5_reader.hpp"
#include "output/h5_write_util.hpp"
#include "output/results_h5.hpp"
#include "support/test_support.hpp"

using namespace ccsim;
namespace fs = std::filesystem;

namespace {

constexpr int kTimedOut = 124;

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::string fuzz_file(const std::string& name) { return std::string(CCSIM_TEST_DATA) + "/fuzz/" + name; }

void expect_refused_by_report(const std::string& name) {
  const std::string f = fuzz_file(name);
  const std::string out = test::temp_dir() + "/r.html";
  const auto r = test::run_program({"timeout", "60", test::ccsim_binary(), "report", f, "-o", out});
  EXPECT_NE(r.exit_code, kTimedOut) << "hung";
  EXPECT_EQ(r.exit_code, kExitBadInput) << r.err.substr(0, 2000);
  EXPECT_TRUE(contains(r.err, f + ": ")) << r.err.substr(0, 2000);
  EXPECT_FALSE(contains(r.err, "internal error")) << r.err.substr(0, 2000);
  EXPECT_FALSE(fs::exists(out));
}

// Writes a small HDF5 file by hand: root attribute format (and version), one time axis of `axis_rows` and one
// column of `col_rows` pointing at it.
std::string hand_file(const std::string& format, hsize_t axis_rows, hsize_t col_rows) {
  const std::string path = test::temp_dir() + "/hand.h5";
  H5::H5File f(path, H5F_ACC_TRUNC);
  H5::Group root = f.openGroup("/");
  h5::attr_string(root, "format", format);
  h5::attr_int(root, "format_version", 1);
  std::vector<double> axis(axis_rows, 1.0), col(col_rows, 0.5);
  h5::column(root, "time", axis, "s", "");
  h5::column(root, "ci_lo", col, "1", "/time");
  return path;
}

}  // namespace

TEST(H5Hostile, UseAfterFreeWhileProbingForACapacityFileIsRefused) { expect_refused_by_report("F07a-h5-uaf-capacity.h5"); }
TEST(H5Hostile, FileThatHangsLibhdf5IsRefusedAfterTheTimeLimit) { expect_refused_by_report("F07c-h5-hang.h5"); }
TEST(H5Hostile, StringAttributeThatCrashesLibhdf5IsRefused) { expect_refused_by_report("F07d-h5-segv-attr.h5"); }
TEST(H5Hostile, IntervalArraysShorterThanTheAxisAreRefused) { expect_refused_by_report("F09-h5-ci-length-mismatch.h5"); }

TEST(H5Hostile, ColumnShorterThanItsTimeAxisIsRefusedBeforeReading) {
  // 10 axis rows, 4 interval rows: the chart would index rows 4..9 of the shorter array (F09's crash).
  const std::string path = hand_file(kResultsFormat, 10, 4);
  try {
    check_h5_structure(path);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "/ci_lo has 4 rows but its time axis /time has 10")) << e.what();
  }
  EXPECT_NO_THROW(check_h5_structure(hand_file(kResultsFormat, 10, 10)));
}

// Datasets past 4 MiB are read by the probe in blocks of rows (a table across replications can be hundreds of
// MB): every block must read, and a column still has to match its axis.
TEST(H5Hostile, LargeColumnsAreProbedInBlocks) {
  const hsize_t rows = 1'200'000;  // 9.6 MB of doubles: three blocks
  EXPECT_NO_THROW(check_h5_structure(hand_file(kResultsFormat, rows, rows)));
  EXPECT_THROW(check_h5_structure(hand_file(kResultsFormat, rows, rows - 1)), InputError);
}

TEST(H5Hostile, HdfFileOfAnotherToolIsRefusedByItsFormatAttribute) {
  const std::string path = hand_file("netcdf4", 3, 3);
  try {
    probe_h5_input(path);
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), path + ": not a ccsim file (root attribute 'format' is 'netcdf4')")) << e.what();
  }
}

TEST(H5Hostile, WrittenFilesHaveChecksummedMetadata) {
  auto run = test::make_h5_run(1);
  const std::string path = test::temp_dir() + "/results.h5";
  write_results_h5(path, run->ctx(), {});
  // Superblock version 2 (1.8 format) and later carry checksums; version 0 (the old default) does not.
  H5::H5File f(path, H5F_ACC_RDONLY);
  H5F_info2_t info{};
  ASSERT_GE(H5Fget_info2(f.getId(), &info), 0);
  EXPECT_GE(info.super.version, 2u);
  EXPECT_NO_THROW(probe_h5_input(path));
}

TEST(H5Hostile, DiskFullWhileWritingKeepsThePreviousFileAndRemovesTheTemporary) {
  // RLIMIT_FSIZE in a forked child makes writes beyond 64 KiB fail with EFBIG, like a full disk; the old code
  // crashed (SIGSEGV in H5Fclose from the H5File destructor).
  auto run = test::make_h5_run(3, true);
  const std::string dir = test::temp_dir();
  const std::string path = test::write_file(dir, "out.h5", "previous contents");
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    signal(SIGXFSZ, SIG_IGN);
    rlimit lim{64 * 1024, 64 * 1024};
    setrlimit(RLIMIT_FSIZE, &lim);
    try {
      write_results_h5(path, run->ctx(), {});
    } catch (const OutputError& e) {
      _exit(contains(e.what(), path + ": cannot write the HDF5 results") ? 3 : 4);
    }
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), 3);
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "previous contents");
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.path().filename() != "out.h5";
  EXPECT_EQ(files, 0u) << "temporary file left behind";
}

TEST(H5Hostile, DiskFullThroughTheBinaryIsAnErrorNotACrash) {
  const std::string dir = test::temp_dir();
  const std::string path = test::write_file(dir, "out.h5", "previous contents");
  const std::string cmd = "ulimit -f 200; trap '' XFSZ; exec timeout 300 '" + test::ccsim_binary() + "' run '" +
                          CCSIM_SOURCE_DIR + "/scenarios/small-center.yaml' -r 1 -j 1 -o '" + path + "'";
  const auto r = test::run_program({"bash", "-c", cmd});
  EXPECT_EQ(r.exit_code, 1) << r.err.substr(0, 2000);  // an output failure, not bad input, and not a signal (200 KiB: the scratch file fits, the results (~380 KiB) do not)
  EXPECT_TRUE(contains(r.err, path + ": cannot write the HDF5 results")) << r.err.substr(0, 2000);
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content, "previous contents");
  size_t files = 0;
  for (const auto& e : fs::directory_iterator(dir)) files += e.path().filename() != "out.h5";
  EXPECT_EQ(files, 0u) << "temporary file left behind";
}

// Format version 5: a replication's minutes are found through row numbers stored in the file. Damaged ones
// (negative, or pointing past the table or into another replication's rows by their count) give nothing, never
// another replication's rows or a read outside the table.
TEST(H5Hostile, DamagedRowIndexOfATableAcrossReplicationsReadsAsNothing) {
  auto run = test::make_h5_run(3);
  const std::string path = test::temp_dir() + "/index.h5";
  write_results_h5(path, run->ctx(), {});
  const std::string where = "/replication_tables/tenants/acme/replications";
  {
    H5::H5File f(path, H5F_ACC_RDWR);
    H5::DataSet ds = f.openDataSet(where);
    const H5::DataType t = ds.getDataType();
    ASSERT_EQ(t.getSize(), 8 * sizeof(int64_t));  // replication, 3 figures, 4 row numbers: int64 each
    std::vector<int64_t> rows(3 * 8);
    ds.read(rows.data(), t);
    ASSERT_EQ(rows[1 * 8 + 4], 240);  // minute_first_row of replication 1
    rows[0 * 8 + 5] = 241;            // replication 0: one row of replication 1 too many
    rows[1 * 8 + 4] = -3;             // replication 1: a negative first row
    rows[2 * 8 + 4] = int64_t{1} << 62;  // replication 2: far past the table
    ds.write(rows.data(), t);
  }
  const H5Results r(path);
  for (int rep = 0; rep < 3; ++rep) {
    const std::string m = "/replications/rep_000" + std::to_string(rep) + "/tenants/acme/minute";
    EXPECT_TRUE(r.doubles(m + "/requests").empty()) << rep;
    EXPECT_TRUE(r.doubles(m + "/failures_host_down").empty()) << rep;
  }
  // The undamaged failures_by_cause rows still read.
  EXPECT_TRUE(r.exists("/replications/rep_0000/tenants/acme/failures_by_cause"));
}
