#include "core/huge_pages.hpp"

#include <pthread.h>
#include <sys/mman.h>

#include <cstdint>
#include <mutex>
#include <new>

namespace ccsim {
namespace {
constexpr uintptr_t kHuge = 2u << 20;
size_t whole_pages(size_t bytes) { return (bytes + kHuge - 1) & ~(kHuge - 1); }
}  // namespace

void* map_huge_pages(size_t bytes) {
  const size_t len = whole_pages(bytes);
  // One spare page of address space, so that an aligned start lies inside; the unused ends go back at once.
  void* raw = mmap(nullptr, len + kHuge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const uintptr_t from = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t start = (from + kHuge - 1) & ~(kHuge - 1);
  if (start > from) munmap(raw, start - from);
  if (from + kHuge > start) munmap(reinterpret_cast<void*>(start + len), from + kHuge - start);
#ifdef MADV_HUGEPAGE
  madvise(reinterpret_cast<void*>(start), len, MADV_HUGEPAGE);  // advice: failure is harmless
#endif
  return reinterpret_cast<void*>(start);
}

void unmap_huge_pages(void* p, size_t bytes) { munmap(p, whole_pages(bytes)); }

namespace {

// A shared page starts with this header; arrays follow it. `live` counts the arrays not yet freed.
struct ArenaPage {
  size_t used;
  size_t live;
};
constexpr size_t kArenaAlign = 64;
constexpr size_t kArenaStart = (sizeof(ArenaPage) + kArenaAlign - 1) & ~(kArenaAlign - 1);

std::mutex arena_mutex;
ArenaPage* arena_current = nullptr;

ArenaPage* page_of(void* p) { return reinterpret_cast<ArenaPage*>(reinterpret_cast<uintptr_t>(p) & ~(kHuge - 1)); }

// A forked child (a replication worker, the HDF5 writer) starts a page of its own: the parent's current page
// is shared copy-on-write, so carving the child's arrays out of its free part would copy it 4 KiB at a time,
// one fault each (~450 per worker of a platform month). The parent's pages stay valid in the child, and
// freeing an array from one only updates the child's copy of its header.
struct ForgetCurrentPageInChild {
  ForgetCurrentPageInChild() { pthread_atfork(nullptr, nullptr, [] { arena_current = nullptr; }); }
} const forget_current_page_in_child;

}  // namespace

void* arena_allocate(size_t bytes) {
  bytes = (bytes + kArenaAlign - 1) & ~(kArenaAlign - 1);
  if (bytes > kHuge - kArenaStart) throw std::bad_alloc();
  std::lock_guard<std::mutex> lock(arena_mutex);
  if (!arena_current || arena_current->used + bytes > kHuge) {
    // The full page stays until its last array is freed (arena_deallocate unmaps it then).
    if (arena_current && arena_current->live == 0) unmap_huge_pages(arena_current, kHuge);
    arena_current = static_cast<ArenaPage*>(map_huge_pages(kHuge));
    arena_current->used = kArenaStart;
    arena_current->live = 0;
  }
  char* p = reinterpret_cast<char*>(arena_current) + arena_current->used;
  arena_current->used += bytes;
  ++arena_current->live;
  return p;
}

void arena_deallocate(void* p, size_t) {
  std::lock_guard<std::mutex> lock(arena_mutex);
  ArenaPage* page = page_of(p);
  if (--page->live > 0) return;
  if (page == arena_current)
    page->used = kArenaStart;  // empty again: the next arrays reuse it, already faulted in
  else
    unmap_huge_pages(page, kHuge);
}

}  // namespace ccsim
