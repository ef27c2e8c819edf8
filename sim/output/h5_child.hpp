#pragma once
// Runs a piece of HDF5 work in a forked child process. libhdf5 1.10 can crash (SIGSEGV, double free) or loop
// forever on a damaged file, and it crashes in H5Fclose after a write failed (disk full): inside a child, such
// a failure becomes a message for the parent instead of killing or hanging ccsim.
#include <functional>
#include <optional>
#include <string>

namespace ccsim::h5 {

// Runs `work` in a child. Returns nullopt when it finished normally, else why it did not: the text of the
// exception it threw, the signal that killed it, or "did not finish within N s" when `limit_seconds` > 0 and
// it ran longer (it is then killed).
std::optional<std::string> run_in_child(const std::function<void()>& work, double limit_seconds);

}  // namespace ccsim::h5
