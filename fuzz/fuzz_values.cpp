// Value parsers of the scenario and contract files: durations, rates, dates and date-times. They answer
// nullopt for bad text; nothing may throw, crash or take long.
#include "core/time.hpp"
#include "fuzz_util.hpp"
#include "scenario/value_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string s = ccsim::fuzz::text(data, size);
  (void)ccsim::parse_duration(s);
  (void)ccsim::scenario::parse_rate_per_hour(s);
  (void)ccsim::parse_date(s);
  (void)ccsim::parse_datetime(s);
  return 0;
}
