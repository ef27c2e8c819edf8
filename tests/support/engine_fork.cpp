#include "support/engine_fork.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <string>

#include "engine/engine_run.hpp"
#include "stats/rep_result_io.hpp"

namespace ccsim::test {

namespace {
void write_all(int fd, const std::string& bytes) {
  size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t w = write(fd, bytes.data() + off, bytes.size() - off);
    if (w <= 0) return;
    off += static_cast<size_t>(w);
  }
}
}  // namespace

RepResult run_engine_forked(const Scenario& sc, int replication) {
  int fd[2];
  if (pipe(fd) != 0) throw std::runtime_error("pipe");
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork");
  if (pid == 0) {
    close(fd[0]);
    int code = 0;
    try {
      write_all(fd[1], encode_rep_result(run_replication(sc, replication, EngineRunOptions{})));
    } catch (...) {
      code = 1;
    }
    close(fd[1]);
    _exit(code);
  }
  close(fd[1]);
  std::string bytes;
  char buf[65536];
  for (ssize_t r; (r = read(fd[0], buf, sizeof buf)) > 0;) bytes.append(buf, static_cast<size_t>(r));
  close(fd[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) throw std::runtime_error("engine child failed");
  return decode_rep_result(bytes);
}

}  // namespace ccsim::test
