// The ledger CSV reader: a good file, and every kind of bad row reported with file:line.
#include <gtest/gtest.h>

#include "sla/ledger_csv.hpp"
#include "sla_fixtures.hpp"

using namespace ccsim;
using namespace ccsim::sla;

namespace {
// The message of the InputError thrown for `text`, or "" when it parsed.
std::string error_of(const std::string& text) {
  try {
    parse_ledger_csv(text, "x.csv");
  } catch (const InputError& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(LedgerCsv, ParsesCausesFlagsGapsAndUnattributedFailures) {
  const std::string text =
      "# exported from monitoring\n"
      "minute,requests,failed,host_down,carrier_outage,announced,notice,recordings\n"
      "2026-03-17T08:30,120,3,2,1,0,0,40\r\n"
      "2026-03-17T08:31,100,5,1,0,1,1,35\n"
      "\n"
      "2026-03-17T08:34,10,0,0,0,0,0,0\n";
  const MinuteLedger L = parse_ledger_csv(text, "x.csv");
  EXPECT_EQ(L.start_epoch, test::epoch(2026, 3, 17, 8, 30));
  ASSERT_EQ(L.minutes(), 5u);  // 08:30 .. 08:34, gaps filled with empty minutes
  EXPECT_EQ(L.requests[0], 120u);
  EXPECT_EQ(L.failures[0][static_cast<int>(Cause::HostDown)], 2u);
  EXPECT_EQ(L.failures[0][static_cast<int>(Cause::CarrierOutage)], 1u);
  EXPECT_EQ(L.failed(0), 3u);
  // 5 failed, 1 attributed: the other 4 are platform_other.
  EXPECT_EQ(L.failures[1][static_cast<int>(Cause::PlatformOther)], 4u);
  EXPECT_EQ(L.announced_event[1], 1);
  EXPECT_EQ(L.qps_notice[1], 1);
  EXPECT_EQ(L.requests[2], 0u);
  EXPECT_EQ(L.requests[4], 10u);
  ASSERT_EQ(L.recordings.size(), 5u);
  EXPECT_EQ(L.recordings[1], 35u);
}

TEST(LedgerCsv, WithoutCauseColumnsAllFailuresArePlatformOther) {
  const MinuteLedger L = parse_ledger_csv("minute,requests,failed\n2026-01-01T00:00,10,4\n", "x.csv");
  EXPECT_EQ(L.failures[0][static_cast<int>(Cause::PlatformOther)], 4u);
  EXPECT_TRUE(L.recordings.empty());
}

struct BadCase {
  const char* name;
  std::string text;
  const char* located;  // "x.csv:LINE:" prefix expected in the message
  const char* says;     // a phrase of the message
};

class LedgerCsvErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(LedgerCsvErrors, ReportsFileAndLine) {
  const auto& c = GetParam();
  const std::string msg = error_of(c.text);
  ASSERT_FALSE(msg.empty()) << c.name << ": accepted";
  EXPECT_NE(msg.find(c.located), std::string::npos) << c.name << ": " << msg;
  EXPECT_NE(msg.find(c.says), std::string::npos) << c.name << ": " << msg;
}

const std::string kHead = "minute,requests,failed,host_down\n";
INSTANTIATE_TEST_SUITE_P(
    Cases, LedgerCsvErrors,
    ::testing::Values(
        BadCase{"unknown_cause", "minute,requests,failed,meteor_strike\n2026-01-01T00:00,1,0,0\n", "x.csv:1:24:",
                "unknown column 'meteor_strike'"},
        BadCase{"missing_failed", "minute,requests\n2026-01-01T00:00,1\n", "x.csv:1:", "missing column 'failed'"},
        BadCase{"field_count", kHead + "2026-01-01T00:00,1,0,0\n2026-01-01T00:01,1,0\n", "x.csv:3:", "3 fields"},
        BadCase{"bad_time", kHead + "2026-13-01T00:00,1,0,0\n", "x.csv:2:1:", "not a minute timestamp"},
        BadCase{"seconds", kHead + "2026-01-01T00:00:30,1,0,0\n", "x.csv:2:1:", "whole minute"},
        BadCase{"negative", kHead + "2026-01-01T00:00,-5,0,0\n", "x.csv:2:18:", "negative"},
        BadCase{"not_number", kHead + "2026-01-01T00:00,12x,0,0\n", "x.csv:2:18:", "not a count"},
        BadCase{"failed_gt_requests", kHead + "2026-01-01T00:00,5,6,6\n", "x.csv:2:", "exceeds requests"},
        BadCase{"cause_sum", kHead + "2026-01-01T00:00,9,2,3\n", "x.csv:2:", "cause columns sum to 3"},
        BadCase{"duplicate", kHead + "2026-01-01T00:00,1,0,0\n2026-01-01T00:00,1,0,0\n", "x.csv:3:",
                "duplicate minute"},
        BadCase{"unsorted", kHead + "2026-01-01T00:05,1,0,0\n2026-01-01T00:01,1,0,0\n", "x.csv:3:", "out of order"},
        BadCase{"flag", "minute,requests,failed,announced\n2026-01-01T00:00,1,0,yes\n", "x.csv:2:", "not a flag"},
        BadCase{"empty", "", "x.csv:1:", "empty ledger"},
        BadCase{"header_only", kHead, "x.csv:1:", "no minutes"},
        BadCase{"dup_column", "minute,requests,failed,failed\n2026-01-01T00:00,1,0,0\n", "x.csv:1:", "duplicate column"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(LedgerCsv, ReportsEveryBadRowAtOnce) {
  const std::string msg = error_of(kHead + "2026-01-01T00:00,-1,0,0\n2026-01-01T00:01,1,0,0\n2026-01-01T00:02,1,2,2\n");
  EXPECT_NE(msg.find("x.csv:2:"), std::string::npos) << msg;
  EXPECT_NE(msg.find("x.csv:4:"), std::string::npos) << msg;
  EXPECT_EQ(msg.find("x.csv:3:"), std::string::npos) << msg;
}

TEST(SideFiles, NoticesHolidaysAndFees) {
  const std::string dir = test::temp_dir();
  const auto notices = read_notices(test::write_file(dir, "n.csv", "from,to\n2026-03-20T08:00,2026-03-20T20:00\n"));
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_EQ(notices[0].to - notices[0].from, 12 * 3600);
  const auto cal = read_holidays(test::write_file(dir, "h.txt", "# holidays\n2026-10-01\n2026-10-10,workday\n"));
  EXPECT_FALSE(cal.is_business_day({2026, 10, 1}));   // a Thursday, holiday
  EXPECT_TRUE(cal.is_business_day({2026, 10, 10}));   // a Saturday, make-up working day
  EXPECT_THROW(read_holidays(test::write_file(dir, "bad.txt", "2026-02-30\n")), InputError);
  const auto fees = read_fees(test::write_file(dir, "f.csv", "month,fee\n2026-03,1000.50\n2026-04,2000\nprior_12m,99.99\n"));
  EXPECT_EQ(fees.prior_12m_cents, 9999);
  const auto months = service_months(test::epoch(2026, 3, 17), test::epoch(2026, 5, 1));
  EXPECT_EQ(fees_for_months(fees, months), (std::vector<int64_t>{100050, 200000}));
  try {
    fees_for_months(fees, service_months(test::epoch(2026, 3, 17), test::epoch(2026, 6, 1)));
    FAIL() << "missing month accepted";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no fee for service month 2026-05"), std::string::npos) << e.what();
  }
  try {
    read_notices(test::write_file(dir, "n2.csv", "2026-03-20T08:00,2026-03-20T07:00\n"));
    FAIL();
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("n2.csv:1:"), std::string::npos) << e.what();
  }
}
