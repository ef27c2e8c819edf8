// RepResult survives the trip worker -> file -> parent bit for bit, and damaged bytes are refused.
#include "stats/rep_result_io.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <filesystem>
#include <limits>

#include "core/atomic_file.hpp"
#include "support/test_support.hpp"

namespace ccsim {
namespace {

uint64_t bits(double d) {
  uint64_t b;
  std::memcpy(&b, &d, sizeof b);
  return b;
}

// Doubles that a text or float32 encoding would mangle.
const double kAwkward[] = {0.1,
                           -0.0,
                           1.0 / 3.0,
                           std::numeric_limits<double>::denorm_min(),
                           std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::infinity(),
                           std::numeric_limits<double>::quiet_NaN(),
                           123456789.123456789};

CounterTable table(int rows, int fields, double seed) {
  CounterTable t;
  t.init(rows, fields);
  for (size_t i = 0; i < t.v.size(); ++i) t.v[i] = seed * (i + 1) + kAwkward[i % std::size(kAwkward)];
  t.v[0] = kAwkward[(static_cast<size_t>(seed)) % std::size(kAwkward)];
  return t;
}

SampleTable samples(int rows, int fields, uint32_t seed) {
  SampleTable t;
  t.init(rows, fields);
  for (size_t i = 0; i < t.v.size(); ++i) t.v[i] = seed * static_cast<uint32_t>(i + 1);
  t.v[0] = 0xFFFFFFFFu;  // the whole width travels
  return t;
}

// Every field set to something other than its default.
RepResult full_result() {
  RepResult r;
  r.replication = 17;
  r.seed = 0xFEDCBA9876543210ull;
  r.sim_seconds = 86400.25;
  r.wall_seconds = 1.0 / 7.0;
  r.events = 123456789012ull;
  r.calls = 98765432ull;
  r.complete = false;
  for (int ti = 0; ti < 2; ++ti) {
    TenantRep t;
    t.name = ti == 0 ? "acme" : "unicode \xC3\xA9t\xC3\xA9";
    t.call_types = {"sales", "support", ""};
    t.groups = {"g1"};
    t.trunks = {"pstn", "sip"};
    for (size_t c = 0; c < t.call_types.size(); ++c) t.ct.push_back(table(5, CT_NFIELDS, 1.5 + c + ti));
    t.gr.push_back(table(5, GR_NFIELDS, 2.25 + ti));
    for (size_t k = 0; k < t.trunks.size(); ++k) t.tr.push_back(table(5, TR_NFIELDS, 3.125 + k));
    t.campaigns = {"collections"};
    t.ob.push_back(table(5, OB_NFIELDS, 4.5 + ti));
    t.minute = samples(300, MIN_NFIELDS, 7u + static_cast<uint32_t>(ti));
    t.ledger.resize(300);
    t.ledger.start_epoch = 1773705600 + ti * 60;
    for (size_t m = 0; m < 300; ++m) {
      t.ledger.requests[m] = static_cast<uint32_t>(m * 7 + ti);
      // Failures in some minutes only (the sparse encoding), the minute after the last one, and minute 0.
      if (m % 7 == 0 || m == 299)
        for (int c = 0; c < kNumCauses; ++c) t.ledger.failures[m][c] = static_cast<uint32_t>((m + c) % 5 + 1);
      t.ledger.announced_event[m] = m % 3 == 0;
      t.ledger.qps_notice[m] = m % 4 == 1;
    }
    t.ledger.recordings.assign(300, 0);
    for (size_t m = 0; m < 300; ++m) t.ledger.recordings[m] = static_cast<uint32_t>(m * 3 + 1);
    t.ledger.requests[299] = std::numeric_limits<uint32_t>::max();
    t.answered_calls = -5 + ti;  // sign must survive too
    t.billed_call_minutes = 1LL << 40;
    t.max_seats_online = 2000 + ti;
    for (int c = 0; c < 5; ++c) {
      CallRecord rec;
      rec.arrival = 0.1 * c + ti;
      rec.wait = kAwkward[c];
      rec.handle = 180.0 / (c + 1);
      rec.call_type = c % 3;
      rec.group = static_cast<int16_t>(c - 1);  // -1 = not answered
      rec.attempt = static_cast<uint8_t>(c + 1);
      rec.outcome = static_cast<CallOutcome>(c + ti);
      t.records.push_back(rec);
    }
    if (ti == 1) t.records_file = "/tmp/ccsim-run-1-x/rep-0-1.records";  // spooled records (ccsim run)
    r.tenants.push_back(std::move(t));
  }
  Incident inc;
  inc.kind = IncidentKind::CustomerSide;
  inc.cause = Cause::Attack;
  inc.target = "host-a1";
  inc.drill = "dc-loss";
  inc.announced = true;
  inc.start = 3600.5;
  inc.detected = 3615.0;
  inc.migrated = -1;
  inc.repaired = 7200.75;
  inc.recovered = 7200.75;
  inc.calls_dropped = 42;
  inc.requests_failed = 4242;
  inc.tenants = {"acme", "globex"};
  inc.note = "no standby capacity: outage until repair";
  r.incidents = {inc, Incident{}};
  ScalingAction sa;
  sa.tenant = "acme";
  sa.requested = 100.5;
  sa.effective = 400.5;
  sa.from_seats = 100;
  sa.to_seats = -3;
  sa.target_seats = 36;
  sa.path = ScalingPath{ScalingPathKind::SplitStep, true, 1, 2};
  sa.reason = ScalingReason::ScaleOut;
  sa.metric = "queue_length";
  sa.value = 21.5;
  sa.bound = 20;
  sa.window = 900;
  r.scaling = {sa};
  return r;
}

void expect_same_table(const CounterTable& a, const CounterTable& b) {
  EXPECT_EQ(a.rows, b.rows);
  EXPECT_EQ(a.fields, b.fields);
  ASSERT_EQ(a.v.size(), b.v.size());
  for (size_t i = 0; i < a.v.size(); ++i) EXPECT_EQ(bits(a.v[i]), bits(b.v[i])) << "cell " << i;
}

void expect_same_table(const SampleTable& a, const SampleTable& b) {
  EXPECT_EQ(a.rows, b.rows);
  EXPECT_EQ(a.fields, b.fields);
  EXPECT_EQ(a.v, b.v);
}

void expect_same(const RepResult& a, const RepResult& b) {
  EXPECT_EQ(a.replication, b.replication);
  EXPECT_EQ(a.seed, b.seed);
  EXPECT_EQ(bits(a.sim_seconds), bits(b.sim_seconds));
  EXPECT_EQ(bits(a.wall_seconds), bits(b.wall_seconds));
  EXPECT_EQ(a.events, b.events);
  EXPECT_EQ(a.calls, b.calls);
  EXPECT_EQ(a.complete, b.complete);
  ASSERT_EQ(a.tenants.size(), b.tenants.size());
  for (size_t i = 0; i < a.tenants.size(); ++i) {
    const TenantRep &x = a.tenants[i], &y = b.tenants[i];
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.call_types, y.call_types);
    EXPECT_EQ(x.groups, y.groups);
    EXPECT_EQ(x.trunks, y.trunks);
    ASSERT_EQ(x.ct.size(), y.ct.size());
    for (size_t k = 0; k < x.ct.size(); ++k) expect_same_table(x.ct[k], y.ct[k]);
    ASSERT_EQ(x.gr.size(), y.gr.size());
    for (size_t k = 0; k < x.gr.size(); ++k) expect_same_table(x.gr[k], y.gr[k]);
    ASSERT_EQ(x.tr.size(), y.tr.size());
    for (size_t k = 0; k < x.tr.size(); ++k) expect_same_table(x.tr[k], y.tr[k]);
    EXPECT_EQ(x.campaigns, y.campaigns);
    ASSERT_EQ(x.ob.size(), y.ob.size());
    for (size_t k = 0; k < x.ob.size(); ++k) expect_same_table(x.ob[k], y.ob[k]);
    expect_same_table(x.minute, y.minute);
    EXPECT_EQ(x.ledger.start_epoch, y.ledger.start_epoch);
    EXPECT_EQ(x.ledger.requests, y.ledger.requests);
    EXPECT_EQ(x.ledger.failures, y.ledger.failures);
    EXPECT_EQ(x.ledger.announced_event, y.ledger.announced_event);
    EXPECT_EQ(x.ledger.qps_notice, y.ledger.qps_notice);
    EXPECT_EQ(x.ledger.recordings, y.ledger.recordings);
    EXPECT_EQ(x.answered_calls, y.answered_calls);
    EXPECT_EQ(x.billed_call_minutes, y.billed_call_minutes);
    EXPECT_EQ(x.max_seats_online, y.max_seats_online);
    ASSERT_EQ(x.records.size(), y.records.size());
    for (size_t k = 0; k < x.records.size(); ++k) {
      const CallRecord &p = x.records[k], &q = y.records[k];
      EXPECT_EQ(bits(p.arrival), bits(q.arrival));
      EXPECT_EQ(bits(p.wait), bits(q.wait));
      EXPECT_EQ(bits(p.handle), bits(q.handle));
      EXPECT_EQ(p.call_type, q.call_type);
      EXPECT_EQ(p.group, q.group);
      EXPECT_EQ(p.attempt, q.attempt);
      EXPECT_EQ(p.outcome, q.outcome);
    }
    EXPECT_EQ(x.records_file, y.records_file);
  }
  ASSERT_EQ(a.incidents.size(), b.incidents.size());
  for (size_t i = 0; i < a.incidents.size(); ++i) {
    const Incident &x = a.incidents[i], &y = b.incidents[i];
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.cause, y.cause);
    EXPECT_EQ(x.target, y.target);
    EXPECT_EQ(x.drill, y.drill);
    EXPECT_EQ(x.announced, y.announced);
    EXPECT_EQ(bits(x.start), bits(y.start));
    EXPECT_EQ(bits(x.detected), bits(y.detected));
    EXPECT_EQ(bits(x.migrated), bits(y.migrated));
    EXPECT_EQ(bits(x.repaired), bits(y.repaired));
    EXPECT_EQ(bits(x.recovered), bits(y.recovered));
    EXPECT_EQ(x.calls_dropped, y.calls_dropped);
    EXPECT_EQ(x.requests_failed, y.requests_failed);
    EXPECT_EQ(x.tenants, y.tenants);
    EXPECT_EQ(x.note, y.note);
  }
  ASSERT_EQ(a.scaling.size(), b.scaling.size());
  for (size_t i = 0; i < a.scaling.size(); ++i) {
    const ScalingAction &x = a.scaling[i], &y = b.scaling[i];
    EXPECT_EQ(x.tenant, y.tenant);
    EXPECT_EQ(bits(x.requested), bits(y.requested));
    EXPECT_EQ(bits(x.effective), bits(y.effective));
    EXPECT_EQ(x.from_seats, y.from_seats);
    EXPECT_EQ(x.to_seats, y.to_seats);
    EXPECT_EQ(x.target_seats, y.target_seats);
    EXPECT_TRUE(x.path == y.path);
    EXPECT_EQ(x.reason, y.reason);
    EXPECT_EQ(x.metric, y.metric);
    EXPECT_EQ(bits(x.value), bits(y.value));
    EXPECT_EQ(bits(x.bound), bits(y.bound));
    EXPECT_EQ(bits(x.window), bits(y.window));
  }
}

