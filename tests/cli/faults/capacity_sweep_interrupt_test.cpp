// SIGINT at any moment of `ccsim capacity` and `ccsim sweep` -- between trials or variants, during their
// replications, while the outputs are written -- ends as for `ccsim run`: exit 130, a message saying what was
// kept, each target holding its previous file or a complete new one (an interrupted search or sweep is a
// complete file that says it is interrupted), no temporary file.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "cli/faults/fault_support.hpp"
#include "core/error.hpp"
#include "support/test_support.hpp"

using namespace ccsim::test;
using namespace ccsim::test::faults;
using nlohmann::json;

namespace {

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// month-2000 cut to `horizon`: a max-load search of about eight trials of 2 replications, or a sweep of three
// load factors, each trial/variant long enough (about a second) to be hit in its replications or between them.
std::vector<std::string> capacity_args(const std::string& horizon, const RunDirs& d, const std::string& seed) {
  return {"capacity", source_dir() + "/scenarios/month-2000.yaml", "-q", "-r", "2", "--set", "horizon.length=" + horizon,
          "--seed", seed, "--json", d.json, "-o", d.h5};
}
std::vector<std::string> sweep_args(const std::string& horizon, const RunDirs& d, const std::string& seed) {
  return {"sweep", source_dir() + "/scenarios/month-2000.yaml", "-q", "-r", "2", "--load", "1,1.2,1.4", "--set",
          "horizon.length=" + horizon, "--set", "seed=" + seed, "--json", d.json};
}

// Runs `args` and SIGINTs it (group or parent alone) `delay` ms into `phase`; returns its exit status and stderr.
struct Ended {
  int status = -1;
  std::string err;
};
Ended interrupt(const std::vector<std::string>& args, const RunDirs& d, Phase phase, int delay, bool whole_group) {
  const Started run = start_run(args, d.tmp, d.root + "/err.txt");
  EXPECT_GT(run.pid, 0);
  wait_for_phase(run, phase, d.tmp, d.out, delay);
  kill(whole_group ? -run.pid : run.pid, SIGINT);
  Ended e;
  e.status = wait_bounded(run.pid, 120);
  EXPECT_TRUE(group_gone(run.pid, 20));
  e.err = read_file(run.err_path);
  return e;
}

// The three things an interrupted command may have kept; exactly one must be said.
enum class Kept { kNothing, kPart, kAll, kNotInterrupted };
Kept what_was_said(const std::string& err, const std::string& nothing, const std::string& part, const std::string& all) {
  const bool n = contains(err, nothing), p = contains(err, part), a = contains(err, all);
  if (!contains(err, "interrupted")) return Kept::kNotInterrupted;
  EXPECT_EQ(n + p + a, 1) << "the command must say what it kept: " << err;
  return n ? Kept::kNothing : p ? Kept::kPart : Kept::kAll;
}

// The phases a test aims at, and the longest delay into each (within its length for these runs on an idle machine).
const Phase kPhases[] = {Phase::kLoading, Phase::kSimulation, Phase::kSimulation, Phase::kWriting};
const int kMaxDelayMs[] = {10, 8000, 8000, 30};

}  // namespace

TEST(Faults, CapacitySigintAtSeededRandomMomentsToGroupOrParent) {
  RunDirs d;
  ASSERT_EQ(run_ccsim(capacity_args("1h", d, "1")).exit_code, 0) << "the previous result";
  std::mt19937 rng(131);
  int partial = 0;
  for (int i = 0; i < 8; ++i) {
    const Phase phase = kPhases[i % 4];
    const bool whole_group = i % 2 == 0;
    const int delay = std::uniform_int_distribution<int>(0, kMaxDelayMs[i % 4])(rng);
    SCOPED_TRACE("try " + std::to_string(i) + ": SIGINT to the " + (whole_group ? "group" : "parent alone") + " " +
                 std::to_string(delay) + " ms into " + phase_name(phase));
    const std::string prev_h5 = bytes_or_empty(d.h5), prev_json = bytes_or_empty(d.json);
    const Ended e = interrupt(capacity_args("2d", d, std::to_string(300 + i)), d, phase, delay, whole_group);
    ASSERT_TRUE(WIFEXITED(e.status)) << "killed by signal " << WTERMSIG(e.status) << ": " << e.err;
    const Kept kept = what_was_said(e.err, "interrupted before any trial finished; nothing written",
                                    "interrupted: the outputs hold the ",
                                    "interrupted after the search ended: the outputs were completed first");
    EXPECT_EQ(WEXITSTATUS(e.status), kept == Kept::kNotInterrupted ? ccsim::kExitOk : ccsim::kExitInterrupted) << e.err;
    if (kept == Kept::kNothing) {
      EXPECT_EQ(read_file(d.h5), prev_h5);
      EXPECT_EQ(read_file(d.json), prev_json);
    } else {
      const json doc = json::parse(read_file(d.json));
      const bool cut = kept == Kept::kPart;
      partial += cut;
      EXPECT_EQ(doc["search"], cut ? "interrupted" : "complete");
      EXPECT_EQ(doc["interrupted"], cut);
      // No false answer: an interrupted search names no max load; a complete one does.
      EXPECT_EQ(doc["max_multiplier"].is_null(), cut) << doc["max_multiplier"];
      if (cut) {
        const std::string n = std::to_string(doc["points"].size());
        EXPECT_TRUE(contains(e.err, "the outputs hold the " + n + " trial")) << e.err;
        // Every point but the last ran all its replications; the last says whether the signal cut it short.
        for (size_t k = 0; k + 1 < doc["points"].size(); ++k) EXPECT_EQ(doc["points"][k]["interrupted"], false);
      }
      const std::string html = report_html(d.h5);
      ASSERT_FALSE(html.empty()) << "ccsim report refused the capacity file";
      EXPECT_EQ(contains(html, "INCOMPLETE SEARCH"), cut);
    }
    EXPECT_EQ(leftovers(d.out), std::vector<std::string>{});
    EXPECT_EQ(leftovers(d.tmp), std::vector<std::string>{});
  }
  EXPECT_GT(partial, 0) << "no try interrupted the search itself: the moments missed it";
}

