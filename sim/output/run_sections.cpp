#include "output/run_sections.hpp"

#include "core/error.hpp"
#include "output/platform_render.hpp"
#include "output/seats_render.hpp"
#include "output/sla_render.hpp"
#include "run/platform_section.hpp"

namespace ccsim {

void add_sla_section(run::SectionContext& ctx) {
  const auto s = run::sla_section(ctx.sc, ctx.reps);
  if (!s) return;
  ctx.doc["sla"] = sla_section_json(*s);
  if (!ctx.quiet) ctx.table << sla_section_terminal(*s);
}

std::optional<platform::Rehearsal> add_platform_section(run::SectionContext& ctx) {
  auto r = run::platform_section(ctx.sc, ctx.reps);
  if (!r) return r;
  ctx.doc["platform"] = platform::rehearsal_json(ctx.sc, *r);
  if (!ctx.quiet) ctx.table << platform::rehearsal_terminal(ctx.sc, *r);
  // A failed hypothesis gates a pipeline: `ccsim run` exits 3 (kept if another section already set it).
  if (r->hypothesis_failed) ctx.exit_code = kExitTargetBreached;
  return r;
}

void add_seats_section(run::SectionContext& ctx) {
  const auto s = run::seats_section(ctx.sc, ctx.reps);
  if (!s) return;
  ctx.doc["seats"] = seats_json(ctx.sc, *s);
  if (!ctx.quiet) ctx.table << seats_terminal(ctx.sc, *s);
}

}  // namespace ccsim
