#pragma once
// Failed requests per minute and cause, stored sparsely: most minutes of a run have no failure at all, and a
// dense [minute][cause] array (68 bytes a minute, 3 MB for a 31-day month) was zeroed, copied to the parent,
// decoded and scanned minute by minute for nothing. Here a minute costs a 4-byte slot, and only the minutes
// that had a failure hold their counts by cause (docs/performance.md "Sparse failures, shared huge pages, results format 4").
#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/huge_pages.hpp"

namespace ccsim {

template <int NCauses>
class MinuteFailures {
 public:
  using Row = std::array<uint32_t, NCauses>;

  // `minutes` minutes, none with a failure.
  void assign(size_t minutes) {
    slot_.assign(minutes, 0);
    rows_.clear();
  }
  size_t size() const { return slot_.size(); }
  bool empty() const { return slot_.empty(); }

  // The counts of minute m; all zero when it had no failure.
  const Row& operator[](size_t m) const {
    const uint32_t s = slot_[m];
    return s ? rows_[s - 1] : zero_row();
  }
  // The counts of minute m, to change: the row is created (all zero) if the minute had none. The reference is
  // valid until another minute's row is created.
  Row& operator[](size_t m) {
    uint32_t& s = slot_[m];
    if (!s) {
      rows_.emplace_back();
      s = static_cast<uint32_t>(rows_.size());
    }
    return rows_[s - 1];
  }
  // Whether minute m has a stored row (it may hold zeros if it was only written with zeros).
  bool stored(size_t m) const { return slot_[m] != 0; }

  // The stored rows, in the order they were created: sums over all minutes need only these.
  const std::vector<Row>& rows() const { return rows_; }

  // Equal counts in every minute (a stored row of zeros equals a minute without a row).
  bool operator==(const MinuteFailures& o) const {
    if (size() != o.size()) return false;
    for (size_t m = 0; m < size(); ++m)
      if ((stored(m) || o.stored(m)) && (*this)[m] != o[m]) return false;
    return true;
  }
  bool operator!=(const MinuteFailures& o) const { return !(*this == o); }

  // The minutes with a stored row, ascending (the canonical order of the encoded form).
  std::vector<uint32_t> stored_minutes() const {
    std::vector<uint32_t> out;
    out.reserve(rows_.size());
    for (size_t m = 0; m < slot_.size(); ++m)
      if (slot_[m]) out.push_back(static_cast<uint32_t>(m));
    return out;
  }

 private:
  static const Row& zero_row() {
    static const Row kZero{};
    return kZero;
  }
  HugeVector<uint32_t> slot_;     // per minute: 0 = no row, else 1 + index into rows_
  std::vector<Row> rows_;
};

}  // namespace ccsim
