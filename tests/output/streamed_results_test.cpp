// Results that stream to disk (issue 11, bounded memory): call records spooled by the workers and copied into
// the HDF5 file block by block give the very file that records held in memory give, and a table written in
// blocks is the table the in-memory writer (h5::Table) writes.
#include <gtest/gtest.h>

#include <cstring>

#include <H5Cpp.h>

#include "output/h5_fixture.hpp"
#include "output/h5_reader.hpp"
#include "output/h5_write_util.hpp"
#include "output/results_h5.hpp"
#include "stats/call_record_spool.hpp"
#include "support/h5_compare.hpp"
#include "support/test_support.hpp"

namespace ccsim {
namespace {

CallRecord record(int i) {
  CallRecord r;
  r.arrival = 0.5 * i;
  r.wait = i % 7;
  r.handle = 60 + i % 11;
  r.call_type = i % 3;
  r.group = static_cast<int16_t>(i % 5 - 1);
  r.attempt = static_cast<uint8_t>(1 + i % 2);
  r.outcome = static_cast<CallOutcome>(i % 10);
  return r;
}

bool same(const CallRecord& a, const CallRecord& b) {
  return a.arrival == b.arrival && a.wait == b.wait && a.handle == b.handle && a.call_type == b.call_type &&
         a.group == b.group && a.attempt == b.attempt && a.outcome == b.outcome;
}

TEST(CallRecordSpool, ReadsBackEveryRecordInOrderAcrossBlocks) {
  const std::string path = test::temp_dir() + "/t.records";
  const int n = static_cast<int>(2 * CallRecordSpool::kBlock + 123);  // three buffer flushes
  CallRecordSpool spool(path);
  for (int i = 0; i < n; ++i) spool.append(record(i));
  EXPECT_EQ(spool.close(), static_cast<uint64_t>(n));
  int next = 0, blocks = 0;
  read_call_record_spool(path, 1000, [&](const std::vector<CallRecord>& b) {
    EXPECT_LE(b.size(), 1000u);
    for (const CallRecord& r : b) EXPECT_TRUE(same(r, record(next++))) << next - 1;
    ++blocks;
  });
  EXPECT_EQ(next, n);
  EXPECT_EQ(blocks, (n + 999) / 1000);
}

TEST(CallRecordSpool, FileEndingInsideARecordIsRefused) {
  const std::string dir = test::temp_dir();
  const std::string path = test::write_file(dir, "cut.records", std::string(sizeof(CallRecord) + 5, 'x'));
  EXPECT_THROW(read_call_record_spool(path, 16, [](const std::vector<CallRecord>&) {}), std::runtime_error);
}

TEST(StreamedResults, TableWrittenInBlocksEqualsTheInMemoryTable) {
  const std::string dir = test::temp_dir();
  const int n = 5000;  // > one 64 KiB chunk of 16-byte rows
  std::vector<double> x;
  std::vector<int64_t> k;
  for (int i = 0; i < n; ++i) {
    x.push_back(i * 0.25);
    k.push_back(i % 9 - 4);
  }
  {
    H5::H5File f(dir + "/memory.h5", H5F_ACC_TRUNC);
    H5::Group root = f.openGroup("/");
    h5::Table t;
    t.add("x", x);
    t.add("k", k);
    t.write(root, "table");
  }
  {
    H5::H5File f(dir + "/blocks.h5", H5F_ACC_TRUNC);
    H5::Group root = f.openGroup("/");
    h5::BlockTable t(root, "table", {{"x", h5::BlockTable::F64}, {"k", h5::BlockTable::I64}});
    for (int first = 0; first < n; first += 1700) {  // uneven blocks
      std::vector<h5::BlockTable::Cell> cells;
      for (int i = first; i < std::min(n, first + 1700); ++i) {
        cells.push_back({x[static_cast<size_t>(i)]});
        cells.push_back(h5::BlockTable::Cell::of(k[static_cast<size_t>(i)]));
      }
      t.append(cells);
    }
    t.finish();
  }
  EXPECT_EQ(test::h5_difference(dir + "/memory.h5", dir + "/blocks.h5"), "");
}

// The minute series packs its rows itself (BlockTable::append_rows): the same table as rows given cell by cell,
// at every field width, in blocks that do not line up with the table's own 1 MiB writes.
TEST(StreamedResults, PackedRowsEqualRowsGivenAsCells) {
  const std::string dir = test::temp_dir();
  const std::vector<std::pair<std::string, h5::BlockTable::Kind>> cols = {
      {"t", h5::BlockTable::I64}, {"n", h5::BlockTable::U32}, {"r", h5::BlockTable::F64}, {"flag", h5::BlockTable::U8}};
  const int n = 120000;  // 2.5 MB of rows: three writes of the pending rows
  {
    H5::H5File f(dir + "/cells.h5", H5F_ACC_TRUNC);
    H5::Group root = f.openGroup("/");
    h5::BlockTable t(root, "table", cols, n);
    std::vector<h5::BlockTable::Cell> cells;
    for (int i = 0; i < n; ++i) {
      cells.push_back(h5::BlockTable::Cell::of(1772323200 + 60 * i));
      cells.push_back(h5::BlockTable::Cell::of(i * 7u));
      cells.push_back({i / 3.0});
      cells.push_back(h5::BlockTable::Cell::of(i % 2));
    }
    t.append(cells);
    t.finish();
  }
  {
    H5::H5File f(dir + "/packed.h5", H5F_ACC_TRUNC);
    H5::Group root = f.openGroup("/");
    h5::BlockTable t(root, "table", cols, n);
    ASSERT_EQ(t.row_bytes(), 8u + 4u + 8u + 1u);
    for (int first = 0; first < n; first += 1100) {  // uneven blocks
      const int last = std::min(n, first + 1100);
      t.append_rows(static_cast<hsize_t>(last - first), [&](unsigned char* p) {
        auto put = [&p](auto v) {
          std::memcpy(p, &v, sizeof v);
          p += sizeof v;
        };
        for (int i = first; i < last; ++i) {
          put(int64_t{1772323200} + 60 * i);
          put(static_cast<uint32_t>(i * 7u));
          put(i / 3.0);
          put(static_cast<uint8_t>(i % 2));
        }
      });
    }
    t.finish();
  }
  EXPECT_EQ(test::h5_difference(dir + "/cells.h5", dir + "/packed.h5"), "");
  H5::H5File f(dir + "/packed.h5", H5F_ACC_RDONLY);
  EXPECT_EQ(f.openDataSet("table").getSpace().getSimpleExtentNpoints(), n);
}

// Rows appended and never written would make a short table that looks whole: a table destroyed with rows
// pending (finish() forgotten) stops the writer instead.
TEST(StreamedResultsDeathTest, RowsLeftUnwrittenAbortTheWriter) {
  const std::string dir = test::temp_dir();
  EXPECT_DEATH(
      {
        H5::H5File f(dir + "/unfinished.h5", H5F_ACC_TRUNC);
        H5::Group root = f.openGroup("/");
        h5::BlockTable t(root, "table", {{"x", h5::BlockTable::F64}});
        t.append({{1.0}, {2.0}});
      },
      "unwritten rows");
}

TEST(StreamedResults, SpooledCallRecordsGiveTheSameFileAsRecordsInMemory) {
  auto run = test::make_h5_run(2, true);
  const std::string dir = test::temp_dir();
  write_results_h5(dir + "/memory.h5", run->ctx(), H5WriteOptions{true, false});
  size_t spooled = 0;
  for (RepResult& r : run->reps) {
    TenantRep& t = r.tenants[0];
    ASSERT_GT(t.records.size(), 100u);
    CallRecordSpool spool(dir + "/rep-" + std::to_string(r.replication) + "-0.records");
    for (const CallRecord& c : t.records) spool.append(c);
    ASSERT_EQ(spool.close(), t.records.size());
    spooled += t.records.size();
    t.records_file = spool.path();
    t.records.clear();
    t.records.shrink_to_fit();
  }
  write_results_h5(dir + "/spooled.h5", run->ctx(), H5WriteOptions{true, false});
  EXPECT_EQ(test::h5_difference(dir + "/memory.h5", dir + "/spooled.h5"), "");
  // And the comparison sees the records: the spooled file holds every one of them.
  const H5Results f(dir + "/spooled.h5");
  size_t rows = 0;
  for (const char* rep : {"rep_0000", "rep_0001"})
    rows += f.table_doubles(std::string("/replications/") + rep + "/tenants/acme/call_records", "arrival").size();
  EXPECT_EQ(rows, spooled);
}

}  // namespace
}  // namespace ccsim