// A guard, not a behaviour test: when a field is added to these structs, this fails until rep_result_io.cpp
// serializes it, the comparison above checks it, and the sizes here are updated (x86-64, libstdc++).
TEST(RepResultIo, StructLayoutsAreTheOnesSerialized) {
#if !(defined(__x86_64__) && defined(__GLIBCXX__))
  GTEST_SKIP() << "sizes recorded for x86-64 libstdc++ only";
#endif
  EXPECT_EQ(sizeof(RepResult), 128u) << "RepResult changed: update rep_result_io.cpp and this test";
  EXPECT_EQ(sizeof(TenantRep), 488u) << "TenantRep changed: update rep_result_io.cpp and this test";
  EXPECT_EQ(sizeof(MinuteLedger), 152u) << "MinuteLedger changed: update rep_result_io.cpp and this test";
  EXPECT_EQ(sizeof(Incident), 192u) << "Incident changed: update rep_result_io.cpp and this test";
  EXPECT_EQ(sizeof(ScalingAction), 136u) << "ScalingAction changed: update rep_result_io.cpp and this test";
  EXPECT_EQ(sizeof(CallRecord), 32u) << "CallRecord changed: update rep_result_io.cpp and this test";
  EXPECT_EQ(sizeof(CounterTable), 32u) << "CounterTable changed: update rep_result_io.cpp and this test";
  EXPECT_EQ(sizeof(SampleTable), 32u) << "SampleTable changed: update rep_result_io.cpp and this test";
  EXPECT_EQ(sizeof(MinuteFailures<kNumCauses>), 48u) << "MinuteFailures changed: update rep_result_io.cpp and this test";
}

