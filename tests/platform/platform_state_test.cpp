// PlatformState (the call-setup hook) without any engine: limits, balancing, reachability, standby choice.
#include <gtest/gtest.h>

#include "platform/platform_state.hpp"

using namespace ccsim;
using platform::PlatformState;

namespace {

Scenario two_sites(double cps = 0, int max_conc = 0) {
  Scenario sc;
  sc.platform.enabled = true;
  sc.platform.sites = {SiteSpec{"main", 0, 0}, SiteSpec{"backup", 0, 0}};
  auto host = [&](std::string name, std::string site, bool standby) {
    HostSpec h;
    h.name = std::move(name);
    h.site = std::move(site);
    h.cps_limit = cps;
    h.max_concurrent = max_conc;
    h.standby = standby;
    return h;
  };
  sc.platform.hosts = {host("a", "main", false), host("b", "main", false), host("spare-backup", "backup", true),
                       host("spare-main", "main", true)};
  LinkSpec l;
  l.name = "wan";
  l.from_site = "main";
  l.to_site = "backup";
  sc.platform.links = {l};
  Tenant t;
  t.name = "acme";
  t.hosts = {"a", "b"};
  sc.tenants = {t};
  return sc;
}

}  // namespace

TEST(PlatformState, CpsLimitIsASlidingOneSecondWindow) {
  Scenario sc = two_sites(3);
  sc.tenants[0].hosts = {"a"};
  PlatformState st(sc, 0);
  for (double t : {0.0, 0.1, 0.2}) EXPECT_FALSE(st.setup(0, t).failure) << t;
  auto s = st.setup(0, 0.3);
  ASSERT_TRUE(s.failure);
  EXPECT_EQ(*s.failure, Cause::HostOverloadCps);
  // At 1.05 s the setup of t = 0.0 has left the window (0.05, 1.05]: one slot is free again, not two.
  EXPECT_FALSE(st.setup(0, 1.05).failure);
  EXPECT_TRUE(st.setup(0, 1.06).failure);
}

TEST(PlatformState, ConcurrencyLimitFreesOnRelease) {
  Scenario sc = two_sites(0, 2);
  sc.tenants[0].hosts = {"a"};
  PlatformState st(sc, 0);
  const auto s1 = st.setup(0, 0), s2 = st.setup(0, 1);
  ASSERT_FALSE(s1.failure);
  ASSERT_FALSE(s2.failure);
  auto s3 = st.setup(0, 2);
  ASSERT_TRUE(s3.failure);
  EXPECT_EQ(*s3.failure, Cause::HostOverloadConcurrency);
  st.release(s1.host, 3);
  EXPECT_FALSE(st.setup(0, 4).failure);
}

TEST(PlatformState, RoundRobinSendsEveryOtherRequestToADownHost) {
  Scenario sc = two_sites();
  PlatformState st(sc, 0);
  st.set_host_up(st.host_index("a"), false);
  int down = 0;
  for (int i = 0; i < 10; ++i) {
    auto s = st.setup(0, i);
    if (s.failure) {
      EXPECT_EQ(*s.failure, Cause::HostDown);
      ++down;
    }
  }
  EXPECT_EQ(down, 5);
  // After failover the slot is served by the spare: no more failures.
  st.move_slots(st.host_index("a"), st.host_index("spare-main"));
  for (int i = 0; i < 10; ++i) EXPECT_FALSE(st.setup(0, 20 + i).failure);
}

TEST(PlatformState, PartitionsFailWithLinkDown) {
  Scenario sc = two_sites();
  PlatformState st(sc, 0);
  const int backup = st.site_index("backup"), main = st.site_index("main");
  EXPECT_TRUE(st.reachable(main, backup));
  st.set_link_down(0, true, -1);
  EXPECT_FALSE(st.reachable(main, backup));
  // A tenant entering at main whose slot moved to the backup site cannot reach it.
  st.move_slots(st.host_index("a"), st.host_index("spare-backup"));
  int link_down = 0;
  for (int i = 0; i < 4; ++i) {
    auto s = st.setup(0, i);
    if (s.failure && *s.failure == Cause::LinkDown) ++link_down;
  }
  EXPECT_EQ(link_down, 2);
  st.set_link_down(0, false, -1);
  st.set_site_cut(main, true, -1);
  auto s = st.setup(0, 10);
  ASSERT_TRUE(s.failure);
  EXPECT_EQ(*s.failure, Cause::LinkDown);
}

TEST(PlatformState, StandbySameSiteFirstThenOtherSite) {
  Scenario sc = two_sites();
  PlatformState st(sc, 0);
  const int a = st.host_index("a");
  EXPECT_EQ(st.pick_standby(a, true), st.host_index("spare-main"));
  st.host(st.host_index("spare-main")).reserved = true;
  EXPECT_EQ(st.pick_standby(a, true), st.host_index("spare-backup"));
  st.set_link_down(0, true, -1);  // the backup spare is unreachable from the tenant's entry site
  EXPECT_EQ(st.pick_standby(a, true), -1);
}

TEST(PlatformState, DegradedHostFailsItsShareAndAddsLatency) {
  Scenario sc = two_sites();
  sc.tenants[0].hosts = {"a"};
  PlatformState st(sc, 0);
  st.set_degraded(0, 0.25, 0.5);
  int failed = 0;
  const int n = 4000;
  for (int i = 0; i < n; ++i) {
    auto s = st.setup(0, i);
    if (s.failure) {
      EXPECT_EQ(*s.failure, Cause::Degraded);
      ++failed;
    } else {
      EXPECT_DOUBLE_EQ(s.added_latency, 0.5);
      st.release(s.host, i);
    }
  }
  // Binomial(4000, 0.25): mean 1000, sd 27.4; 5 sd either side.
  EXPECT_NEAR(failed, 1000, 137);
}
