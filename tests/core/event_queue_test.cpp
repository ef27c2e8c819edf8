// The event queue decides the order of everything: earliest first, and first-scheduled first among equal
// times (reproducible runs). Checked against a stable sort of the same events, including pops interleaved
// with pushes as a simulation does.
#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

#include "core/rng.hpp"
#include "core/scheduler.hpp"

using namespace ccsim;

namespace {
struct Recorder final : EventSink {
  std::vector<uint64_t> order;
  void on_event(uint64_t payload) override { order.push_back(payload); }
};
}  // namespace

TEST(EventQueue, FifoAmongEqualTimes) {
  EventQueue q;
  Recorder r;
  for (uint64_t i = 0; i < 50; ++i) q.push(10.0, &r, i);
  EventQueue::Ev e;
  std::vector<uint64_t> got;
  while (q.pop_due(10.0, e)) got.push_back(e.payload);
  ASSERT_EQ(got.size(), 50u);
  for (uint64_t i = 0; i < 50; ++i) EXPECT_EQ(got[i], i);
}

TEST(EventQueue, MatchesStableSortWithInterleavedPops) {
  // Few distinct times so ties are common; pops interleaved with pushes never go back in time. A third of the
  // events are stream events (push_stream), kept in a heap of their own but ordered with the rest.
  Rng rng(7, 0, "eq");
  EventQueue q;
  Recorder r;
  struct Ref {
    double t;
    uint64_t id;
  };
  std::vector<Ref> pending;
  std::vector<uint64_t> got, want;
  double now = 0;
  uint64_t id = 0;
  for (int step = 0; step < 20000; ++step) {
    if (pending.empty() || rng.uniform() < 0.55) {
      const double t = now + static_cast<double>(static_cast<int>(rng.uniform() * 8));
      if (rng.uniform() < 0.33)
        q.push_stream(t, &r, id);
      else
        q.push(t, &r, id);
      pending.push_back({t, id++});
    } else {
      // The reference: the earliest time, and among equal times the first pushed.
      auto it = std::min_element(pending.begin(), pending.end(), [](const Ref& a, const Ref& b) {
        return a.t < b.t || (a.t == b.t && a.id < b.id);
      });
      want.push_back(it->id);
      now = it->t;
      pending.erase(it);
      EventQueue::Ev e;
      ASSERT_TRUE(q.pop_due(now, e));
      EXPECT_EQ(e.t, now);
      got.push_back(e.payload);
    }
  }
  EXPECT_EQ(got, want);
}

TEST(EventQueue, LargeQueueMatchesStableSort) {
  // Thousands pending, as in a call center of thousands of agents, with continuous times and a few exact ties
  // (the heap's order depends on its depth: a small queue exercises few levels).
  Rng rng(11, 0, "eq-large");
  EventQueue q;
  Recorder r;
  std::vector<std::pair<double, uint64_t>> all;
  for (uint64_t id = 0; id < 5000; ++id) {
    const double t = id % 7 == 0 ? 100.0 : rng.uniform() * 1000.0;
    q.push(t, &r, id);
    all.emplace_back(t, id);
  }
  std::stable_sort(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  EventQueue::Ev e;
  std::vector<uint64_t> got, want;
  while (q.pop_due(1e9, e)) got.push_back(e.payload);
  for (const auto& a : all) want.push_back(a.second);
  EXPECT_EQ(got, want);
}

TEST(EventQueue, NegativeZeroIsTheSameTimeAsZero) {
  // Times are ordered by their bit patterns, where -0.0 would come after every positive time.
  EventQueue q;
  Recorder r;
  q.push(1.0, &r, 1);
  q.push(0.0, &r, 2);
  q.push(-0.0, &r, 3);
  q.push(0.5, &r, 4);
  EventQueue::Ev e;
  std::vector<uint64_t> got;
  while (q.pop_due(10.0, e)) got.push_back(e.payload);
  EXPECT_EQ(got, (std::vector<uint64_t>{2, 3, 4, 1}));
}

TEST(EventQueue, StreamEventsTakeTheirTurnAmongTheOthers) {
  // A stream event ties with an earlier-pushed ordinary one and a later-pushed one: first pushed, first run,
  // whichever heap holds it; the front slot and the stream heap both come before a later heap top.
  EventQueue q;
  Recorder r;
  q.push(5.0, &r, 1);
  q.push_stream(5.0, &r, 2);
  q.push(5.0, &r, 3);
  q.push_stream(2.0, &r, 4);
  q.push(1.0, &r, 5);  // the front slot
  q.push(9.0, &r, 6);
  EXPECT_EQ(q.size(), 6u);
  EXPECT_EQ(q.top().payload, 5u);
  EventQueue::Ev e;
  std::vector<uint64_t> got;
  while (q.pop_due(6.0, e)) got.push_back(e.payload);
  EXPECT_EQ(got, (std::vector<uint64_t>{5, 4, 1, 2, 3}));
  EXPECT_EQ(q.size(), 1u);
  EXPECT_FALSE(q.empty());
}

TEST(EventQueue, PopDueStopsAtTheLimit) {
  EventQueue q;
  Recorder r;
  q.push(5.0, &r, 1);
  q.push(7.0, &r, 2);
  EventQueue::Ev e;
  EXPECT_TRUE(q.pop_due(6.0, e));
  EXPECT_EQ(e.payload, 1u);
  EXPECT_FALSE(q.pop_due(6.0, e));
  EXPECT_EQ(q.size(), 1u);
}

TEST(EventQueue, EventsPushedAheadOfTheTopKeepTheOrder) {
  // The slot in front of the heap: an event earlier than the top, then an even earlier one (the first moves
  // into the heap), then one at the front's time (after it: pushed later), then one between.
  EventQueue q;
  Recorder r;
  q.push(10.0, &r, 1);
  q.push(4.0, &r, 2);
  EXPECT_EQ(q.top().payload, 2u);
  q.push(3.0, &r, 3);
  q.push(3.0, &r, 4);
  q.push(5.0, &r, 5);
  EXPECT_EQ(q.size(), 5u);
  EXPECT_EQ(q.top_time(), 3.0);
  EventQueue::Ev e;
  std::vector<uint64_t> got;
  while (q.pop_due(100.0, e)) got.push_back(e.payload);
  EXPECT_EQ(got, (std::vector<uint64_t>{3, 4, 2, 5, 1}));
  EXPECT_TRUE(q.empty());
}

TEST(HeapScheduler, RunsInOrderAndClampsPastDates) {
  HeapScheduler s;
  Recorder r;
  s.at(3.0, &r, 3);
  s.at(1.0, &r, 1);
  s.run_until(2.0);
  EXPECT_EQ(s.now(), 2.0);
  s.at(0.5, &r, 0);  // in the past: runs now, not before what already ran
  s.at_stream(0.25, &r, 4);  // so does a stream event, after it
  s.run_until(10.0);
  EXPECT_EQ(r.order, (std::vector<uint64_t>{1, 0, 4, 3}));
  EXPECT_EQ(s.events_executed(), 4u);
}
