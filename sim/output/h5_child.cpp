#include "output/h5_child.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <exception>
#include <stdexcept>

namespace ccsim::h5 {

namespace {

constexpr size_t kMaxMessage = 4096;  // the child's message is bounded: it may quote damaged file content

[[noreturn]] void child_main(const std::function<void()>& work, int fd) {
  std::string msg;
  try {
    work();
  } catch (const std::exception& e) {
    msg = e.what();
    if (msg.empty()) msg = "failed";
  } catch (...) {
    msg = "failed";
  }
  msg.resize(std::min(msg.size(), kMaxMessage));
  for (size_t done = 0; done < msg.size();) {
    const ssize_t n = ::write(fd, msg.data() + done, msg.size() - done);
    if (n <= 0 && errno != EINTR) break;
    if (n > 0) done += static_cast<size_t>(n);
  }
  // _exit: no atexit handlers, so libhdf5 does not try to close (and crash on) what the work left open.
  ::_exit(msg.empty() ? 0 : 1);
}

// Reads the child's message until it closes the pipe or the deadline passes; false on timeout.
bool read_until_eof(int fd, std::string& msg, double limit_seconds) {
  using clock = std::chrono::steady_clock;
  const auto deadline = clock::now() + std::chrono::duration<double>(limit_seconds);
  char buf[512];
  for (;;) {
    int wait_ms = -1;
    if (limit_seconds > 0) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - clock::now()).count();
      if (left <= 0) return false;
      wait_ms = static_cast<int>(std::min<long long>(left, 1000));
    }
    pollfd p{fd, POLLIN, 0};
    const int r = ::poll(&p, 1, wait_ms);
    if (r < 0 && errno != EINTR) return true;
    if (r <= 0) continue;
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      return true;
    }
    if (msg.size() < kMaxMessage) msg.append(buf, static_cast<size_t>(n));
  }
}

int wait_child(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return status;
}

}  // namespace

std::optional<std::string> run_in_child(const std::function<void()>& work, double limit_seconds) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  const pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    throw std::runtime_error(std::string("fork: ") + std::strerror(errno));
  }
  if (pid == 0) {
    ::close(fds[0]);
    child_main(work, fds[1]);
  }
  ::close(fds[1]);
  std::string msg;
  const bool finished = read_until_eof(fds[0], msg, limit_seconds);
  ::close(fds[0]);
  if (!finished) {
    ::kill(pid, SIGKILL);
    wait_child(pid);
    char limit[32];
    std::snprintf(limit, sizeof limit, "%.0f", limit_seconds);
    return std::string("did not finish within ") + limit + " s";
  }
  const int status = wait_child(pid);
  if (WIFSIGNALED(status)) return std::string("crashed (signal ") + std::to_string(WTERMSIG(status)) + ", " + ::strsignal(WTERMSIG(status)) + ")";
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0 && msg.empty()) return std::nullopt;
  return msg.empty() ? "failed (exit status " + std::to_string(WEXITSTATUS(status)) + ")" : msg;
}

}  // namespace ccsim::h5
