#include "engine/run_scratch.hpp"

#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace ccsim {

namespace {

// Each scratch directory is named after its run's pid, so a directory whose process is gone is garbage.
void remove_stale_scratch(const std::filesystem::path& tmp) {
  namespace fs = std::filesystem;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(tmp, ec)) {
    const std::string name = e.path().filename().string();
    const std::string prefix = "ccsim-run-";
    if (name.rfind(prefix, 0) != 0 || !e.is_directory(ec)) continue;
    const size_t dash = name.find('-', prefix.size());
    if (dash == std::string::npos) continue;
    char* end = nullptr;
    const long pid = std::strtol(name.c_str() + prefix.size(), &end, 10);
    if (end != name.c_str() + dash || pid <= 0) continue;
    if (kill(static_cast<pid_t>(pid), 0) == 0 || errno != ESRCH) continue;  // alive, or not ours to judge
    fs::remove_all(e.path(), ec);
  }
}

}  // namespace

RunScratch::RunScratch() {
  namespace fs = std::filesystem;
  remove_stale_scratch(fs::temp_directory_path());
  std::string tmpl = (fs::temp_directory_path() / ("ccsim-run-" + std::to_string(getpid()) + "-XXXXXX")).string();
  if (!mkdtemp(tmpl.data())) throw std::runtime_error("cannot create a temporary directory for worker results");
  path_ = tmpl;
}

RunScratch::~RunScratch() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace ccsim
