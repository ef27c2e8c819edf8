#pragma once
// Checks an HDF5 file given to `ccsim report` before anything parses it in this process. A file that is not a
// ccsim file, or a damaged one, is refused with InputError (exit 2) naming the file and the problem.
#include <functional>
#include <string>

namespace ccsim {

// Opens `path` in a forked child with a time limit and walks every object the report can read (the format
// attributes first, then every attribute and dataset, with bounded sizes and types, and every column against
// its time axis), then runs `reader_work` there too (the caller's own reading of the file, output discarded,
// so damage only the real reader meets is met in the child first). Throws InputError when the child reports a
// problem, crashes inside libhdf5 or times out.
void probe_h5_input(const std::string& path, const std::function<void()>& reader_work = {});

// The walk itself, in this process (for tests of the checks). Throws InputError on the first problem.
void check_h5_structure(const std::string& path);

}  // namespace ccsim
