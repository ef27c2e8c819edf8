#include "output/output_paths.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "core/error.hpp"

namespace ccsim {

namespace fs = std::filesystem;

namespace {

// The same file: equal device and inode when both exist (hard links, symlinks, "./x" vs "x"), else equal
// normalized absolute paths (two outputs that do not exist yet).
bool same_file(const std::string& a, const std::string& b) {
  struct stat sa {}, sb {};
  if (::stat(a.c_str(), &sa) == 0 && ::stat(b.c_str(), &sb) == 0) return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  std::error_code ea, eb;
  const fs::path pa = fs::weakly_canonical(fs::absolute(a), ea), pb = fs::weakly_canonical(fs::absolute(b), eb);
  return !ea && !eb && pa == pb;
}

// Creating a file is the only test that holds for root, read-only mounts and ACLs alike; the probe file is
// removed at once.
std::string probe_directory(const std::string& dir) {
  std::error_code ec;
  const fs::file_status st = fs::status(dir, ec);
  if (ec || !fs::exists(st)) return "directory " + dir + " does not exist";
  if (!fs::is_directory(st)) return dir + " is not a directory";
  const std::string probe = dir + "/.ccsim-write-probe-" + std::to_string(::getpid());
  const int fd = ::open(probe.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return "cannot create files in directory " + dir + ": " + std::strerror(errno);
  ::close(fd);
  ::unlink(probe.c_str());
  return "";
}

// What is wrong with `path` as an output file on its own ("" when nothing).
std::string output_problem(const std::string& path) {
  if (path.back() == '/') return "names a directory, not a file";
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (fs::is_directory(st)) return "is a directory, not a file";
  if (fs::exists(st) && !fs::is_regular_file(st)) return "exists and is not a regular file (a device, a FIFO or a socket)";
  const fs::path parent = fs::path(path).parent_path();
  return probe_directory(parent.empty() ? "." : parent.string());
}

// What is wrong with `path` as a directory of outputs ("" when nothing).
std::string output_dir_problem(const std::string& path) {
  if (path == "-") return "is not a directory (standard output cannot hold several files)";
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (fs::exists(st)) return fs::is_directory(st) ? probe_directory(path) : "exists and is not a directory";
  std::string p = path;
  while (p.size() > 1 && p.back() == '/') p.pop_back();
  const fs::path parent = fs::path(p).parent_path();
  return probe_directory(parent.empty() ? "." : parent.string());
}

}  // namespace

void check_output_paths(const std::string& command, const std::vector<OutputPath>& outputs,
                        const std::vector<std::string>& inputs) {
  std::vector<Diagnostic> problems;
  auto add = [&](const OutputPath& o, const std::string& message, const std::string& expected) {
    problems.push_back({SourceLoc{command, 0, 0}, o.option, o.path + ": " + message, expected});
  };
  for (size_t i = 0; i < outputs.size(); ++i) {
    const OutputPath& o = outputs[i];
    if (o.directory) {
      if (o.path.empty()) continue;
      if (const std::string p = output_dir_problem(o.path); !p.empty()) {
        add(o, p, "a directory that exists and is writable, or a new one in a writable directory");
        continue;
      }
      for (const auto& in : inputs)
        if (!in.empty() && same_file(o.path, in)) add(o, "is an input of this command (" + in + ")", "a directory path");
      continue;
    }
    if (o.path.empty() || o.path == "-") continue;
    if (const std::string p = output_problem(o.path); !p.empty()) {
      add(o, p, "a file path in an existing, writable directory");
      continue;
    }
    bool clash = false;
    for (const auto& in : inputs)
      if (!in.empty() && same_file(o.path, in)) {
        add(o, "is an input of this command (" + in + "); writing it would destroy the input", "a different path");
        clash = true;
        break;
      }
    for (size_t j = 0; j < i && !clash; ++j)
      if (!outputs[j].directory && !outputs[j].path.empty() && outputs[j].path != "-" && same_file(o.path, outputs[j].path)) {
        add(o, "is also the path of " + outputs[j].option, "a different path for each output");
        clash = true;
      }
  }
  if (!problems.empty()) throw InputError(problems);
}

}  // namespace ccsim
