#pragma once
// Call records (`ccsim run --call-records`) appended to a file as the run goes: a month of a large center makes
// about 10 million of them, too many to hold in a worker and again in the parent. The worker spools each
// tenant's records into the run's scratch directory; the HDF5 writer copies them block by block.
//
// The file is the records' in-memory bytes, back to back: a transfer format between processes of the same
// ccsim build (like rep_result_io), never an archive (results are archived in HDF5).
#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

#include "stats/rep_result.hpp"

namespace ccsim {

class CallRecordSpool {
 public:
  // Creates (truncates) `path`. Throws OutputError when it cannot.
  explicit CallRecordSpool(std::string path);
  ~CallRecordSpool();
  CallRecordSpool(const CallRecordSpool&) = delete;
  CallRecordSpool& operator=(const CallRecordSpool&) = delete;

  void append(const CallRecord& r) {
    buf_.push_back(r);
    if (buf_.size() == kBlock) flush();
  }
  // Writes what is buffered and closes the file; returns the number of records in it. Throws OutputError.
  uint64_t close();
  const std::string& path() const { return path_; }

  static constexpr size_t kBlock = 16384;  // records buffered between writes (512 KiB)

 private:
  void flush();
  std::string path_;
  std::FILE* f_ = nullptr;
  std::vector<CallRecord> buf_;
  uint64_t count_ = 0;
};

// Reads a spool file in blocks of at most `block` records, in order. Throws std::runtime_error when the file
// cannot be read or its size is not a whole number of records.
void read_call_record_spool(const std::string& path, size_t block,
                            const std::function<void(const std::vector<CallRecord>&)>& fn);

// A tenant's records wherever they are: spooled to `t.records_file`, else held in `t.records`.
void for_each_record_block(const TenantRep& t, size_t block, const std::function<void(const std::vector<CallRecord>&)>& fn);

// Moves spooled records back into `t.records` (results that must travel as bytes: cluster part files).
void load_spooled_records(TenantRep& t);

}  // namespace ccsim
