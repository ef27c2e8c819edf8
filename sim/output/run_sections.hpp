#pragma once
// The sections of `ccsim run` after its replications: each computes its typed figures (run/, platform/) and
// is rendered once here into the JSON summary (ctx.doc) and the terminal summary (ctx.table).
#include <optional>

#include "platform/rehearsal.hpp"
#include "run/section_context.hpp"

namespace ccsim {

void add_sla_section(run::SectionContext& ctx);
// Returns the rehearsal (for the drill journal); sets ctx.exit_code to 3 when a hypothesis failed.
std::optional<platform::Rehearsal> add_platform_section(run::SectionContext& ctx);
void add_seats_section(run::SectionContext& ctx);

}  // namespace ccsim
