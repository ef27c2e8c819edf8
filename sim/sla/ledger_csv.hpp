#pragma once
// Reading real monitoring data for `ccsim sla`: the per-minute ledger CSV and the small side files (prior
// notices, holidays, fees). Formats are documented in docs/sla.md. Every problem is an InputError located at
// file:line(:col); up to kMaxCsvDiagnostics problems are reported at once.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sla/evaluate.hpp"
#include "stats/ledger.hpp"

namespace ccsim::sla {

constexpr size_t kMaxCsvDiagnostics = 50;
constexpr int64_t kMaxLedgerSpanMinutes = 3LL * 366 * 1440;  // three years of minutes

// How to read an export (docs/sla.md "Ledger CSV").
struct LedgerReadOptions {
  // The service's time zone as an offset from UTC in seconds (`ccsim sla --tz +08:00`): naive timestamps are
  // in it, timestamps with an offset (Z, +08:00) are converted into it, and service months are counted in it.
  // Default 0 (UTC): naive timestamps are read as written.
  int tz_offset_seconds = 0;
  std::string tenant;  // the tenant to evaluate in a ledger with a `tenant` column ("" = its only tenant)
};

// Columns: minute, requests, failed, then optional per-cause columns (cause_name), `announced` (0/1, clause
// 5.12), `notice` (0/1, a prior notice covers the minute for the QPS rule), `recordings` and `tenant`. Minutes
// strictly increasing (per tenant), gaps allowed (a missing minute has no requests). Failures not attributed
// to a cause column are counted as platform_other (a provider cause). A UTF-8 byte order mark is skipped.
MinuteLedger parse_ledger_csv(const std::string& text, const std::string& display_name,
                              const LedgerReadOptions& opt = {});
MinuteLedger read_ledger_csv(const std::string& path, const LedgerReadOptions& opt = {});

// "+08:00", "-05:30", "Z" or "+00:00" -> seconds east of UTC; nullopt when not an offset.
std::optional<int> parse_utc_offset(const std::string& s);
// A minute timestamp, naive or with a zone offset, as epoch seconds of the service's local time.
std::optional<int64_t> parse_zoned_datetime(const std::string& s, int tz_offset_seconds);

// Notices: one window per line "FROM,TO" (datetimes, TO exclusive); '#' comments and blank lines allowed.
std::vector<NoticeWindow> read_notices(const std::string& path);
// Holidays: one date per line; "DATE,workday" marks a weekend day that is a working day.
BusinessCalendar read_holidays(const std::string& path);

// Fees: "YYYY-MM,AMOUNT" per calendar month of a service month; optional "prior_12m,AMOUNT" and
// "prior_credits_12m,AMOUNT".
struct FeeTable {
  std::map<std::pair<int, int>, int64_t> by_month;  // (year, month) -> cents
  std::map<std::pair<int, int>, int> line_of;       // where each month was given
  int64_t prior_12m_cents = 0;
  int64_t prior_credits_12m_cents = 0;
  std::string file;
};
FeeTable read_fees(const std::string& path);
// Fees for each service month, in order; InputError naming every month without a fee.
std::vector<int64_t> fees_for_months(const FeeTable& fees, const std::vector<ServiceMonth>& months);

// Whole file as text (InputError when missing, a directory or larger than max_bytes).
std::string read_text_file(const std::string& path, uint64_t max_bytes);

}  // namespace ccsim::sla
