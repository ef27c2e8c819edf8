#pragma once
// Transparent huge pages for the few large arrays of a run (per-minute ledgers and samples: ~3 MB per tenant
// and month each). Every replication runs in a fresh process, and on a paravirtualised VM each first touch
// of a 4 KiB page is a page fault costing ~10-20 us: a platform month spent a quarter of its CPU time in them
// (docs/performance.md, "Page faults"). Where the kernel offers THP on request (`madvise` mode, the Debian
// default), a 2 MiB page takes one fault instead of 512. Small arrays are left alone: a huge page for a
// one-day ledger (100 KB) would only add zeroing.
#include <cstddef>
#include <vector>

namespace ccsim {

// Arrays at least this large are advised (one aligned 2 MiB page can then fit inside).
constexpr size_t kHugePageArrayBytes = 2u << 20;

// madvise(MADV_HUGEPAGE) on the 2 MiB-aligned part of [p, p + bytes); a no-op where unsupported.
void advise_huge_pages(void* p, size_t bytes);

// v.assign(n, value), with the storage advised before it is first touched when it is large.
template <class T>
void assign_huge(std::vector<T>& v, size_t n, const T& value) {
  if (n * sizeof(T) >= kHugePageArrayBytes) {
    std::vector<T>().swap(v);  // fresh storage: advising pages already touched would not help
    v.reserve(n);
    advise_huge_pages(v.data(), n * sizeof(T));
  }
  v.assign(n, value);
}

}  // namespace ccsim
