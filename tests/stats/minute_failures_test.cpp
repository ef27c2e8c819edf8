#include "stats/minute_failures.hpp"

#include <gtest/gtest.h>

namespace ccsim {
namespace {

using Failures = MinuteFailures<3>;

TEST(MinuteFailures, MinutesWithoutFailuresReadAsZeroAndStoreNothing) {
  Failures f;
  f.assign(1440);
  const Failures& c = f;
  EXPECT_EQ(c.size(), 1440u);
  EXPECT_EQ(c[17], (Failures::Row{0, 0, 0}));
  EXPECT_FALSE(c.stored(17));
  EXPECT_TRUE(c.rows().empty());
}

TEST(MinuteFailures, WritingAMinuteStoresOnlyThatMinute) {
  Failures f;
  f.assign(100);
  ++f[40][2];
  f[7][0] += 5;
  ++f[40][2];
  const Failures& c = f;
  EXPECT_EQ(c[40], (Failures::Row{0, 0, 2}));
  EXPECT_EQ(c[7], (Failures::Row{5, 0, 0}));
  EXPECT_EQ(c[8], (Failures::Row{0, 0, 0}));
  EXPECT_EQ(c.rows().size(), 2u);  // one row per minute written, not per write
  EXPECT_EQ(c.stored_minutes(), (std::vector<uint32_t>{7, 40}));
  f.assign(100);  // assign forgets every row
  EXPECT_TRUE(f.rows().empty());
  EXPECT_FALSE(f.stored(40));
}

TEST(MinuteFailures, EqualityComparesCountsNotStorage) {
  Failures a, b;
  a.assign(10);
  b.assign(10);
  ++a[3][1];
  ++b[3][1];
  b[6][0] = 0;  // a stored row of zeros is a minute without failures
  EXPECT_EQ(a, b);
  ++b[6][0];
  EXPECT_NE(a, b);
  Failures shorter;
  shorter.assign(9);
  EXPECT_NE(Failures{}, a);
  EXPECT_NE(shorter, a);
}

}  // namespace
}  // namespace ccsim