TEST(RepResultIo, RoundTripIsExact) {
  const RepResult r = full_result();
  const std::string bytes = encode_rep_result(r);
  const RepResult back = decode_rep_result(bytes);
  expect_same(r, back);
  // Encoding the copy gives the same bytes: nothing was lost or reordered.
  EXPECT_EQ(encode_rep_result(back), bytes);
  // NaN really came back as NaN (the bit comparison covers it, this says it in words).
  bool saw_nan = false;
  for (double d : back.tenants[0].ct[0].v) saw_nan = saw_nan || std::isnan(d);
  EXPECT_TRUE(saw_nan);
}

TEST(RepResultIo, EmptyResultRoundTrips) {
  const RepResult r;
  expect_same(r, decode_rep_result(encode_rep_result(r)));
}

TEST(RepResultIo, DamagedBytesAreRefused) {
  const std::string bytes = encode_rep_result(full_result());
  // Every truncation point must be detected, not read as a shorter result.
  for (size_t cut : {size_t{0}, size_t{5}, size_t{12}, bytes.size() / 3, bytes.size() / 2, bytes.size() - 1})
    EXPECT_THROW(decode_rep_result(std::string_view(bytes).substr(0, cut)), RepResultFormatError) << cut;
  EXPECT_THROW(decode_rep_result(bytes + "x"), RepResultFormatError);
  std::string bad_magic = bytes;
  bad_magic[0] = 'X';
  EXPECT_THROW(decode_rep_result(bad_magic), RepResultFormatError);
  std::string bad_version = bytes;
  bad_version[8] = 9;
  EXPECT_THROW(decode_rep_result(bad_version), RepResultFormatError);
  // A huge length must be refused before it is allocated: replication (4) seed (8) doubles (16) counts (16)
  // complete (1) follow the 12-byte header; the tenant count starts at byte 12 + 45 = 57.
  std::string huge = bytes;
  for (int i = 0; i < 8; ++i) huge[57 + i] = static_cast<char>(0xFF);
  EXPECT_THROW(decode_rep_result(huge), RepResultFormatError);
}

