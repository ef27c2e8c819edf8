#pragma once
// The scratch directory of one run: $TMPDIR/ccsim-run-<pid>-XXXXXX (worker results, spooled call records),
// removed with everything in it when the object is destroyed. Runs that were killed (SIGKILL, OOM killer, a
// crash) leave theirs behind: creating one removes those whose process is gone.
#include <string>

namespace ccsim {

class RunScratch {
 public:
  RunScratch();  // throws std::runtime_error when the directory cannot be created
  ~RunScratch();
  RunScratch(const RunScratch&) = delete;
  RunScratch& operator=(const RunScratch&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace ccsim
