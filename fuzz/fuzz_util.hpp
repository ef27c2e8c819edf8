#pragma once
// Shared by the harnesses: the input as text, and as a file for readers that take a path.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <string>

namespace ccsim::fuzz {

inline std::string text(const uint8_t* data, size_t size) { return std::string(reinterpret_cast<const char*>(data), size); }

// One file per fuzzer process, rewritten for every input.
inline std::string as_file(const uint8_t* data, size_t size, const char* ext) {
  static const std::string path = "/tmp/ccsim-fuzz-" + std::to_string(::getpid()) + ext;
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (size) std::fwrite(data, 1, size, f);
  std::fclose(f);
  return path;
}

}  // namespace ccsim::fuzz
