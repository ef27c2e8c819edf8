#pragma once
// Random streams. One stream per purpose and entity, derived from (base seed, replication, stream name), so
// equal seeds give bit-identical runs and what-if variants with the same seed share common random numbers.
// xoshiro256** with our own transforms: results never depend on the standard library's distributions.
#include <cmath>
#include <cstdint>
#include <string_view>

namespace ccsim {

inline uint64_t splitmix64(uint64_t& x) {
  uint64_t z = (x += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

inline uint64_t fnv1a64(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

class Rng {
 public:
  Rng() : Rng(0, 0, "default") {}
  Rng(uint64_t seed, uint64_t replication, std::string_view stream) {
    uint64_t x = seed ^ (fnv1a64(stream) * 0x9E3779B97F4A7C15ULL);
    uint64_t r = replication + 0x632BE59BD9B4E019ULL;
    x ^= splitmix64(r);
    for (auto& w : s_) w = splitmix64(x);
  }
  uint64_t next_u64() {
    const uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  // Uniform in [0, 1).
  double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }
  // Uniform in (0, 1]: safe for log().
  double uniform_pos() { return 1.0 - uniform(); }
  double exponential(double rate) { return -std::log(uniform_pos()) / rate; }
  bool bernoulli(double p) { return uniform() < p; }
  double normal();
  double gamma(double shape, double scale);
  // Uniform integer in [0, n).
  uint64_t below(uint64_t n) { return n ? next_u64() % n : 0; }

 private:
  static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint64_t s_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

}  // namespace ccsim
