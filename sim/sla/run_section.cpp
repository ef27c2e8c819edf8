// Placeholder until the sla capability lands: adds nothing to the run outputs.
#include "cli/run_sections.hpp"

namespace ccsim::cli {

void add_sla_section(SectionContext& ctx) { (void)ctx; }

}  // namespace ccsim::cli
