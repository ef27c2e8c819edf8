#include "core/atomic_file.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <random>

namespace ccsim {

namespace {

std::string sys_error(const std::string& what, const std::string& path, int err) {
  return "cannot " + what + " " + path + ": " + std::strerror(err);
}

// Directory part of `path` ("." when it has none) and file name part.
void split_path(const std::string& path, std::string& dir, std::string& base) {
  const auto slash = path.find_last_of('/');
  if (slash == std::string::npos) {
    dir = ".";
    base = path;
  } else {
    dir = slash == 0 ? "/" : path.substr(0, slash);
    base = path.substr(slash + 1);
  }
}

// When this process started: temporary files older than that cannot belong to this run.
const std::filesystem::file_time_type g_process_start = std::filesystem::file_time_type::clock::now();

// Removes temporary files of `base` ("." + base + ".tmp-PID-...") left by runs that were killed (SIGKILL, OOM,
// power loss) before they could clean up: only those whose writing process is gone and that are older than
// this process, so a concurrent writer's file is never touched.
void remove_stale_temps(const std::string& dir, const std::string& base) {
  namespace fs = std::filesystem;
  const std::string prefix = "." + base + ".tmp-";
  std::error_code ec;
  fs::directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const size_t dash = name.find('-', prefix.size());
    const std::string pid_text = name.substr(prefix.size(), dash == std::string::npos ? std::string::npos : dash - prefix.size());
    if (pid_text.empty() || pid_text.size() > 9 || pid_text.find_first_not_of("0123456789") != std::string::npos) continue;
    const pid_t pid = static_cast<pid_t>(std::stol(pid_text));
    if (pid == ::getpid() || pid <= 0) continue;
    if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // alive (or not ours to judge)
    std::error_code tec;
    const auto written = fs::last_write_time(it->path(), tec);
    if (tec || written >= g_process_start) continue;
    fs::remove(it->path(), tec);
  }
}

// A name no other writer (thread, process, earlier crashed run) is using: pid + counter + random bits, and
// O_EXCL makes sure of it.
int create_temp(const std::string& dir, const std::string& base, std::string& out) {
  static std::atomic<unsigned> counter{0};
  std::random_device rd;
  int last_err = 0;
  for (int attempt = 0; attempt < 64; ++attempt) {
    const std::string name = dir + "/." + base + ".tmp-" + std::to_string(::getpid()) + "-" +
                             std::to_string(counter++) + "-" + std::to_string(rd() % 1000000);
    const int fd = ::open(name.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) {
      out = name;
      return fd;
    }
    last_err = errno;
    if (errno != EEXIST) break;
  }
  throw OutputError(sys_error("create a temporary file in", dir, last_err));
}

void write_all(int fd, std::string_view bytes, const std::string& path) {
  const char* p = bytes.data();
  size_t left = bytes.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw OutputError(sys_error("write", path, errno));
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
}

}  // namespace

ScratchFile::ScratchFile(std::string path) : path_(std::move(path)) {
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd_ < 0) throw OutputError(sys_error("create", path_, errno));
}

ScratchFile::~ScratchFile() {
  if (fd_ < 0) return;
  ::close(fd_);
  ::unlink(path_.c_str());
}

void ScratchFile::write(std::string_view bytes) {
  if (fd_ < 0) throw OutputError("write after close: " + path_);
  write_all(fd_, bytes, path_);
}

void ScratchFile::close() {
  if (fd_ < 0) return;
  const int fd = fd_;
  fd_ = -1;
  if (::close(fd) != 0) {
    const int err = errno;
    ::unlink(path_.c_str());
    throw OutputError(sys_error("close", path_, err));
  }
}

AtomicFile::AtomicFile(std::string target) : target_(std::move(target)) {
  if (target_.empty() || target_.back() == '/') throw OutputError("not a file name: '" + target_ + "'");
  std::string dir, base;
  split_path(target_, dir, base);
  remove_stale_temps(dir, base);
  fd_ = create_temp(dir, base, temp_);
}

AtomicFile::~AtomicFile() {
  if (!committed_) discard();
}

void AtomicFile::write(std::string_view bytes) {
  if (fd_ < 0) throw OutputError("write after commit or discard: " + target_);
  try {
    write_all(fd_, bytes, target_);
  } catch (...) {
    discard();
    throw;
  }
}

void AtomicFile::commit() {
  if (committed_) return;
  if (temp_.empty()) throw OutputError("commit after discard: " + target_);
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  // Reopen by name: another library (HDF5) may have written the file through its own descriptor.
  const int fd = ::open(temp_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    discard();
    throw OutputError(sys_error("reopen", temp_, err));
  }
  if (::fsync(fd) != 0) {
    const int err = errno;
    ::close(fd);
    discard();
    throw OutputError(sys_error("flush", target_, err));
  }
  ::close(fd);
  if (::rename(temp_.c_str(), target_.c_str()) != 0) {
    const int err = errno;
    discard();
    throw OutputError(sys_error("rename onto", target_, err));
  }
  committed_ = true;
  temp_.clear();
  // Make the rename itself durable. Some file systems refuse fsync on a directory; the file is in place
  // either way, so a failure here is not reported.
  std::string dir, base;
  split_path(target_, dir, base);
  const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

void AtomicFile::discard() noexcept {
  if (fd_ >= 0) {
    ::close(fd_);
    fd_ = -1;
  }
  if (!temp_.empty()) {
    ::unlink(temp_.c_str());
    temp_.clear();
  }
}

void write_file_atomic(const std::string& path, std::string_view content) {
  if (path == "-") {
    std::cout.write(content.data(), static_cast<std::streamsize>(content.size()));
    std::cout.flush();
    if (!std::cout) throw OutputError("cannot write to standard output");
    return;
  }
  AtomicFile f(path);
  f.write(content);
  f.commit();
}

}  // namespace ccsim
