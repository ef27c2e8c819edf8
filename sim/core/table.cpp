#include "core/table.hpp"

namespace ccsim {

const char* unit_name(Unit u) {
  switch (u) {
    case Unit::None: return "";
    case Unit::Text: return "";
    case Unit::Count: return "count";
    case Unit::Ratio: return "ratio";
    case Unit::Seconds: return "s";
    case Unit::Agents: return "agents";
    case Unit::Money: return "money";
    case Unit::DateTime: return "local time";
  }
  return "";
}

}  // namespace ccsim
