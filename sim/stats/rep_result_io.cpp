#include "stats/rep_result_io.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstring>
#include <functional>
#include <type_traits>

#include "core/atomic_file.hpp"

namespace ccsim {

namespace {

constexpr char kMagic[8] = {'C', 'C', 'S', 'I', 'M', 'R', 'E', 'P'};
constexpr char kEnd[4] = {'E', 'N', 'D', '!'};
constexpr uint32_t kVersion = 5;  // 2: incident kinds and scaling paths as enums; 3: outbound campaign tables; 4: TenantRep.records_file;
                                  // 5: ledger failures sparse (only the minutes with a failure), minute samples as u32

// ---------------------------------------------------------------- writing
// Bytes accumulate in a string; with a sink they are handed over every 64 KiB through one buffer reserved
// up front, so a worker writes a year of per-minute tables without a second copy of them in memory, and a
// one-day result (~350 KiB) touches 16 pages of buffer, not the ~170 of a string grown by doubling: a
// replication worker is a fresh process, where every first touch of a page is a page fault, and those faults
// were most of the system time of 1,000 one-day replications (docs/performance.md, "Output cost").
class Writer {
 public:
  static constexpr size_t kSpill = 64 << 10;
  Writer() = default;
  explicit Writer(std::function<void(std::string_view)> sink) : sink_(std::move(sink)) { out_.reserve(2 * kSpill); }
  void raw(const char* p, size_t n) {
    if (sink_ && n >= kSpill) {  // a whole column: straight to the sink, not through the buffer
      flush();
      sink_(std::string_view(p, n));
      return;
    }
    out_.append(p, n);
    spill();
  }
  // n values as their little-endian bytes: one copy of the column on little-endian machines, not one
  // append per value (that was ~8% of a platform replication's instructions, and as much again in the
  // parent's reading: docs/performance.md).
  template <class T>
  void values(const T* p, size_t n) {
    static_assert(std::is_integral_v<T> || std::is_floating_point_v<T>, "plain numbers only");
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    raw(reinterpret_cast<const char*>(p), n * sizeof(T));
#else
    for (size_t i = 0; i < n; ++i) {
      if constexpr (std::is_floating_point_v<T>) f64(p[i]);
      else if constexpr (sizeof(T) == 4) u32(static_cast<uint32_t>(p[i]));
      else u8(static_cast<uint8_t>(p[i]));
    }
#endif
  }
  void u64(uint64_t v) {
    char b[8];
    for (int i = 0; i < 8; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    raw(b, 8);
  }
  void u32(uint32_t v) {
    char b[4];
    for (int i = 0; i < 4; ++i) b[i] = static_cast<char>((v >> (8 * i)) & 0xff);
    raw(b, 4);
  }
  void u8(uint8_t v) {
    out_.push_back(static_cast<char>(v));
    spill();
  }
  void i64(int64_t v) { u64(static_cast<uint64_t>(v)); }
  void i32(int v) { u32(static_cast<uint32_t>(static_cast<int32_t>(v))); }
  void boolean(bool v) { u8(v ? 1 : 0); }
  void f64(double v) {  // the bit pattern, so NaN payloads, -0 and denormals survive
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    u64(bits);
  }
  void str(const std::string& s) {
    u64(s.size());
    raw(s.data(), s.size());
  }
  void strs(const std::vector<std::string>& v) {
    u64(v.size());
    for (const auto& s : v) str(s);
  }
  template <class T>
  void table(const BasicTable<T>& t) {
    i32(t.rows);
    i32(t.fields);
    u64(t.v.size());
    values(t.v.data(), t.v.size());
  }
  std::string take() { return std::move(out_); }
  void flush() {
    if (sink_ && !out_.empty()) sink_(out_);
    out_.clear();
  }

 private:
  void spill() {
    if (sink_ && out_.size() >= kSpill) flush();
  }
  std::function<void(std::string_view)> sink_;
  std::string out_;
};

void put(Writer& w, const MinuteLedger& l) {
  w.i64(l.start_epoch);
  w.u64(l.requests.size());
  w.values(l.requests.data(), l.requests.size());
  // Failures: the minutes they cover, then only the minutes with a row, ascending (one encoding per ledger,
  // whatever order its rows were made in), each as its minute and its counts by cause.
  w.u32(kNumCauses);
  w.u64(l.failures.size());
  const std::vector<uint32_t> stored = l.failures.stored_minutes();
  w.u64(stored.size());
  for (uint32_t m : stored) {
    w.u32(m);
    w.values(l.failures[m].data(), kNumCauses);
  }
  w.u64(l.announced_event.size());
  w.values(l.announced_event.data(), l.announced_event.size());
  w.u64(l.qps_notice.size());
  w.values(l.qps_notice.data(), l.qps_notice.size());
  w.u64(l.recordings.size());
  w.values(l.recordings.data(), l.recordings.size());
}

void put(Writer& w, const TenantRep& t) {
  w.str(t.name);
  w.strs(t.call_types);
  w.strs(t.groups);
  w.strs(t.trunks);
  for (const auto* tables : {&t.ct, &t.gr, &t.tr}) {
    w.u64(tables->size());
    for (const auto& tb : *tables) w.table(tb);
  }
  w.table(t.minute);
  put(w, t.ledger);
  w.i64(t.answered_calls);
  w.i64(t.billed_call_minutes);
  w.i32(t.max_seats_online);
  w.u64(t.records.size());
  for (const auto& c : t.records) {
    w.f64(c.arrival);
    w.f64(c.wait);
    w.f64(c.handle);
    w.i32(c.call_type);
    w.u32(static_cast<uint16_t>(c.group));
    w.u8(c.attempt);
    w.u8(static_cast<uint8_t>(c.outcome));
  }
  w.strs(t.campaigns);
  w.u64(t.ob.size());
  for (const auto& tb : t.ob) w.table(tb);
  w.str(t.records_file);
}

void put(Writer& w, const Incident& x) {
  w.u8(static_cast<uint8_t>(x.kind));
  w.u8(static_cast<uint8_t>(x.cause));
  w.str(x.target);
  w.str(x.drill);
  w.boolean(x.announced);
  w.f64(x.start);
  w.f64(x.detected);
  w.f64(x.migrated);
  w.f64(x.repaired);
  w.f64(x.recovered);
  w.i64(x.calls_dropped);
  w.i64(x.requests_failed);
  w.strs(x.tenants);
  w.str(x.note);
}

void put(Writer& w, const ScalingAction& x) {
  w.str(x.tenant);
  w.f64(x.requested);
  w.f64(x.effective);
  w.i32(x.from_seats);
  w.i32(x.to_seats);
  w.i32(x.target_seats);
  w.u8(static_cast<uint8_t>(x.path.kind));
  w.boolean(x.path.autoscale);
  w.i32(x.path.step);
  w.i32(x.path.steps);
  w.u8(static_cast<uint8_t>(x.reason));
  w.str(x.metric);
  w.f64(x.value);
  w.f64(x.bound);
  w.f64(x.window);
}

// ---------------------------------------------------------------- reading
class Reader {
 public:
  explicit Reader(std::string_view b) : b_(b) {}
  void need(uint64_t n) const {
    if (n > b_.size() - pos_) fail("truncated at byte " + std::to_string(pos_));
  }
  [[noreturn]] static void fail(const std::string& why) {
    throw RepResultFormatError("not a valid replication result: " + why);
  }
  void raw(char* p, size_t n) {
    need(n);
    std::memcpy(p, b_.data() + pos_, n);
    pos_ += n;
  }
  uint64_t u64() {
    need(8);
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(b_[pos_ + i])) << (8 * i);
    pos_ += 8;
    return v;
  }
  uint32_t u32() {
    need(4);
    uint32_t v = 0;
    for (int i = 0; i < 4; ++i) v |= static_cast<uint32_t>(static_cast<unsigned char>(b_[pos_ + i])) << (8 * i);
    pos_ += 4;
    return v;
  }
  uint8_t u8() {
    need(1);
    return static_cast<uint8_t>(b_[pos_++]);
  }
  int64_t i64() { return static_cast<int64_t>(u64()); }
  int i32() { return static_cast<int32_t>(u32()); }
  bool boolean() {
    const uint8_t v = u8();
    if (v > 1) fail("bad boolean at byte " + std::to_string(pos_ - 1));
    return v == 1;
  }
  double f64() {
    const uint64_t bits = u64();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
  // A count of items of at least `min_item_bytes` each: rejects counts the remaining bytes cannot hold, so a
  // corrupt length cannot make us allocate gigabytes.
  size_t count(uint64_t min_item_bytes) {
    const uint64_t n = u64();
    if (min_item_bytes > 0 && n > (b_.size() - pos_) / min_item_bytes)
      fail("length " + std::to_string(n) + " exceeds the data at byte " + std::to_string(pos_));
    return static_cast<size_t>(n);
  }
  std::string str() {
    const size_t n = count(1);
    std::string s(b_.substr(pos_, n));
    pos_ += n;
    return s;
  }
  std::vector<std::string> strs() {
    std::vector<std::string> v(count(8));
    for (auto& s : v) s = str();
    return v;
  }
  template <class T = double>
  BasicTable<T> table() {
    BasicTable<T> t;
    t.rows = i32();
    t.fields = i32();
    t.v.assign(count(sizeof(T)), T{});
    if (t.rows < 0 || t.fields < 0 || t.v.size() != static_cast<size_t>(t.rows) * static_cast<size_t>(t.fields))
      fail("counter table shape does not match its data");
    values(t.v.data(), t.v.size());
    return t;
  }
  template <class T>
  void values(T* p, size_t n) {
    static_assert(std::is_integral_v<T> || std::is_floating_point_v<T>, "plain numbers only");
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    raw(reinterpret_cast<char*>(p), n * sizeof(T));
#else
    for (size_t i = 0; i < n; ++i) {
      if constexpr (std::is_floating_point_v<T>) p[i] = f64();
      else if constexpr (sizeof(T) == 4) p[i] = static_cast<T>(u32());
      else p[i] = static_cast<T>(u8());
    }
#endif
  }
  bool at_end() const { return pos_ == b_.size(); }

 private:
  std::string_view b_;
  size_t pos_ = 0;
};

void get(Reader& r, MinuteLedger& l) {
  l.start_epoch = r.i64();
  l.requests.assign(r.count(4), 0u);
  r.values(l.requests.data(), l.requests.size());
  if (r.u32() != static_cast<uint32_t>(kNumCauses)) Reader::fail("written with a different list of causes");
  const uint64_t minutes = r.u64();
  if (minutes != 0 && minutes != l.requests.size())
    Reader::fail("failures cover " + std::to_string(minutes) + " minutes, requests " + std::to_string(l.requests.size()));
  l.failures.assign(static_cast<size_t>(minutes));
  const size_t rows = r.count(4ull * (1 + kNumCauses));
  int64_t last = -1;
  for (size_t i = 0; i < rows; ++i) {
    const uint32_t m = r.u32();
    if (static_cast<int64_t>(m) <= last || m >= minutes) Reader::fail("failure rows out of order or past the ledger");
    last = m;
    r.values(l.failures[m].data(), kNumCauses);
  }
  l.announced_event.resize(r.count(1));
  r.values(l.announced_event.data(), l.announced_event.size());
  l.qps_notice.resize(r.count(1));
  r.values(l.qps_notice.data(), l.qps_notice.size());
  l.recordings.resize(r.count(4));
  r.values(l.recordings.data(), l.recordings.size());
}

void get(Reader& r, TenantRep& t) {
  t.name = r.str();
  t.call_types = r.strs();
  t.groups = r.strs();
  t.trunks = r.strs();
  for (auto* tables : {&t.ct, &t.gr, &t.tr}) {
    tables->resize(r.count(16));
    for (auto& tb : *tables) tb = r.table();
  }
  t.minute = r.table<uint32_t>();
  get(r, t.ledger);
  t.answered_calls = r.i64();
  t.billed_call_minutes = r.i64();
  t.max_seats_online = r.i32();
  t.records.resize(r.count(34));  // 3 doubles + i32 + u32 + 2 bytes
  for (auto& c : t.records) {
    c.arrival = r.f64();
    c.wait = r.f64();
    c.handle = r.f64();
    c.call_type = r.i32();
    c.group = static_cast<int16_t>(static_cast<uint16_t>(r.u32()));
    c.attempt = r.u8();
    const uint8_t outcome = r.u8();
    if (outcome > static_cast<uint8_t>(CallOutcome::CutAtClose)) Reader::fail("unknown call outcome");
    c.outcome = static_cast<CallOutcome>(outcome);
  }
  t.campaigns = r.strs();
  t.ob.resize(r.count(16));
  for (auto& tb : t.ob) tb = r.table();
  if (t.ob.size() != t.campaigns.size()) Reader::fail("campaign tables do not match campaign names");
  t.records_file = r.str();
}

void get(Reader& r, Incident& x) {
  const uint8_t kind = r.u8(), cause = r.u8();
  if (kind >= kNumIncidentKinds) Reader::fail("unknown incident kind");
  if (cause >= kNumCauses) Reader::fail("unknown incident cause");
  x.kind = static_cast<IncidentKind>(kind);
  x.cause = static_cast<Cause>(cause);
  x.target = r.str();
  x.drill = r.str();
  x.announced = r.boolean();
  x.start = r.f64();
  x.detected = r.f64();
  x.migrated = r.f64();
  x.repaired = r.f64();
  x.recovered = r.f64();
  x.calls_dropped = r.i64();
  x.requests_failed = r.i64();
  x.tenants = r.strs();
  x.note = r.str();
}

void get(Reader& r, ScalingAction& x) {
  x.tenant = r.str();
  x.requested = r.f64();
  x.effective = r.f64();
  x.from_seats = r.i32();
  x.to_seats = r.i32();
  x.target_seats = r.i32();
  const uint8_t path = r.u8();
  if (path > static_cast<uint8_t>(ScalingPathKind::SplitStep)) Reader::fail("unknown scaling path");
  x.path.kind = static_cast<ScalingPathKind>(path);
  x.path.autoscale = r.boolean();
  x.path.step = r.i32();
  x.path.steps = r.i32();
  const uint8_t reason = r.u8();
  if (reason > static_cast<uint8_t>(ScalingReason::ScaleIn)) Reader::fail("unknown scaling reason");
  x.reason = static_cast<ScalingReason>(reason);
  x.metric = r.str();
  x.value = r.f64();
  x.bound = r.f64();
  x.window = r.f64();
}

void encode(Writer& w, const RepResult& r) {
  w.raw(kMagic, sizeof kMagic);
  w.u32(kVersion);
  w.i32(r.replication);
  w.u64(r.seed);
  w.f64(r.sim_seconds);
  w.f64(r.wall_seconds);
  w.u64(r.events);
  w.u64(r.calls);
  w.boolean(r.complete);
  w.u64(r.tenants.size());
  for (const auto& t : r.tenants) put(w, t);
  w.u64(r.incidents.size());
  for (const auto& x : r.incidents) put(w, x);
  w.u64(r.scaling.size());
  for (const auto& x : r.scaling) put(w, x);
  w.raw(kEnd, sizeof kEnd);
}

}  // namespace

std::string encode_rep_result(const RepResult& r) {
  Writer w;
  encode(w, r);
  return w.take();
}

RepResult decode_rep_result(std::string_view bytes) {
  Reader rd(bytes);
  char magic[sizeof kMagic];
  rd.raw(magic, sizeof magic);
  if (std::memcmp(magic, kMagic, sizeof kMagic) != 0) Reader::fail("wrong magic");
  const uint32_t version = rd.u32();
  if (version != kVersion) Reader::fail("format version " + std::to_string(version) + ", expected " + std::to_string(kVersion));
  RepResult r;
  r.replication = rd.i32();
  r.seed = rd.u64();
  r.sim_seconds = rd.f64();
  r.wall_seconds = rd.f64();
  r.events = rd.u64();
  r.calls = rd.u64();
  r.complete = rd.boolean();
  r.tenants.resize(rd.count(8));
  for (auto& t : r.tenants) get(rd, t);
  r.incidents.resize(rd.count(8));
  for (auto& x : r.incidents) get(rd, x);
  r.scaling.resize(rd.count(8));
  for (auto& x : r.scaling) get(rd, x);
  char end[sizeof kEnd];
  rd.raw(end, sizeof end);
  if (std::memcmp(end, kEnd, sizeof kEnd) != 0) Reader::fail("missing end marker");
  if (!rd.at_end()) Reader::fail("trailing bytes after the end marker");
  return r;
}

void write_rep_result(const std::string& path, const RepResult& r) {
  if (path == "-") throw OutputError("a replication result needs a file, not standard output");
  ScratchFile f(path);
  Writer w([&f](std::string_view bytes) { f.write(bytes); });
  encode(w, r);
  w.flush();
  f.close();
}

// The file is mapped, not copied: a year's result is decoded straight from the page cache. MAP_POPULATE maps
// every page in the one call (the worker just wrote them, so they are in the page cache) instead of one fault
// per 16 pages as the decoder walks the file.
RepResult read_rep_result(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open replication result " + path);
  struct stat st {};
  if (fstat(fd, &st) != 0) {
    close(fd);
    throw std::runtime_error("cannot read replication result " + path);
  }
  const size_t size = static_cast<size_t>(st.st_size);
  if (size == 0) {
    close(fd);
    return decode_rep_result(std::string_view());
  }
  void* p = mmap(nullptr, size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
  close(fd);
  if (p == MAP_FAILED) throw std::runtime_error("cannot read replication result " + path);
  try {
    RepResult r = decode_rep_result(std::string_view(static_cast<const char*>(p), size));
    munmap(p, size);
    return r;
  } catch (...) {
    munmap(p, size);
    throw;
  }
}

}  // namespace ccsim
