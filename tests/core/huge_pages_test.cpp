// HugePageAllocator: large arrays sit on whole, aligned 2 MiB pages (so THP can back every byte of them),
// small ones come from operator new, and the vectors behave like plain ones.
#include "core/huge_pages.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>

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

}  // namespace
}  // namespace ccsim
