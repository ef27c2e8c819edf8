// Inputs a fuzzer found that crashed or hung the scenario loader (tests/data/fuzz/, minimized). Each runs through
// the built binary under `timeout`: it must finish (a generous bound, not a speed test) with exit 2 and a
// located error, never a signal, an "internal error" (exit 1) or a hang.
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "core/error.hpp"
#include "scenario/loader.hpp"
#include "support/test_support.hpp"

using namespace ccsim;
using ccsim::test::ProcResult;

namespace {

// Far beyond the fraction of a second each case takes now; the old code crashed or ran for minutes.
constexpr const char* kBound = "120";
constexpr int kTimedOut = 124;  // timeout(1)'s exit code

std::string fuzz_file(const std::string& name) { return std::string(CCSIM_TEST_DATA) + "/fuzz/" + name; }

ProcResult validate_bounded(const std::string& file) {
  return test::run_program({"timeout", kBound, test::ccsim_binary(), "validate", file});
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

void expect_located_error(const ProcResult& r, const std::string& location_and_message) {
  EXPECT_NE(r.exit_code, kTimedOut) << "did not finish";
  EXPECT_EQ(r.exit_code, kExitBadInput) << r.err.substr(0, 2000);
  EXPECT_TRUE(contains(r.err, location_and_message)) << r.err.substr(0, 2000);
  EXPECT_FALSE(contains(r.err, "internal error")) << r.err;
}

}  // namespace

TEST(FuzzRegression, F03SelfAliasIsACycleNotAStackOverflow) {
  const std::string f = fuzz_file("F03-self-alias.yaml");  // x: &a [*a]
  expect_located_error(validate_bounded(f), f + ":1:4: x[0]: this value contains itself through an alias (a cycle)");
}

TEST(FuzzRegression, AliasCycleInsideKnownKeysIsRefusedByTheLoader) {
  // The schema walk (not only the duplicate-key walk) would recurse into a cycle under a known key.
  EXPECT_THROW(load_scenario_text("tenants: &t [{name: a, groups: *t}]\n", "t.yaml"), InputError);
  try {
    load_scenario_text("tenants: &t [{name: a, groups: *t}]\n", "t.yaml");
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "t.yaml:1:10: tenants[0].groups: this value contains itself")) << e.what();
  }
}

TEST(FuzzRegression, AliasChainDeeperThanTheLimitIsLocated) {
  // 200 anchors, each a list holding the previous one: 200 levels once aliases are expanded.
  std::string text = "a0: &a0 [x]\n";
  for (int i = 1; i < 200; ++i)
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [*a" + std::to_string(i - 1) + "]\n";
  try {
    load_scenario_text(text, "t.yaml");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "nested too deeply (more than 128 levels, counting values reached through aliases)"))
        << e.what();
  }
}

TEST(FuzzRegression, F04aThirtyThousandCharacterNameIsTooLong) {
  const std::string f = fuzz_file("F04a-long-name.yaml");
  expect_located_error(validate_bounded(f), f + ":8:7: name: value is too long (30000 characters; at most 1024)");
}

TEST(FuzzRegression, F04bSixteenThousandDigitDurationIsTooLong) {
  const std::string f = fuzz_file("F04b-redos-duration-16000.yaml");
  expect_located_error(validate_bounded(f),
                       f + ":46:17: tenants[0].call_types[0].wrapup: value is too long (16001 characters; at most 1024)");
}

TEST(FuzzRegression, HugeUnquotedNumberIsOutOfRangeNotARegexOverflow) {
  // An unquoted 40,000-digit number is typed by the schema check's number scanner (formerly std::regex).
  const std::string text = "seed: " + std::string(40000, '7') + "\ntenants: []\n";
  try {
    load_scenario_text(text, "t.yaml");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "t.yaml:1:7: seed:")) << std::string(e.what()).substr(0, 300);
  }
}

TEST(FuzzRegression, F05aRouteDuplicatesReportedOncePerStepAndCapped) {
  const std::string f = fuzz_file("F05a-route-dups-1600.yaml");  // route: [support] x 1600
  const ProcResult r = validate_bounded(f);
  expect_located_error(r, f + ":44:25: tenants[0].call_types[0].route[1]: group 'support' appears twice in the route");
  // 1599 repeats, one problem each (not one per pair); the message shows the first 100 (kMaxReportedDiagnostics).
  EXPECT_TRUE(contains(r.err, "1599 problems")) << r.err.substr(r.err.size() > 300 ? r.err.size() - 300 : 0);
  EXPECT_TRUE(contains(r.err, "... and 1499 more problems"));
  EXPECT_TRUE(contains(r.err, "route[100]: group"));    // the 100th problem is printed
  EXPECT_FALSE(contains(r.err, "route[101]: group"));   // the 101st is not
}

TEST(FuzzRegression, ManyDuplicateGroupNamesFinish) {
  // 20,000 groups all named g: the duplicate check was pairwise (32k took minutes).
  std::string groups;
  for (int i = 0; i < 20000; ++i) groups += (i ? ", " : "") + std::string("{name: g, agents: 1}");
  const std::string f = test::write_file(test::temp_dir(), "dups.yaml",
                                         "tenants:\n  - name: t\n    groups: [" + groups +
                                             "]\n    call_types: [{name: c, arrivals: {rate: 10/h}, route: [g]}]\n");
  const ProcResult r = validate_bounded(f);
  expect_located_error(r, f + ":3:43: tenants[0].groups[1].name: duplicate group name 'g' (first used at line 3)");
  EXPECT_TRUE(contains(r.err, "19999 problems"));
}

