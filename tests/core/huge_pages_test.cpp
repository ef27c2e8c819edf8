// HugePageAllocator: large arrays sit on whole, aligned 2 MiB pages (so THP can back every byte of them),
// small ones come from operator new, and the vectors behave like plain ones.
#include "core/huge_pages.hpp"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace ccsim {
namespace {

constexpr uintptr_t k2MiB = 2u << 20;

// Size in bytes of the mapping of /proc/self/maps that contains p, 0 if none does.
size_t mapping_size(const void* p) {
  std::ifstream maps("/proc/self/maps");
  const auto at = reinterpret_cast<uintptr_t>(p);
  std::string line;
  while (std::getline(maps, line)) {
    std::istringstream in(line);
    std::string range;
    in >> range;
    const auto dash = range.find('-');
    const uintptr_t from = std::stoull(range.substr(0, dash), nullptr, 16);
    const uintptr_t to = std::stoull(range.substr(dash + 1), nullptr, 16);
    if (at >= from && at < to) return to - from;
  }
  return 0;
}

TEST(HugePages, LargeArrayIsAlignedWholePages) {
  // A month of ledger rows by cause: 44,640 x 68 bytes = 3.04 MB -> two whole 2 MiB pages.
  HugeVector<std::array<uint32_t, 17>> v(44640, std::array<uint32_t, 17>{});
  EXPECT_EQ(reinterpret_cast<uintptr_t>(v.data()) % k2MiB, 0u);
  const size_t size = mapping_size(v.data());
  // The kernel may merge the mapping with an anonymous neighbour, so its size is only bounded from below.
  EXPECT_GE(size, 2 * k2MiB);
  v[44639][16] = 7;
  EXPECT_EQ(v[44639][16], 7u);
}

TEST(HugePages, VectorsGrowCopyAndSwapAcrossTheThreshold) {
  HugeVector<double> v;
  v.push_back(0.5);  // a small block from operator new first
  EXPECT_DOUBLE_EQ(v[0], 0.5);
  v.clear();
  for (int i = 0; i < 600000; ++i) v.push_back(i);  // 4.8 MB: crosses from heap to huge-page storage
  EXPECT_EQ(reinterpret_cast<uintptr_t>(v.data()) % k2MiB, 0u);
  HugeVector<double> copy = v;
  EXPECT_EQ(copy, v);
  HugeVector<double> other(3, 2.0);
  other.swap(copy);
  EXPECT_EQ(other.size(), 600000u);
  EXPECT_DOUBLE_EQ(other[599999], 599999.0);
  EXPECT_EQ(copy.size(), 3u);
  copy.clear();
  copy.shrink_to_fit();
  EXPECT_TRUE(copy.empty());
}

// Medium arrays (a month of one tenant's requests: 178 KB) share 2 MiB pages: several fit in one page, each
// 64-byte aligned; a page full of freed arrays goes back to the system.
TEST(HugePages, MediumArraysShareOneHugePage) {
  const auto page = [](const void* p) { return reinterpret_cast<uintptr_t>(p) & ~(k2MiB - 1); };
  std::vector<HugeVector<uint32_t>> arrays;
  for (int i = 0; i < 8; ++i) arrays.emplace_back(44640, static_cast<uint32_t>(i));  // 8 x 178,560 bytes < 2 MiB
  // Back to back in the page (178,560 bytes is a multiple of 64); the arena may have started mid-page, so at
  // most one array spills to the next page.
  size_t back_to_back = 0;
  for (size_t i = 0; i < arrays.size(); ++i) {
    EXPECT_EQ(reinterpret_cast<uintptr_t>(arrays[i].data()) % 64, 0u);
    if (i > 0 && arrays[i].data() == arrays[i - 1].data() + 44640) ++back_to_back;
  }
  EXPECT_GE(back_to_back, 6u);
  // The arrays do not overlap: each still holds its own value at both ends.
  for (size_t i = 0; i < arrays.size(); ++i) {
    EXPECT_EQ(arrays[i].front(), i);
    EXPECT_EQ(arrays[i].back(), i);
  }
  // Full pages are unmapped once their last array is freed: fill pages until the first one is left behind,
  // free everything, and its address range must be gone from the process's mappings.
  const void* first = arrays[0].data();
  while (page(arrays.back().data()) == page(first)) arrays.emplace_back(44640, 1u);
  arrays.clear();
  EXPECT_EQ(mapping_size(first), 0u);
}

// A forked child (replication worker, writer) takes a fresh page for its medium arrays rather than the free
// part of its parent's current page, which it shares copy-on-write.
TEST(HugePages, ForkedChildStartsAPageOfItsOwn) {
  const auto page = [](const void* p) { return reinterpret_cast<uintptr_t>(p) & ~(k2MiB - 1); };
  // An array of almost 2 MiB takes a page to itself; freed, it leaves that page current and empty, so the
  // parent's array below sits at its start with room for more.
  { HugeVector<uint8_t> almost_a_page((2u << 20) - 4096, 0); }
  HugeVector<uint32_t> parent(44640, 1u);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    HugeVector<uint32_t> child(44640, 2u);
    _exit(page(child.data()) != page(parent.data()) && parent.back() == 1u ? 0 : 1);
  }
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // In the parent itself the next array still shares the page.
  HugeVector<uint32_t> next(44640, 3u);
  EXPECT_EQ(page(next.data()), page(parent.data()));
}

}  // namespace
}  // namespace ccsim
