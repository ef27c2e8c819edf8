// The control plane's failover timeline without SimGrid: a fake driver reports power changes back at once,
// exactly as Host::on_state_change_cb does in the engine.
#include <gtest/gtest.h>

#include "platform/control_plane.hpp"
#include "platform/fault_plan.hpp"

using namespace ccsim;
using namespace ccsim::platform;

namespace {

struct FakeDriver : PlatformDriver {
  ControlPlane* cp = nullptr;
  double now = 0;
  std::vector<std::pair<int, bool>> power;
  void power_host(int h, bool on) override {
    power.emplace_back(h, on);
    cp->on_host_state(h, on, now);
  }
  void set_link(int, bool) override {}
  void live_migrate(int, int) override {}
};

Scenario platform_with(bool with_spare) {
  Scenario sc;
  sc.horizon.length = 7200;
  sc.platform.enabled = true;
  HostSpec a;
  a.name = "a";
  a.site = "main";
  sc.platform.hosts.push_back(a);
  if (with_spare) {
    HostSpec s = a;
    s.name = "spare";
    s.standby = true;
    sc.platform.hosts.push_back(s);
  }
  sc.platform.sites = {SiteSpec{"main", 0, 0}};
  sc.platform.failover.heartbeat = 4;
  sc.platform.failover.misses = 3;
  sc.platform.failover.cold_restart = 45;
  Tenant t;
  t.name = "acme";
  t.hosts = {"a"};
  sc.tenants = {t};
  DrillSpec d;
  d.name = "crash";
  d.start = 1000;
  d.target_kind = "host";
  d.target = "a";
  d.duration = 1800;
  sc.drills = {d};
  return sc;
}

void play(ControlPlane& cp, FakeDriver& drv) {
  while (cp.has_next()) {
    drv.now = cp.next_time();
    cp.run_due(drv.now);
  }
}

}  // namespace

TEST(ControlPlane, CrashTimelineIsDetectionThenColdRestart) {
  Scenario sc = platform_with(true);
  PlatformState st(sc, 0);
  ControlPlane cp(sc, st, plan_faults(sc, 0));
  FakeDriver drv;
  drv.cp = &cp;
  cp.attach({}, &drv);
  play(cp, drv);
  ASSERT_EQ(cp.incidents().size(), 1u);
  const Incident& in = cp.incidents()[0];
  const double t0 = 1000, detect = t0 + 4 * 3, migrate = detect + 45;
  EXPECT_DOUBLE_EQ(in.start, t0);
  EXPECT_DOUBLE_EQ(in.detected, detect);
  EXPECT_DOUBLE_EQ(in.migrated, migrate);
  EXPECT_DOUBLE_EQ(in.recovered, migrate);
  EXPECT_DOUBLE_EQ(in.repaired, t0 + 1800);
  EXPECT_EQ(st.slots(0)[0], st.host_index("spare"));
  // The repaired host rejoined as a spare.
  EXPECT_TRUE(st.host(st.host_index("a")).standby);
  ASSERT_EQ(drv.power.size(), 2u);
  EXPECT_FALSE(drv.power[0].second);
  EXPECT_TRUE(drv.power[1].second);
}

TEST(ControlPlane, WithoutStandbyTheOutageLastsUntilRepair) {
  Scenario sc = platform_with(false);
  PlatformState st(sc, 0);
  ControlPlane cp(sc, st, plan_faults(sc, 0));
  FakeDriver drv;
  drv.cp = &cp;
  cp.attach({}, &drv);
  // Requests during the outage fail and are attributed to the incident.
  drv.now = 1000;
  cp.run_due(1000);
  for (int i = 0; i < 7; ++i) EXPECT_TRUE(st.setup(0, 1001 + i).failure);
  play(cp, drv);
  const Incident& in = cp.incidents()[0];
  EXPECT_DOUBLE_EQ(in.detected, 1000 + 12.0);
  EXPECT_LT(in.migrated, 0);
  EXPECT_DOUBLE_EQ(in.recovered, 1000 + 1800.0);
  EXPECT_NE(in.note.find("no standby capacity"), std::string::npos);
  RepResult rr;
  rr.tenants.resize(1);
  EXPECT_EQ(cp.finish(7200, rr)[0].requests_failed, 7);
}

TEST(ControlPlane, RepairBeforeDetectionCancelsFailover) {
  Scenario sc = platform_with(true);
  sc.drills[0].duration = 5;  // back before heartbeat x misses = 12 s
  PlatformState st(sc, 0);
  ControlPlane cp(sc, st, plan_faults(sc, 0));
  FakeDriver drv;
  drv.cp = &cp;
  cp.attach({}, &drv);
  play(cp, drv);
  const Incident& in = cp.incidents()[0];
  EXPECT_LT(in.detected, 0);
  EXPECT_DOUBLE_EQ(in.recovered, 1005);
  EXPECT_EQ(st.slots(0)[0], st.host_index("a"));
}

TEST(FaultPlan, BlastRadiusAndRandomFailuresAreReproducible) {
  DrillSpec d;
  d.blast_share = 0.5;
  EXPECT_EQ(blast_size(d, 5), 3);  // ceil(2.5)
  d.blast_count = 2;
  EXPECT_EQ(blast_size(d, 5), 2);
  d.blast_count = 9;
  EXPECT_EQ(blast_size(d, 5), 5);

  Scenario sc = platform_with(true);
  sc.drills.clear();
  sc.horizon.length = 30 * 86400.0;
  sc.platform.hosts[0].mtbf = 2 * 86400.0;
  sc.platform.hosts[0].mttr = 3600;
  const auto p1 = plan_faults(sc, 3), p2 = plan_faults(sc, 3), p3 = plan_faults(sc, 4);
  ASSERT_EQ(p1.size(), p2.size());
  ASSERT_GT(p1.size(), 3u);  // about 15 expected in 30 days
  for (size_t i = 0; i < p1.size(); ++i) {
    EXPECT_EQ(p1[i].start, p2[i].start);
    EXPECT_EQ(p1[i].end, p2[i].end);
    EXPECT_LT(p1[i].start, p1[i].end < 0 ? sc.horizon.length : p1[i].end);
  }
  EXPECT_TRUE(p1.size() != p3.size() || p1[0].start != p3[0].start);  // another replication, other faults
}
