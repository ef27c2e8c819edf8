#include "cli/output_writer.hpp"

#include <iostream>

#include "core/atomic_file.hpp"

namespace ccsim::cli {

bool OutputWriter::write(const char* option, const std::string& path, const std::function<void()>& write_it) {
  try {
    write_it();
  } catch (const OutputError& e) {
    std::cerr << command_ << ": " << option << ": " << e.what() << " (an existing " << path << " is untouched)\n";
    failed_ = true;
    return false;
  }
  written_.push_back(std::string(option) + " " + path);
  return true;
}

bool OutputWriter::finish() const {
  if (!failed_) return true;
  std::string list;
  for (const auto& w : written_) list += (list.empty() ? "" : ", ") + w;
  std::cerr << command_ << ": " << (list.empty() ? "no output was written" : "written: " + list) << "\n";
  return false;
}

}  // namespace ccsim::cli
