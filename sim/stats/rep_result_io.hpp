#pragma once
// RepResult <-> bytes, exactly: a worker process writes its replication's result to a file and the parent
// reads it back bit for bit (doubles travel as their IEEE-754 bit patterns), so a run with --jobs 4 gives the
// same figures as --jobs 1.
//
// Format (version 5): little-endian; "CCSIMREP" magic, u32 version, then the fields of RepResult in
// declaration order; strings and vectors are a u64 length followed by the items; a CounterTable is rows, fields
// and rows*fields doubles; a ledger's failures are the minutes they cover and only the minutes with a failure
// (minute, counts by cause), ascending; the bytes end with the "END!" marker. It is a transfer format between processes of
// the same ccsim build, not an archive format: results are archived in HDF5 and JSON.
#include <stdexcept>
#include <string>
#include <string_view>

#include "stats/rep_result.hpp"

namespace ccsim {

// Bytes that cannot be a RepResult of this format version (truncated, wrong magic/version, trailing bytes).
class RepResultFormatError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string encode_rep_result(const RepResult& r);
RepResult decode_rep_result(std::string_view bytes);

// File helpers for the replication runner: a scratch hand-off (core/atomic_file.hpp ScratchFile), not synced;
// the parent reads a result only from a worker that exited 0, so never half of one. write_rep_result throws OutputError when the file
// cannot be written; read_rep_result throws std::runtime_error when the file cannot be read and
// RepResultFormatError when its contents are not a result.
void write_rep_result(const std::string& path, const RepResult& r);
RepResult read_rep_result(const std::string& path);

}  // namespace ccsim
