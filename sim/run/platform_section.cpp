// The platform section of `ccsim run`: the chaos-drill rehearsal report (platform/rehearsal.hpp) in the JSON
// summary (doc["platform"]) and the terminal, and exit code 3 when a steady-state hypothesis failed.
#include "run/section_context.hpp"
#include "core/error.hpp"
#include "platform/rehearsal.hpp"

namespace ccsim::run {

void add_platform_section(SectionContext& ctx) {
  const Scenario& sc = ctx.sc;
  const bool has_platform = sc.platform.enabled && !sc.platform.hosts.empty();
  if (!has_platform && sc.drills.empty() && sc.hypotheses.empty()) return;
  platform::Rehearsal r = platform::build_rehearsal(sc, ctx.reps);
  ctx.doc["platform"] = std::move(r.json);
  if (!ctx.quiet) ctx.table << r.text;
  // A failed hypothesis gates a pipeline: `ccsim run` exits 3 (kept if another section already set it).
  if (r.hypothesis_failed) ctx.exit_code = kExitTargetBreached;
}

}  // namespace ccsim::run
