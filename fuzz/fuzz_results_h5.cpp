// HDF5 results reader, the way `ccsim report` reads a file: the child-process probe (structure walk, then the
// report's own reading), then the report in this process only when the probe accepted the file. A damaged
// file must be refused with InputError; a crash or hang in the parent is a finding (crashes inside libhdf5
// happen in the probe's children and become refusals).
#include "core/error.hpp"
#include "fuzz_util.hpp"
#include "output/capacity_h5.hpp"
#include "output/h5_probe.hpp"
#include "output/h5_reader.hpp"
#include "output/html_report.hpp"

namespace {
void read_like_report(const std::string& path) {
  if (ccsim::capacity::is_capacity_h5(path)) (void)ccsim::capacity::render_capacity_html(path);
  else (void)ccsim::render_html_report(ccsim::H5Results(path));
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string path = ccsim::fuzz::as_file(data, size, ".h5");
  try {
    ccsim::probe_h5_input(path, [&] { read_like_report(path); });
    read_like_report(path);
  } catch (const ccsim::InputError&) {
  }
  return 0;
}
