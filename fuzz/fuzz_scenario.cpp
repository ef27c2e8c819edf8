// Scenario loader: YAML text -> Scenario. Bad input must end in InputError; any other exception, a crash, a
// sanitizer report or a hang is a finding. Inline scenarios only: load_scenario_text resolves referenced
// model files against the file system, so references read whatever the seed names (tests/data, models/).
#include "core/error.hpp"
#include "fuzz_util.hpp"
#include "scenario/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    (void)ccsim::load_scenario_text(ccsim::fuzz::text(data, size), "fuzz.yaml");
  } catch (const ccsim::InputError&) {
  }
  return 0;
}
