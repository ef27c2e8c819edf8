#include "core/huge_pages.hpp"

#include <sys/mman.h>

#include <cstdint>
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

}  // namespace ccsim
