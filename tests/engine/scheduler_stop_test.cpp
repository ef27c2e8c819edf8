// The SimGrid scheduler stops on its stop flag (set by SIGINT/SIGTERM) even when events keep falling on one
// date, which is what `rate: 1e308/s` did: every next arrival was at the same double-precision time, so the
// run never reached the end of a chunk where interrupts used to be checked.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/NetZone.hpp>
#include <xbt/log.h>

#include "engine/simgrid_scheduler.hpp"

using namespace ccsim;

namespace {

volatile sig_atomic_t g_stop = 0;

// Reschedules itself at the current date forever; raises the stop flag after `signal_after` events (as a
// signal handler would).
class SameDateStorm : public EventSink {
 public:
  SameDateStorm(SimgridScheduler& s, uint64_t signal_after) : s_(s), signal_after_(signal_after) {}
  void on_event(uint64_t) override {
    if (++count_ == signal_after_) g_stop = 1;
    s_.at(s_.now(), this, 0);
  }
  uint64_t count() const { return count_; }

 private:
  SimgridScheduler& s_;
  uint64_t signal_after_;
  uint64_t count_ = 0;
};

}  // namespace

TEST(SchedulerStop, StopFlagEndsASameDateEventStorm) {
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    alarm(60);  // the bound: without the flag check this child never returns from run_until
    std::vector<std::string> args = {"t", "--cfg=contexts/factory:raw"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    int argc = static_cast<int>(argv.size());
    xbt_log_control_set("root.thresh:critical");
    simgrid::s4u::Engine engine(&argc, argv.data());
    auto* zone = simgrid::s4u::create_full_zone("z");  // SimGrid runs nothing without a platform
    zone->create_host("h", 1e9);
    zone->seal();
    SimgridScheduler sched;
    sched.set_stop_flag(&g_stop);
    SameDateStorm storm(sched, 100000);
    sched.at(5.0, &storm, 0);
    engine.run_until(100.0);
    // Stopped at the storm's date, within one check interval (4096 events) of the flag.
    const bool ok = sched.stopped() && sched.stopped_at() == 5.0 && storm.count() >= 100000 &&
                    storm.count() < 100000 + 4096 + 1;
    _exit(ok ? 0 : 3);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status)) << "child killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
  EXPECT_EQ(WEXITSTATUS(status), 0);
}
