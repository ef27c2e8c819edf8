#pragma once
// Transparent huge pages for the per-minute arrays of a run (ledgers, samples, counter tables). Every
// replication runs in a fresh process, and on a paravirtualised VM each first touch of a 4 KiB page is a page
// fault costing ~10-20 us (measured: 12-16 us here, against ~0.3 ms for a whole 2 MiB page): a platform month
// spent a quarter of its CPU time in them (docs/performance.md, "Page faults"). Where the kernel offers THP on
// request (`madvise` mode, the Debian default), a 2 MiB page takes one fault instead of 512.
//
// Large arrays (2 MiB and more) get whole 2 MiB pages of their own, 2 MiB-aligned: malloc places a 3 MB block
// anywhere, so at most one aligned 2 MiB page fell inside it and the rest still took a fault per 4 KiB page.
// The last page is rounded up, so such an array holds at most 2 MiB - 1 bytes of resident padding.
// Medium arrays (64 KiB to 2 MiB: a month of one tenant's requests or samples, an hourly counter table) are
// carved out of shared 2 MiB pages (the arena below), so that a dozen of them cost one fault and one page of
// zeroing instead of hundreds of faults. Small arrays come from operator new: a huge page for a one-day ledger
// would only add zeroing.
#include <cstddef>
#include <memory>
#include <vector>

namespace ccsim {

// Arrays at least this large get huge-page storage of their own.
constexpr size_t kHugePageArrayBytes = 2u << 20;
// Arrays at least this large (and smaller than kHugePageArrayBytes) share huge pages.
constexpr size_t kArenaArrayBytes = 64u << 10;

// An anonymous mapping of `bytes` rounded up to whole 2 MiB pages, 2 MiB-aligned, advised MADV_HUGEPAGE
// (advice only: where THP is off it is ordinary memory). Throws std::bad_alloc when the mapping fails.
void* map_huge_pages(size_t bytes);
void unmap_huge_pages(void* p, size_t bytes);

// Storage for a medium array (kArenaArrayBytes <= bytes < kHugePageArrayBytes), 64-byte aligned, from the
// process's current shared huge page (a new one when it is full). A page is returned to the system when the
// last array in it is freed (or reused, if it is the current one). Thread-safe; a forked child keeps its copy
// of the parent's pages (their arrays stay valid) but carves its own arrays from a page of its own.
void* arena_allocate(size_t bytes);
void arena_deallocate(void* p, size_t bytes);

// A std::allocator that takes huge-page storage for allocations of kHugePageArrayBytes and more, shared
// huge pages for those of kArenaArrayBytes and more, operator new below. Stateless:
// any two compare equal, so vectors of it swap and move like plain ones.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT(google-explicit-constructor): allocator rebind
  T* allocate(size_t n) {
    if (n * sizeof(T) >= kHugePageArrayBytes) return static_cast<T*>(map_huge_pages(n * sizeof(T)));
    if (n * sizeof(T) >= kArenaArrayBytes) return static_cast<T*>(arena_allocate(n * sizeof(T)));
    return std::allocator<T>().allocate(n);
  }
  void deallocate(T* p, size_t n) {
    if (n * sizeof(T) >= kHugePageArrayBytes) unmap_huge_pages(p, n * sizeof(T));
    else if (n * sizeof(T) >= kArenaArrayBytes) arena_deallocate(p, n * sizeof(T));
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
