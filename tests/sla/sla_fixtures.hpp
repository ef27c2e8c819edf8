#pragma once
// Helpers shared by the SLA tests: the shipped contracts and ledgers built minute by minute.
#include <string>

#include "core/time.hpp"
#include "sla/contract.hpp"
#include "sla/evaluate.hpp"
#include "stats/ledger.hpp"
#include "support/test_support.hpp"

namespace ccsim::test {

inline sla::Contract contract_a() { return sla::load_contract(source_dir() + "/models/contracts/intl-ccc-2024.yaml"); }
inline sla::Contract contract_b() { return sla::load_contract(source_dir() + "/models/contracts/cn-ccc-2022.yaml"); }

inline int64_t epoch(int y, int m, int d, int hh = 0, int mm = 0) { return epoch_from_civil({y, m, d}, hh, mm); }

// A ledger covering [start, start + days) with no traffic.
inline MinuteLedger empty_ledger(int64_t start, int days) {
  MinuteLedger L;
  L.start_epoch = start;
  L.resize(static_cast<size_t>(days) * 1440);
  return L;
}

inline void set_minute(MinuteLedger& L, size_t m, uint32_t requests, Cause cause, uint32_t failed) {
  L.requests[m] = requests;
  L.failures[m][static_cast<int>(cause)] = failed;
}

// Term = the ledger's days exactly.
inline sla::SlaInputs term(int64_t start, int days) {
  sla::SlaInputs in;
  in.service_start = start;
  in.service_end = start + static_cast<int64_t>(days) * 86400;
  return in;
}

}  // namespace ccsim::test
