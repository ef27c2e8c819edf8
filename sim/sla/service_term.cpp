#include "sla/service_term.hpp"

#include <cmath>

#include "core/time.hpp"

namespace ccsim::sla {

namespace {
// First day of the month containing `epoch`, 00:00.
int64_t month_start(int64_t epoch) {
  const CivilDate d = date_of_epoch(epoch);
  return epoch_from_civil({d.year, d.month, 1});
}

}  // namespace

std::pair<int64_t, int64_t> service_term(const Scenario& sc, const Tenant& tenant) {
  if (tenant.sla.term_given) return {tenant.sla.service_start, tenant.sla.service_end};
  const int64_t h_end = sc.horizon.start + static_cast<int64_t>(std::ceil(sc.horizon.length));
  const CivilDate last = date_of_epoch(h_end - 1);  // the month of the horizon's last second
  const CivilDate next = last.month == 12 ? CivilDate{last.year + 1, 1, 1} : CivilDate{last.year, last.month + 1, 1};
  return {month_start(sc.horizon.start), epoch_from_civil(next)};
}

}  // namespace ccsim::sla
