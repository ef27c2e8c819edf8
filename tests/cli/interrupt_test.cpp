// SIGINT stops a run cleanly: workers finish their current chunk, the outputs are written completely and
// marked incomplete, and the exit code says the run was interrupted.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/error.hpp"
#include "output/h5_reader.hpp"
#include "support/test_support.hpp"

namespace {

// A valid but heavy scenario: 1,000,000 calls/h (the maximum rate) for 20 days, far more than any test waits for.
// (A month of month-2000 was used before; it now simulates in about a second, sooner than the tests' waits.)
std::string storm_scenario(const std::string& dir) {
  return ccsim::test::write_file(dir, "storm.yaml",
                                 "horizon: {start: 2026-03-16T00:00, length: 20d, interval: 1h}\n"
                                 "tenants:\n"
                                 "  - name: t\n"
                                 "    groups: [{name: g, agents: 50, queue_capacity: 5}]\n"
                                 "    call_types: [{name: c, arrivals: {rate: 1000000/h}, route: [g], handle: 3min}]\n");
}

}  // namespace

TEST(Interrupt, SigintWritesCompleteFilesMarkedIncomplete) {
  const std::string dir = ccsim::test::temp_dir();
  const std::string h5 = dir + "/storm.h5", json = dir + "/storm.json";
  const std::string scenario = storm_scenario(ccsim::test::temp_dir());  // not in `dir`, whose files are counted
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl(ccsim::test::ccsim_binary().c_str(), "ccsim", "run", scenario.c_str(), "-r", "1", "-q", "-o", h5.c_str(),
          "--json", json.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // The storm takes many minutes: interrupt it well before the end.
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  kill(pid, SIGINT);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), ccsim::kExitInterrupted);
  ccsim::H5Results r(h5);
  EXPECT_EQ(r.attr_int("/", "complete").value_or(-1), 0);
  auto doc = nlohmann::json::parse(ccsim::test::read_file(json));
  EXPECT_EQ(doc["run"]["interrupted"], true);
  // No temporary file is left in the output directory.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    ++files;
    EXPECT_EQ(e.path().string().find(".tmp"), std::string::npos) << e.path();
  }
  EXPECT_EQ(files, 2);
}


TEST(Interrupt, SigtermToTheParentAloneStopsTheWorkers) {
  // `kill PID` / `docker stop` signal the parent only. It must forward the stop to its workers (each would
  // otherwise simulate its 20 days to the end) and write what was simulated, marked incomplete.
  const std::string dir = ccsim::test::temp_dir();
  const std::string scenario = storm_scenario(dir), json = dir + "/s.json", h5 = dir + "/s.h5";
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setpgid(0, 0);  // its own group, so the bound below can kill the workers too
    execl(ccsim::test::ccsim_binary().c_str(), "ccsim", "run", scenario.c_str(), "-r", "2", "-j", "2", "-q", "-o",
          h5.c_str(), "--json", json.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  kill(pid, SIGTERM);
  const int status = ccsim::test::wait_bounded(pid, 120);  // generous; the whole run would take many minutes
  ASSERT_NE(status, -1) << "the run did not stop after SIGTERM to the parent";
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), ccsim::kExitInterrupted);
  auto doc = nlohmann::json::parse(ccsim::test::read_file(json));
  EXPECT_EQ(doc["run"]["interrupted"], true);
  EXPECT_EQ(doc["run"]["complete_replications"], 0);
  EXPECT_LT(doc["run"]["sim_seconds"].get<double>(), 20 * 86400.0);
  ccsim::H5Results r(h5);
  EXPECT_EQ(r.attr_int("/", "complete").value_or(-1), 0);
}

TEST(Interrupt, CtrlCToTheProcessGroupWritesOutputsMarkedIncomplete) {
  // What a terminal's Ctrl-C does: SIGINT to every process of the foreground group, workers included. SimGrid
  // installs its own SIGINT handler (exit 1) when a worker creates its engine; ccsim's must win.
  const std::string dir = ccsim::test::temp_dir();
  const std::string h5 = dir + "/m.h5", json = dir + "/m.json";
  const std::string scenario = storm_scenario(dir);
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    setsid();  // a group of its own, like a shell job
    execl(ccsim::test::ccsim_binary().c_str(), "ccsim", "run", scenario.c_str(), "-r", "2", "-j", "2", "-q", "-o",
          h5.c_str(), "--json", json.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(3000));  // both workers deep in their 20 days
  ASSERT_EQ(kill(-pid, SIGINT), 0);
  const int status = ccsim::test::wait_bounded(pid, 120);
  ASSERT_NE(status, -1) << "the run did not stop after Ctrl-C";
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
  EXPECT_EQ(WEXITSTATUS(status), ccsim::kExitInterrupted);
  auto doc = nlohmann::json::parse(ccsim::test::read_file(json));
  EXPECT_EQ(doc["run"]["interrupted"], true);
  EXPECT_EQ(doc["run"]["replications"], 2);  // both workers reported what they simulated
  ccsim::H5Results r(h5);
  EXPECT_EQ(r.attr_int("/", "complete").value_or(-1), 0);
}
