// Ledger CSV reader (the minute ledger `ccsim sla` evaluates): bad input must end in InputError.
#include "core/error.hpp"
#include "fuzz_util.hpp"
#include "sla/ledger_csv.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    (void)ccsim::sla::parse_ledger_csv(ccsim::fuzz::text(data, size), "fuzz.csv");
  } catch (const ccsim::InputError&) {
  }
  return 0;
}
