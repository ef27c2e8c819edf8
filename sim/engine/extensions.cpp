#include "engine/extension.hpp"

namespace ccsim {

std::vector<std::unique_ptr<Extension>> make_extensions(const Scenario& sc, int replication) {
  std::vector<std::unique_ptr<Extension>> list;
  (void)sc;
  (void)replication;
  return list;
}

}  // namespace ccsim
