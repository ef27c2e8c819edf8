#pragma once
// Transparent huge pages for the few large arrays of a run (per-minute ledgers and samples: ~3 MB per tenant
// and month each). Every replication runs in a fresh process, and on a paravirtualised VM each first touch
// of a 4 KiB page is a page fault costing ~10-20 us: a platform month spent a quarter of its CPU time in them
// (docs/performance.md, "Page faults"). Where the kernel offers THP on request (`madvise` mode, the Debian
// default), a 2 MiB page takes one fault instead of 512. Small arrays are left alone: a huge page for a
// one-day ledger (100 KB) would only add zeroing.
//
// The storage of a large array is whole 2 MiB pages, 2 MiB-aligned: malloc places a 3 MB block anywhere, so
// at most one aligned 2 MiB page fell inside it and the rest still took a fault per 4 KiB page (measured: the
// parent of a platform month kept ~15,000 such faults). The last page is rounded up, so an array holds at most
// 2 MiB - 1 bytes of resident padding.
#include <cstddef>
#include <memory>
#include <vector>

namespace ccsim {

// Arrays at least this large get huge-page storage.
constexpr size_t kHugePageArrayBytes = 2u << 20;

// An anonymous mapping of `bytes` rounded up to whole 2 MiB pages, 2 MiB-aligned, advised MADV_HUGEPAGE
// (advice only: where THP is off it is ordinary memory). Throws std::bad_alloc when the mapping fails.
void* map_huge_pages(size_t bytes);
void unmap_huge_pages(void* p, size_t bytes);

// A std::allocator that takes huge-page storage for allocations of kHugePageArrayBytes and more. Stateless:
// any two compare equal, so vectors of it swap and move like plain ones.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT(google-explicit-constructor): allocator rebind
  T* allocate(size_t n) {
    if (n * sizeof(T) >= kHugePageArrayBytes) return static_cast<T*>(map_huge_pages(n * sizeof(T)));
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) >= kHugePageArrayBytes) unmap_huge_pages(p, n * sizeof(T));
    else std::allocator<T>().deallocate(p, n);
  }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
  template <class U>
  bool operator!=(const HugePageAllocator<U>&) const { return false; }
};

// The large per-minute arrays (ledger failures by cause, counter and sample tables).
template <class T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

}  // namespace ccsim
