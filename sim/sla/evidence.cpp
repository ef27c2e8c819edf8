#include "sla/evidence.hpp"

#include <map>

#include "core/time.hpp"
#include "sla/evaluate.hpp"

namespace ccsim::sla {

void add_minute(std::vector<MinuteRange>& ranges, int64_t t, const std::string& excluded_by, uint64_t requests,
                const std::array<uint64_t, kNumCauses>& failures) {
  if (ranges.empty() || ranges.back().to != t || ranges.back().excluded_by != excluded_by)
    ranges.push_back(MinuteRange{t, t, excluded_by, 0, {}});
  MinuteRange& r = ranges.back();
  r.to = t + 60;
  r.requests += requests;
  for (int k = 0; k < kNumCauses; ++k) r.failures[k] += failures[k];
}

std::string causes_text(const std::array<uint64_t, kNumCauses>& failures) {
  std::string s;
  for (int k = 0; k < kNumCauses; ++k)
    if (failures[k]) s += (s.empty() ? "" : ", ") + std::string(cause_name(static_cast<Cause>(k))) + " " + std::to_string(failures[k]);
  return s;
}

std::vector<MonthRanges> month_ranges(const SlaEvaluation& e) {
  std::vector<MonthRanges> out;
  for (const MonthResult& m : e.months) out.push_back({format_date(m.month.first_day).substr(0, 7), m.unavailable_ranges});
  return out;
}

Table evidence_table(const SlaEvaluation& e) { return evidence_table(e.contract_id, month_ranges(e)); }

std::string evidence_summary(const std::vector<MonthRanges>& months) {
  size_t n = 0;
  int64_t counted = 0;
  std::map<std::string, int64_t> excluded;
  for (const auto& m : months)
    for (const MinuteRange& r : m.ranges) {
      ++n;
      if (r.excluded_by.empty()) counted += r.minutes();
      else excluded[r.excluded_by] += r.minutes();
    }
  std::string s = std::to_string(n) + (n == 1 ? " range" : " ranges") + " of unavailable minutes: " +
                  std::to_string(counted) + " counted";
  int64_t total_excl = 0;
  std::string by;
  for (const auto& [clause, minutes] : excluded) {
    total_excl += minutes;
    by += (by.empty() ? "" : ", ") + clause + ": " + std::to_string(minutes);
  }
  s += ", " + std::to_string(total_excl) + " excluded";
  if (!by.empty()) s += " (clause " + by + ")";
  return s;
}

Table evidence_table(const std::string& contract_id, const std::vector<MonthRanges>& months) {
  Table t;
  t.id = "sla_evidence";
  t.title = "Unavailable minutes per service month (" + contract_id + ")";
  t.note = "Consecutive would-be-unavailable minutes merged into ranges [from, to); status counted = Service "
           "Unavailability Minutes, excluded = removed by the clause shown (docs/sla.md \"Evidence\").";
  t.column("month", "Service month", ccsim::Unit::Text)
      .column("from", "From", ccsim::Unit::DateTime)
      .column("to", "To (excl.)", ccsim::Unit::DateTime)
      .column("minutes", "Minutes", ccsim::Unit::Count)
      .column("status", "Status", ccsim::Unit::Text)
      .column("clause", "Clause", ccsim::Unit::Text)
      .column("requests", "Requests", ccsim::Unit::Count)
      .column("failures", "Failures", ccsim::Unit::Count)
      .column("causes", "Failures by cause", ccsim::Unit::Text);
  for (const MonthRanges& m : months)
    for (const MinuteRange& r : m.ranges) {
      uint64_t failures = 0;
      for (auto v : r.failures) failures += v;
      auto& row = t.add_row();
      row = {m.month, format_datetime(r.from), format_datetime(r.to),
             static_cast<double>(r.minutes()), std::string(r.excluded_by.empty() ? "counted" : "excluded"),
             r.excluded_by, static_cast<double>(r.requests), static_cast<double>(failures), causes_text(r.failures)};
    }
  return t;
}

}  // namespace ccsim::sla
