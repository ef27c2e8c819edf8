#pragma once
// Output paths are checked before any work starts: a run of hours must not end in "cannot write" or overwrite
// its own scenario. Every subcommand that writes files (run, capacity, sweep, report, sla) passes its outputs
// and inputs here first. A bad output is an InputError naming the option and the path (exit 2, nothing done).
#include <string>
#include <vector>

namespace ccsim {

struct OutputPath {
  std::string option;  // as typed on the command line, e.g. "--json" or "-o"
  std::string path;    // "" (not requested) and "-" (standard output) are not files and pass
  bool directory = false;  // a directory of outputs (--csv DIR): an existing directory or one its parent can hold
};

// Checks, for each output: the path is not a directory nor another non-regular file (a device, a FIFO); its
// directory exists and a file can be created in it; it is not one of `inputs` (same file, also through
// another name or a hard link); it is not the same file as another output. Throws InputError listing every
// bad output, located at `command` (e.g. "ccsim run"). A `directory` output must be a writable directory, or
// not exist in a writable parent; "-" is no directory.
void check_output_paths(const std::string& command, const std::vector<OutputPath>& outputs,
                        const std::vector<std::string>& inputs);

}  // namespace ccsim
