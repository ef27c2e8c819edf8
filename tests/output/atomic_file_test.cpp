// Atomic output files: the target appears complete or not at all, and no temporary file is ever left behind.
#include "core/atomic_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace ccsim {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> entries(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  return names;
}

TEST(AtomicFile, WritesContentAndLeavesNoTemporary) {
  const std::string dir = test::temp_dir();
  const std::string path = dir + "/summary.json";
  const std::string content = std::string("{\"a\": 1}\n") + std::string(100000, 'x');
  write_file_atomic(path, content);
  EXPECT_EQ(test::read_file(path), content);
  EXPECT_EQ(entries(dir), std::vector<std::string>{"summary.json"});
}

// A scratch hand-off (a replication worker's result): the bytes in place once closed; a writer that never
// closes (an exception on the way) leaves no file behind.
TEST(ScratchFile, WritesInPlaceAndRemovesWhatWasNotClosed) {
  const std::string dir = test::temp_dir();
  {
    ScratchFile f(dir + "/rep-0.bin");
    f.write("abc");
    f.write(std::string(70000, 'y'));
    f.close();
    EXPECT_THROW(f.write("more"), OutputError);
  }
  EXPECT_EQ(test::read_file(dir + "/rep-0.bin"), "abc" + std::string(70000, 'y'));
  {
    ScratchFile f(dir + "/rep-1.bin");
    f.write("half");
  }
  EXPECT_EQ(entries(dir), std::vector<std::string>{"rep-0.bin"});
  EXPECT_THROW(ScratchFile(dir + "/no/such/dir/rep-2.bin"), OutputError);
}

TEST(AtomicFile, ReplacesAnExistingFileWhole) {
  const std::string dir = test::temp_dir();
  const std::string path = test::write_file(dir, "out.txt", "old contents that are longer than the new ones");
  write_file_atomic(path, "new");
  EXPECT_EQ(test::read_file(path), "new");
  EXPECT_EQ(entries(dir).size(), 1u);
}

TEST(AtomicFile, MissingDirectoryFailsAndCreatesNothing) {
  const std::string dir = test::temp_dir();
  EXPECT_THROW(write_file_atomic(dir + "/no/such/dir/out.json", "x"), OutputError);
  EXPECT_TRUE(entries(dir).empty());
}

TEST(AtomicFile, FailedRenameRemovesTheTemporary) {
  // The target is a non-empty directory: everything works until the rename, which must fail cleanly.
  const std::string dir = test::temp_dir();
  const std::string target = dir + "/taken";
  fs::create_directory(target);
  test::write_file(target, "keep.txt", "keep");
  try {
    write_file_atomic(target, "data");
    FAIL() << "expected OutputError";
  } catch (const OutputError& e) {
    EXPECT_NE(std::string(e.what()).find(target), std::string::npos) << e.what();
  }
  EXPECT_EQ(entries(dir), std::vector<std::string>{"taken"});
  EXPECT_EQ(test::read_file(target + "/keep.txt"), "keep");
}

TEST(AtomicFile, AbandonedWriterLeavesOldFileAndNoTemporary) {
  const std::string dir = test::temp_dir();
  const std::string path = test::write_file(dir, "results.h5", "previous results");
  try {
    AtomicFile f(path);
    f.write("half of the new res");
    EXPECT_EQ(fs::path(f.temp_path()).parent_path(), fs::path(path).parent_path());
    EXPECT_TRUE(fs::exists(f.temp_path()));
    throw std::runtime_error("interrupted");  // the writer dies before commit()
  } catch (const std::runtime_error&) {
  }
  EXPECT_EQ(test::read_file(path), "previous results");
  EXPECT_EQ(entries(dir), std::vector<std::string>{"results.h5"});
}

TEST(AtomicFile, ExternalWriterThenCommit) {
  // How the HDF5 writer uses it: another library writes the temporary file by name, then commit().
  const std::string dir = test::temp_dir();
  const std::string path = dir + "/results.h5";
  AtomicFile f(path);
  const std::string temp = f.temp_path();
  EXPECT_NE(temp, path);
  EXPECT_FALSE(fs::exists(path));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out << "written by someone else";
  }
  f.commit();
  EXPECT_TRUE(f.committed());
  EXPECT_EQ(test::read_file(path), "written by someone else");
  EXPECT_FALSE(fs::exists(temp));
  EXPECT_EQ(entries(dir), std::vector<std::string>{"results.h5"});
}

TEST(AtomicFile, DiscardRemovesTemporaryAndKeepsTarget) {
  const std::string dir = test::temp_dir();
  AtomicFile f(dir + "/x.json");
  f.write("abc");
  f.discard();
  f.discard();  // twice is harmless
  EXPECT_TRUE(entries(dir).empty());
  EXPECT_THROW(f.commit(), OutputError);
  EXPECT_TRUE(entries(dir).empty());
}

TEST(AtomicFile, DashMeansStandardOutput) {
  const std::string dir = test::temp_dir();
  testing::internal::CaptureStdout();
  write_file_atomic("-", "to stdout\n");
  EXPECT_EQ(testing::internal::GetCapturedStdout(), "to stdout\n");
  EXPECT_FALSE(fs::exists("-"));
}

}  // namespace
}  // namespace ccsim
