#include "stats/rep_result.hpp"

namespace ccsim {

const char* incident_kind_name(IncidentKind k) {
  switch (k) {
    case IncidentKind::Crash: return "crash";
    case IncidentKind::Partition: return "partition";
    case IncidentKind::Degrade: return "degrade";
    case IncidentKind::TrunkOutage: return "trunk_outage";
    case IncidentKind::Overload: return "overload";
    case IncidentKind::Maintenance: return "maintenance";
    case IncidentKind::CustomerSide: return "customer_side";
    case IncidentKind::RandomFailure: return "random_failure";
    case IncidentKind::SiteFailure: return "site_failure";
    case IncidentKind::LinkFailure: return "link_failure";
  }
  return "crash";
}

const char* scaling_path_kind_name(ScalingPathKind k) {
  switch (k) {
    case ScalingPathKind::SelfService: return "self_service";
    case ScalingPathKind::Ticket: return "ticket";
    case ScalingPathKind::SplitStep: return "split-step";
  }
  return "self_service";
}

const char* scaling_reason_name(ScalingReason r) {
  switch (r) {
    case ScalingReason::Scheduled: return "scheduled";
    case ScalingReason::ScaleOut: return "scale_out";
    case ScalingReason::ScaleIn: return "scale_in";
  }
  return "scheduled";
}

}  // namespace ccsim
