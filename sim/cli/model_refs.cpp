#include "cli/model_refs.hpp"

#include <set>

#include "core/error.hpp"
#include "seats/billing.hpp"
#include "sla/contract.hpp"

namespace ccsim::cli {

void check_referenced_models(const Scenario& sc) {
  std::vector<Diagnostic> all;
  std::set<std::string> seen;
  auto check = [&](const std::string& path, auto load) {
    if (path.empty() || !seen.insert(path).second) return;
    try {
      load(path);
    } catch (const InputError& e) {
      all.insert(all.end(), e.diagnostics().begin(), e.diagnostics().end());
    }
  };
  for (const auto& t : sc.tenants) {
    check(t.sla.contract_file, [](const std::string& p) { (void)sla::load_contract(p); });
    check(t.billing.price_list_file, [](const std::string& p) { (void)billing::load_price_list(p); });
  }
  if (!all.empty()) throw InputError(all);
}

std::vector<std::string> scenario_input_files(const Scenario& sc) {
  std::vector<std::string> files{sc.file, sc.platform.source};
  for (const auto& t : sc.tenants) {
    files.push_back(t.sla.contract_file);
    files.push_back(t.billing.price_list_file);
    for (const auto& c : t.campaigns) files.push_back(c.contacts_file);  // outputs never overwrite a contact list
  }
  return files;
}

}  // namespace ccsim::cli