TEST(Faults, SweepSigintAtSeededRandomMomentsToGroupOrParent) {
  RunDirs d;
  ASSERT_EQ(run_ccsim(sweep_args("1h", d, "1")).exit_code, 0) << "the previous result";
  std::mt19937 rng(132);
  int partial = 0;
  for (int i = 0; i < 8; ++i) {
    const Phase phase = kPhases[i % 4];
    const bool whole_group = i % 2 == 0;
    const int delay = std::uniform_int_distribution<int>(0, kMaxDelayMs[i % 4] / 2)(rng);
    SCOPED_TRACE("try " + std::to_string(i) + ": SIGINT to the " + (whole_group ? "group" : "parent alone") + " " +
                 std::to_string(delay) + " ms into " + phase_name(phase));
    const std::string prev_json = bytes_or_empty(d.json);
    const Ended e = interrupt(sweep_args("2d", d, std::to_string(300 + i)), d, phase, delay, whole_group);
    ASSERT_TRUE(WIFEXITED(e.status)) << "killed by signal " << WTERMSIG(e.status) << ": " << e.err;
    const Kept kept = what_was_said(e.err, "interrupted before any variant finished; nothing written",
                                    "interrupted: the outputs hold ",
                                    "interrupted after the simulation ended: the outputs were completed first");
    EXPECT_EQ(WEXITSTATUS(e.status), kept == Kept::kNotInterrupted ? ccsim::kExitOk : ccsim::kExitInterrupted) << e.err;
    if (kept == Kept::kNothing) {
      EXPECT_EQ(read_file(d.json), prev_json);
    } else {
      const json doc = json::parse(read_file(d.json));
      const bool cut = kept == Kept::kPart;
      partial += cut;
      EXPECT_EQ(doc["interrupted"], cut);
      const size_t n = doc["variants"].size();
      EXPECT_EQ(doc["variants_done"], n);
      EXPECT_EQ(doc["variants_planned"], 3);
      if (cut) {
        EXPECT_TRUE(contains(e.err, "the outputs hold " + std::to_string(n) + " of 3 variants")) << e.err;
        for (size_t k = 0; k + 1 < n; ++k) EXPECT_EQ(doc["variants"][k]["interrupted"], false);
      } else {
        EXPECT_EQ(n, 3u);
      }
    }
    EXPECT_EQ(leftovers(d.out), std::vector<std::string>{});
    EXPECT_EQ(leftovers(d.tmp), std::vector<std::string>{});
  }
  EXPECT_GT(partial, 0) << "no try interrupted the sweep itself: the moments missed it";
}

TEST(Faults, CapacityStaffingSigintKeepsTheTrialsWithoutAVerdict) {
  // A staffing search takes dozens of trials: a signal within its first seconds always cuts it. Its counts are
  // where the search stood, so neither "met" nor "targets not met" may be said.
  RunDirs d;
  std::mt19937 rng(133);
  for (int i = 0; i < 2; ++i) {
    const bool whole_group = i == 0;
    const int delay = std::uniform_int_distribution<int>(300, 4000)(rng);
    SCOPED_TRACE("try " + std::to_string(i) + ": SIGINT to the " + (whole_group ? "group" : "parent alone") + " " +
                 std::to_string(delay) + " ms into the simulation");
    std::vector<std::string> args = capacity_args("2d", d, std::to_string(400 + i));
    args.insert(args.end(), {"--mode", "staffing"});
    const Ended e = interrupt(args, d, Phase::kSimulation, delay, whole_group);
    ASSERT_TRUE(WIFEXITED(e.status)) << "killed by signal " << WTERMSIG(e.status) << ": " << e.err;
    EXPECT_EQ(WEXITSTATUS(e.status), ccsim::kExitInterrupted) << e.err;
    const json doc = json::parse(read_file(d.json));
    EXPECT_EQ(doc["search"], "interrupted");
    EXPECT_TRUE(doc["met"].is_null()) << doc["met"];
    const std::string n = std::to_string(doc["trials"].get<int>());
    EXPECT_TRUE(contains(e.err, "interrupted: the outputs hold the " + n + " trial")) << e.err;
    for (const auto& note : doc["notes"]) EXPECT_FALSE(contains(note.get<std::string>(), "not met")) << note;
    const std::string html = report_html(d.h5);
    EXPECT_TRUE(contains(html, "INCOMPLETE SEARCH"));
    EXPECT_EQ(leftovers(d.out), std::vector<std::string>{});
    EXPECT_EQ(leftovers(d.tmp), std::vector<std::string>{});
  }
}
