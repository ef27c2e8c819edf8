// Command-line values a fuzzer found accepted silently: a negative number read into an unsigned option
// (wrapped to 2^64-1), and a service term of 120,000 months. Each must be a usage error, exit 2, before any work.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "support/test_support.hpp"

using ccsim::test::run_ccsim;

namespace {

std::string small() { return ccsim::test::source_dir() + "/scenarios/small-center.yaml"; }
bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST(HostileArgs, NegativeSeedIsAnErrorNotAWrappedNumber) {
  const std::string dir = ccsim::test::temp_dir();
  for (const std::string bad : {"-1", "+5", "1e3", "18446744073709551616", " 7", ""}) {
    auto r = run_ccsim({"run", small(), "-r", "1", "-q", "--seed", bad, "--json", dir + "/x.json"});
    EXPECT_EQ(r.exit_code, ccsim::kExitBadInput) << "--seed '" << bad << "': " << r.err;
    EXPECT_TRUE(contains(r.err, "--seed")) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir + "/x.json"));
  }
  auto cap = run_ccsim({"capacity", small(), "-q", "--seed", "-1"});
  EXPECT_EQ(cap.exit_code, ccsim::kExitBadInput) << cap.err;
  // The largest seed is still a seed: 2^64-1 written out, into the JSON unchanged.
  auto ok = run_ccsim({"run", small(), "-r", "1", "-q", "--seed", "18446744073709551615", "--json", "-", "-o",
                       dir + "/ok.h5"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_TRUE(contains(ok.out, "18446744073709551615")) << ok.out.substr(0, 500);
}

TEST(HostileArgs, NegativeMaxPointsIsAnError) {
  auto r = run_ccsim({"report", "whatever.h5", "--max-points", "-1"});
  EXPECT_EQ(r.exit_code, ccsim::kExitBadInput) << r.err;
  EXPECT_TRUE(contains(r.err, "--max-points")) << r.err;
}

TEST(HostileArgs, ServiceTermLongerThan1200MonthsIsAnError) {
  const std::string ledger = std::string(CCSIM_TEST_DATA) + "/ledgers/march-2019-outage.csv";
  const std::string contract = ccsim::test::source_dir() + "/models/contracts/cn-ccc-2022.yaml";
  auto r = run_ccsim({"sla", "--contract", contract, "--ledger", ledger, "--service-start", "0000-01-01",
                      "--service-end", "9999-12-31"});
  EXPECT_EQ(r.exit_code, ccsim::kExitBadInput) << r.err;
  // January 0000 to December 9999 (the term ends at the start of Dec 31): 10,000 years x 12 months.
  EXPECT_TRUE(contains(r.err, "--service-end: the service term spans 120000 service months")) << r.err;
  // 100 years exactly (Jan 2019 to Dec 2118, 1200 months) is the limit and is evaluated; one day into a 1201st
  // month is not.
  auto at = run_ccsim({"sla", "--contract", contract, "--ledger", ledger, "--service-start", "2019-01-01",
                       "--service-end", "2119-01-01", "--json", "-"});
  EXPECT_EQ(at.exit_code, 0) << at.err;
  auto over = run_ccsim({"sla", "--contract", contract, "--ledger", ledger, "--service-start", "2019-01-01",
                         "--service-end", "2119-01-02"});
  EXPECT_EQ(over.exit_code, ccsim::kExitBadInput) << over.err;
  EXPECT_TRUE(contains(over.err, "spans 1201 service months")) << over.err;
}

TEST(HostileArgs, SweepLoadBeyondTheRateLimitIsAnError) {
  // small-center's 200 calls/h x 1e300 would make simulated time stand still.
  auto r = run_ccsim({"sweep", small(), "--load", "1,1e300", "-q"});
  EXPECT_EQ(r.exit_code, ccsim::kExitBadInput) << r.err;
  EXPECT_TRUE(contains(r.err, "--load: variant 'load=1e300' puts call type 'support' above the maximum rate")) << r.err;
}
