#pragma once
// Output files appear complete or not at all. A writer fills a temporary file in the target's own directory
// (so the final rename never crosses a file system), flushes it to disk, then renames it over the target:
// readers and a crash in between see either the old file or the new one, never half of one. On any error the
// temporary file is removed.
#include <stdexcept>
#include <string>
#include <string_view>

namespace ccsim {

// An output could not be written (directory missing, no permission, disk full). The message names the path
// and the system's reason.
class OutputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A temporary file for `target`, renamed onto it by commit(). Lets writers that open files themselves (HDF5)
// use the same protocol:
//   AtomicFile f(path);              // creates an empty temp file next to path, mode 0666 & ~umask
//   H5File h5(f.temp_path(), H5F_ACC_TRUNC); ... h5.close();
//   f.commit();                      // fsync, rename onto path, fsync the directory
// Destroying it without commit() (an exception, an interrupted run) removes the temporary file. Creating one
// also removes the stale temporary files of the same target that killed runs left behind (named
// .NAME.tmp-PID-..., their PID gone and their time before this process started).
class AtomicFile {
 public:
  explicit AtomicFile(std::string target);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  const std::string& target() const { return target_; }
  const std::string& temp_path() const { return temp_; }
  // Appends bytes to the temporary file (for writers that do not open it themselves).
  void write(std::string_view bytes);
  // Makes the temporary file durable and renames it onto the target. Throws OutputError (temp removed).
  void commit();
  // Removes the temporary file now; the target is untouched. Safe to call more than once.
  void discard() noexcept;
  bool committed() const { return committed_; }

 private:
  std::string target_, temp_;
  int fd_ = -1;
  bool committed_ = false;
};

// A file handed from one process to another on the same machine (a replication worker's result to its
// parent): written straight to `path`, never synced. The reader opens it only after the writer's process
// exited 0, so it cannot see half of one; durability would only cost two fsyncs per replication (1,000
// one-day replications spent more time in them than in writing their results file). Removed unless closed.
class ScratchFile {
 public:
  explicit ScratchFile(std::string path);
  ~ScratchFile();
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
  void write(std::string_view bytes);
  void close();  // throws OutputError (file removed) if the data did not reach the file

 private:
  std::string path_;
  int fd_ = -1;
};

// Writes `content` to `path` atomically; "-" writes to standard output instead. Throws OutputError.
void write_file_atomic(const std::string& path, std::string_view content);

}  // namespace ccsim
