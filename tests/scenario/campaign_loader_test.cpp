// Outbound campaigns in the scenario loader (issue 15): a campaign resolves with its defaults and names, and a
// contact list file is read with its own file:line:col diagnostics.
#include <gtest/gtest.h>

#include <fstream>

#include "core/error.hpp"
#include "scenario/loader.hpp"
#include "support/test_support.hpp"

using namespace ccsim;

namespace {

const std::string kTenant =
    "horizon: {start: 2026-03-16T00:00, length: 1d}\n"
    "tenants:\n"
    "  - name: a\n"
    "    trunks: [{name: pstn, channels: 10}, {name: out, channels: 5}]\n"
    "    groups: [{name: g, agents: 3}, {name: col}]\n"
    "    agents: [{name: blended, skills: [g, col], agents: 2}]\n"
    "    call_types: [{name: g, arrivals: {rate: 1}}]\n";

void write(const std::string& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace

TEST(CampaignLoader, ResolvesNamesDefaultsAndReadings) {
  const Scenario sc = load_scenario_text(kTenant +
                                             "    blending: {keep_free: 1, stop_service_level_below: 70%}\n"
                                             "    campaigns:\n"
                                             "      - name: c\n"
                                             "        group: col\n"
                                             "        trunk_group: out\n"
                                             "        contacts: 4\n"
                                             "        time_zone: \"-05:30\"\n"
                                             "        retry_delay: {busy: 10min}\n"
                                             "        dialer: {mode: predictive, abandon_limit: 3%, abandon_base: answered}\n"
                                             "        rules: {windows: [{days: [mon], from: \"09:00\", to: \"20:00\"}], attempts_per_day: 2}\n",
                                         "t.yaml");
  const Tenant& t = sc.tenants[0];
  ASSERT_EQ(t.campaigns.size(), 1u);
  const Campaign& c = t.campaigns[0];
  EXPECT_EQ(c.group_index, 1);
  EXPECT_EQ(c.trunk_group, 1);
  ASSERT_EQ(c.contacts.size(), 4u);
  EXPECT_DOUBLE_EQ(c.contacts[0].tz_offset, -5.5 * 3600);
  EXPECT_EQ(c.retry_delay[RR_BUSY].mean, 600);
  EXPECT_EQ(c.retry_delay[RR_NO_ANSWER].mean, 3600);  // default
  EXPECT_EQ(c.dialer.mode, DialerMode::Predictive);
  EXPECT_EQ(c.dialer.abandon_base, AbandonBase::Answered);
  EXPECT_DOUBLE_EQ(c.dialer.compliance_window, 2);  // default
  ASSERT_EQ(c.rules.windows.size(), 1u);
  EXPECT_TRUE(c.rules.windows[0].days[0]);
  EXPECT_FALSE(c.rules.windows[0].days[1]);
  EXPECT_EQ(c.rules.attempts_per_day, 2);
  EXPECT_EQ(t.blending.keep_free, 1);
  EXPECT_DOUBLE_EQ(t.blending.resume_sl_above, 0.7);  // no resume threshold: resumes at the stop threshold
}

TEST(CampaignLoader, ContactFileRowsAndLocatedErrors) {
  const std::string dir = test::temp_dir();
  write(dir + "/good.csv", "id,tz_offset,prefix\nx1,+01:00,+1555\nx2,-2h,+44\n");
  write(dir + "/bad.csv", "id,tz_offset,prefix\nx1,+01:00,+1555\nx2,+25:00,+44\n");
  const std::string campaign = "    campaigns:\n      - {name: c, group: col, contacts_file: ";
  write(dir + "/good.yaml", kTenant + campaign + "good.csv}\n");
  const Scenario sc = load_scenario(dir + "/good.yaml");
  const Campaign& c = sc.tenants[0].campaigns[0];
  ASSERT_EQ(c.contacts.size(), 2u);
  EXPECT_DOUBLE_EQ(c.contacts[0].tz_offset, 3600);
  EXPECT_DOUBLE_EQ(c.contacts[1].tz_offset, -7200);
  EXPECT_EQ(c.contacts[1].prefix, "+44");
  write(dir + "/bad.yaml", kTenant + campaign + "bad.csv}\n");
  try {
    load_scenario(dir + "/bad.yaml");
    FAIL() << "accepted a contact list with a bad time-zone offset";
  } catch (const InputError& e) {
    ASSERT_EQ(e.diagnostics().size(), 1u);
    const Diagnostic& d = e.diagnostics()[0];
    EXPECT_EQ(d.loc.file, dir + "/bad.csv");
    EXPECT_EQ(d.loc.line, 3);
    EXPECT_EQ(d.loc.col, 4);  // the second cell of "x2,+25:00,+44"
    EXPECT_EQ(d.path, "tenants[0].campaigns[0].contacts_file");
    EXPECT_NE(d.message.find("'+25:00' is not a time-zone offset"), std::string::npos) << d.message;
  }
}
