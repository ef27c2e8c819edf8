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

TEST(Interrupt, SigintWritesCompleteFilesMarkedIncomplete) {
  const std::string dir = ccsim::test::temp_dir();
  const std::string h5 = dir + "/month.h5", json = dir + "/month.json";
  const std::string scenario = ccsim::test::source_dir() + "/scenarios/month-2000.yaml";
  pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    execl(ccsim::test::ccsim_binary().c_str(), "ccsim", "run", scenario.c_str(), "-q", "-o", h5.c_str(), "--json",
          json.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  // The month takes several seconds: interrupt it well before the end.
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
