// Call-log reader (calibration): the input is the export, read with the synthetic test mapping.
#include "calibration/call_log.hpp"
#include "core/error.hpp"
#include "fuzz_util.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const ccsim::calibration::LogMapping mapping = ccsim::calibration::load_log_mapping(std::string(CCSIM_TEST_DATA) + "/call-logs/synthetic.yaml");
  try {
    (void)ccsim::calibration::read_call_log(ccsim::fuzz::as_file(data, size, ".csv"), mapping);
  } catch (const ccsim::InputError&) {
  }
  return 0;
}