// Failures travel sparse: only the minutes that had one, ascending, whatever order the rows were made in.
TEST(RepResultIo, SparseFailuresHaveOneEncoding) {
  RepResult a = full_result(), b = full_result();
  for (TenantRep* t : {&a.tenants[0], &b.tenants[0]}) t->ledger.failures.assign(t->ledger.minutes());
  a.tenants[0].ledger.failures[5][static_cast<int>(Cause::HostDown)] = 3;
  a.tenants[0].ledger.failures[200][static_cast<int>(Cause::TrunkBusy)] = 1;
  b.tenants[0].ledger.failures[200][static_cast<int>(Cause::TrunkBusy)] = 1;  // made in the other order
  b.tenants[0].ledger.failures[5][static_cast<int>(Cause::HostDown)] = 3;
  const std::string bytes = encode_rep_result(a);
  EXPECT_EQ(encode_rep_result(b), bytes);
  const RepResult back = decode_rep_result(bytes);
  const MinuteLedger& l = back.tenants[0].ledger;
  EXPECT_EQ(l.failures.rows().size(), 2u);
  EXPECT_EQ(l.failures[5][static_cast<int>(Cause::HostDown)], 3u);
  EXPECT_EQ(l.failed(200), 1u);
  EXPECT_EQ(l.failed(6), 0u);
  EXPECT_FALSE(l.failures.stored(6));
  // The whole ledger: 300 minutes of 4-byte requests, two failure rows of (minute + 17 counts), not 300 rows.
  EXPECT_LT(bytes.size(), encode_rep_result(full_result()).size());
}

TEST(RepResultIo, FileRoundTrip) {
  const std::string dir = test::temp_dir();
  const std::string path = dir + "/rep-3.bin";
  const RepResult r = full_result();
  write_rep_result(path, r);
  expect_same(r, read_rep_result(path));
  // Only the result file is left in the directory (no temporary).
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 1);
  EXPECT_THROW(read_rep_result(dir + "/missing.bin"), std::runtime_error);
  EXPECT_THROW(write_rep_result("-", r), OutputError);
}

}  // namespace
}  // namespace ccsim
