#include "stats/call_record_spool.hpp"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <type_traits>

#include "core/atomic_file.hpp"

namespace ccsim {

static_assert(std::is_trivially_copyable_v<CallRecord>, "spooled records are written as their bytes");

CallRecordSpool::CallRecordSpool(std::string path) : path_(std::move(path)) {
  f_ = std::fopen(path_.c_str(), "wb");
  if (!f_) throw OutputError(path_ + ": cannot create the call record spool: " + std::strerror(errno));
  buf_.reserve(kBlock);
}

CallRecordSpool::~CallRecordSpool() {
  if (f_) std::fclose(f_);
}

void CallRecordSpool::flush() {
  if (!buf_.empty() && std::fwrite(buf_.data(), sizeof(CallRecord), buf_.size(), f_) != buf_.size())
    throw OutputError(path_ + ": cannot write call records: " + std::strerror(errno));
  count_ += buf_.size();
  buf_.clear();
}

uint64_t CallRecordSpool::close() {
  if (!f_) return count_;
  flush();
  const bool ok = std::fclose(f_) == 0;
  f_ = nullptr;
  if (!ok) throw OutputError(path_ + ": cannot write call records: " + std::strerror(errno));
  return count_;
}

void read_call_record_spool(const std::string& path, size_t block,
                            const std::function<void(const std::vector<CallRecord>&)>& fn) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) throw std::runtime_error(path + ": cannot open the call record spool: " + std::strerror(errno));
  std::vector<CallRecord> buf(std::max<size_t>(block, 1));
  for (;;) {
    const size_t n = std::fread(buf.data(), 1, buf.size() * sizeof(CallRecord), f);
    if (n % sizeof(CallRecord) != 0) {
      std::fclose(f);
      throw std::runtime_error(path + ": call record spool ends inside a record");
    }
    if (n == 0) break;
    buf.resize(n / sizeof(CallRecord));
    fn(buf);
    buf.resize(std::max<size_t>(block, 1));
  }
  const bool err = std::ferror(f) != 0;
  std::fclose(f);
  if (err) throw std::runtime_error(path + ": cannot read the call record spool");
}

void for_each_record_block(const TenantRep& t, size_t block, const std::function<void(const std::vector<CallRecord>&)>& fn) {
  if (!t.records_file.empty()) {
    read_call_record_spool(t.records_file, block, fn);
    return;
  }
  for (size_t i = 0; i < t.records.size(); i += block) {
    const auto first = t.records.begin() + static_cast<std::ptrdiff_t>(i);
    fn(std::vector<CallRecord>(first, first + static_cast<std::ptrdiff_t>(std::min(block, t.records.size() - i))));
  }
}

void load_spooled_records(TenantRep& t) {
  if (t.records_file.empty()) return;
  std::vector<CallRecord> all;
  read_call_record_spool(t.records_file, CallRecordSpool::kBlock,
                         [&all](const std::vector<CallRecord>& b) { all.insert(all.end(), b.begin(), b.end()); });
  t.records = std::move(all);
  t.records_file.clear();
}

}  // namespace ccsim