TEST(FuzzRegression, F06RateAboveTheMaximumIsRefused) {
  const std::string f = fuzz_file("F06-huge-rate.yaml");  // rate: 1e308/s
  expect_located_error(validate_bounded(f),
                       f + ":43:17: tenants[0].call_types[0].arrivals.rate: rate 1e308/s is above the maximum of 1000000/h");
}

TEST(FuzzRegression, PeakRateThroughFactorsIsRefused) {
  // Each number is fine alone; 900000/h x 2 on the override window is 1.8M/h.
  const std::string text =
      "horizon: {start: 2026-03-16T00:00, length: 2h}\n"
      "tenants:\n"
      "  - name: t\n"
      "    groups: [{name: g, agents: 2}]\n"
      "    call_types:\n"
      "      - name: c\n"
      "        arrivals: {rate: 900000/h, overrides: [{from: 1h, to: 2h, factor: 2}]}\n"
      "        route: [g]\n";
  try {
    load_scenario_text(text, "t.yaml");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "t.yaml:7:19: tenants[0].call_types[0].arrivals: peak arrival rate 1.8e+06/h")) << e.what();
  }
  // The same factor on a rate whose peak stays under the maximum loads.
  std::string ok = text;
  ok.replace(ok.find("900000/h"), 8, "500000/h");
  EXPECT_NO_THROW(load_scenario_text(ok, "t.yaml"));
}

TEST(FuzzRegression, DurationAboveTheMaximumIsRefused) {
  const std::string text =
      "tenants: [{name: t, groups: [{name: g, agents: 1}],"
      " call_types: [{name: c, arrivals: {rate: 10/h}, route: [g], handle: 4000d}]}]\n";
  try {
    load_scenario_text(text, "t.yaml");
    ADD_FAILURE() << "accepted";
  } catch (const InputError& e) {
    EXPECT_TRUE(contains(e.what(), "tenants[0].call_types[0].handle: duration 4000d is longer than the maximum of 3650d"))
        << e.what();
  }
}

TEST(FuzzRegression, F08Latin1ByteIsALocatedInputError) {
  const std::string f = fuzz_file("F08-latin1.yaml");  // "description: caf\xe9"
  expect_located_error(validate_bounded(f), f + ":2:17: invalid UTF-8: byte 0xe9");
  const ProcResult run = test::run_program({"timeout", kBound, test::ccsim_binary(), "run", f, "-r", "1", "-q",
                                            "-o", test::temp_dir() + "/x.h5"});
  expect_located_error(run, f + ":2:17: invalid UTF-8: byte 0xe9");
}

TEST(FuzzRegression, Latin1InAReferencedPriceListFailsBeforeTheRun) {
  const std::string dir = test::temp_dir();
  std::string prices = test::read_file(test::source_dir() + "/models/billing/standard-2024.yaml");
  prices.replace(prices.find("id: standard-2024"), 17, "id: standard-2024\xe9");
  test::write_file(dir, "prices.yaml", prices);
  const std::string sc = test::write_file(
      dir, "s.yaml",
      "horizon: {length: 1h}\n"
      "tenants:\n"
      "  - name: t\n"
      "    groups: [{name: g, agents: 2}]\n"
      "    call_types: [{name: c, arrivals: {rate: 10/h}, route: [g], handle: 3min}]\n"
      "    billing: {price_list: prices.yaml}\n");
  const std::string loc = dir + "/prices.yaml:4:20: invalid UTF-8: byte 0xe9";
  expect_located_error(validate_bounded(sc), loc);
  for (const std::string cmd : {"run", "sweep", "capacity"}) {
    std::vector<std::string> argv{"timeout", kBound, test::ccsim_binary(), cmd, sc, "-r", "2", "-q", "--json",
                                  dir + "/out.json"};
    if (cmd == "sweep") argv.insert(argv.end(), {"--load", "1"});
    if (cmd == "capacity") argv.insert(argv.end(), {"--target", "service_level=0.8"});
    expect_located_error(test::run_program(argv), loc);
    EXPECT_FALSE(std::filesystem::exists(dir + "/out.json")) << cmd;
  }
}

TEST(FuzzRegression, InvalidUtf8FormsAreRefusedValidOnesPass) {
  // Overlong "/" (c0 af), a UTF-16 surrogate (ed a0 80), beyond U+10FFFF (f4 90 80 80), a truncated sequence.
  for (const std::string bad : {"\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
    try {
      load_scenario_text("name: x" + bad + "\ntenants: []\n", "t.yaml");
      ADD_FAILURE() << "accepted";
    } catch (const InputError& e) {
      EXPECT_TRUE(contains(e.what(), "t.yaml:1:8: invalid UTF-8")) << e.what();
    }
  }
  // Two-, three- and four-byte characters are text, not errors ("café €, 𝄞" in the description).
  const std::string text =
      "description: \"caf\xc3\xa9 \xe2\x82\xac \xf0\x9d\x84\x9e\"\n"
      "tenants: [{name: t, groups: [{name: g, agents: 1}], call_types: [{name: c, arrivals: {rate: 10/h}, route: [g]}]}]\n";
  EXPECT_NO_THROW(load_scenario_text(text, "t.yaml"));
}
