#pragma once
// Call-by-call logs exported by an ACD/CCaaS platform, read through a column-mapping file (models/call-logs/):
// which column holds the arrival, the queue entry and exit, the outcome, the service start and end, the agent;
// whether times are full timestamps or times of day next to a date column; which outcome labels mean served,
// abandoned or "not a call". Every time is resolved to epoch seconds; a time of day earlier than the arrival
// belongs to the next day (midnight crossing).
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/error.hpp"

namespace ccsim::calibration {

enum class LogOutcome { Served, Abandoned, Ignored };

// The column-mapping file, resolved. Column names refer to the header line of the export.
struct LogMapping {
  std::string file;                 // mapping file path (diagnostics)
  std::string name;                 // e.g. anonymous-bank
  char delimiter = ',';
  bool time_of_day = false;         // true: times of day + date column; false: full timestamps
  std::string date_column, date_format = "YYYY-MM-DD";
  // Logical field -> column name. Required: arrival, outcome. Optional: call_type, priority, ivr_exit,
  // queue_start, queue_exit, service_start, service_end, agent.
  std::map<std::string, std::string> columns;
  std::vector<std::string> empty_times;      // values meaning "did not happen" (e.g. 0:00:00)
  std::map<std::string, LogOutcome> outcomes;
  std::vector<std::string> no_agent;         // agent values meaning "no agent" (e.g. NO_SERVER)
  // Day types used for arrival rates and staffing: name -> weekdays (0 = Monday .. 6 = Sunday).
  std::vector<std::pair<std::string, std::vector<int>>> day_types;
};

// Reads and checks a mapping file; throws InputError (file:line:col: key: message).
LogMapping load_log_mapping(const std::string& path);

struct LoggedCall {
  int64_t arrival = 0;        // epoch seconds (entry into the system, IVR included)
  int type = 0;               // index into CallLog::types
  int priority = 0;
  double ivr = 0;             // seconds from arrival to queue entry (or to service/hang-up when never queued)
  double wait = 0;            // seconds in the agent queue (0 = never waited)
  LogOutcome outcome = LogOutcome::Served;
  double service_start = 0;   // epoch seconds (served calls)
  double service = 0;         // seconds of service (served calls); negative = not in the export
  int agent = -1;             // index into CallLog::agents, -1 = none recorded
  int line = 0;               // line in the export
};

struct CallLog {
  std::string file;
  std::vector<std::string> types;   // call type names, in order of first appearance
  std::vector<std::string> agents;
  std::vector<LoggedCall> calls;    // sorted by arrival
  int rows = 0;                     // data rows read
  int ignored = 0;                  // rows whose outcome maps to `ignore`
  int unknown_service = 0;          // served calls whose service times are both empty
  std::vector<Diagnostic> skipped;  // bad rows skipped (only when skip_bad_rows)
  int64_t first_day = 0, last_day = 0;  // epoch of midnight of the first and last arrival day
};

struct ReadOptions {
  bool skip_bad_rows = false;  // false: any bad row is an InputError (all of them listed)
  int64_t from = INT64_MIN, to = INT64_MAX;  // keep calls arriving in [from, to) (epoch)
};

// Reads an export; throws InputError listing bad rows as file:line:col: column: message (expected ...).
CallLog read_call_log(const std::string& path, const LogMapping& m, const ReadOptions& opt = {});

// Index of the day type of the calendar day starting at `day_epoch` (-1 when no day type covers it).
int day_type_of(const LogMapping& m, int64_t day_epoch);

}  // namespace ccsim::calibration
