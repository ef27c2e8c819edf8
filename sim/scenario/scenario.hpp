#pragma once
// The resolved, typed scenario: what the loader produces from YAML (+ the models/ files it references) and
// what every model is built from. All times are seconds; all dates are epoch seconds (no zone); every default is
// already applied, so model code never consults the YAML.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/distribution.hpp"
#include "core/error.hpp"

namespace ccsim {

// ---------------------------------------------------------------- horizon
struct Horizon {
  int64_t start = 0;        // epoch seconds of t = 0
  double length = 86400;    // seconds
  double interval = 1800;   // statistics interval: 900, 1800 or 3600
  double warmup = 0;        // seconds discarded from interval statistics (not from the SLA ledger)
  // After the horizon end the calls still in the system are drained (served or abandon, no new arrivals) for
  // at most this long; callers still waiting then are disconnected (cut_at_close). See docs/model.md.
  double drain_limit = 4 * 3600;
  int num_intervals() const { return static_cast<int>((length + interval - 1e-9) / interval); }
  int num_minutes() const { return static_cast<int>((length + 59.999) / 60.0); }
};

// ---------------------------------------------------------------- traffic
struct RateOverride {  // dated factor, e.g. a promotion day
  int64_t from = 0, to = 0;  // epoch seconds, [from, to)
  double factor = 1;
  std::string label;
};
struct Burst {  // extra Poisson traffic on top of the profile
  int64_t from = 0, to = 0;
  double extra_per_hour = 0;
  bool announced = false;  // a surge with prior notice (matters to the 5.0 QPS SLA rule)
  std::string label;
};
struct ArrivalSpec {
  double rate_per_hour = 0;                 // base rate
  double profile_interval = 3600;           // length of each day-profile slot
  std::vector<double> day_profile;          // multipliers per slot of the day (empty = flat 1)
  double weekday_factor[7] = {1, 1, 1, 1, 1, 1, 1};  // Monday..Sunday
  std::vector<RateOverride> overrides;
  std::vector<Burst> bursts;
  double busyness_cv = 0;                   // gamma day factor with mean 1 and this cv (0 = off)
};

struct Retrial {
  double probability = 0;
  Distribution delay = Distribution::exponential(300);
  int max_attempts = 3;  // total attempts including the first
};

struct RouteStep {
  std::string group;
  int group_index = -1;  // resolved
  double after = 0;      // seconds after arrival at which this group is also offered the call
};

enum class Channel { Voice, Chat };

// Opening hours (docs/model.md "Opening hours and closing"): arrivals only while open; at a close the callers
// already in the system are drained (served or abandon) or cut (disconnected, counted as cut_at_close).
enum class AtClose { Drain, Cut };
struct OpenWindow {
  bool days[7] = {true, true, true, true, true, true, true};  // Monday..Sunday: the day the window opens
  double open = 0, close = 86400;  // seconds of day, whole minutes; close <= open crosses midnight
};
struct OpeningHours {
  std::vector<OpenWindow> windows;  // empty = always open
  AtClose at_close = AtClose::Drain;
};

struct CallType {
  std::string name;
  Channel channel = Channel::Voice;
  ArrivalSpec arrivals;
  std::vector<RouteStep> route;
  int priority = 0;  // higher served first within a group queue
  Distribution handle = Distribution::exponential(180);
  std::map<std::string, Distribution> handle_by_group;  // overrides per group name
  Distribution wrapup = Distribution::constant(0);
  std::optional<Distribution> patience;  // none = infinitely patient
  Retrial retrial_abandoned;
  Retrial retrial_blocked;
  double sl_threshold = 20;  // service-level threshold T (s)
  double sl_target = 0.8;
  bool use_ivr = true;
  int trunk_group = -1;  // resolved index into tenant.trunks (-1 = the tenant's first, or none)
  std::string trunk_group_name;
  OpeningHours hours;    // resolved: the call type's own, else the tenant's (also applies at the horizon end)
};

// ---------------------------------------------------------------- IVR
struct IvrSpec {
  bool enabled = false;
  Distribution duration = Distribution::constant(0);
  double self_service = 0;  // probability the call ends in self-service
  double abandon = 0;       // probability the caller hangs up in the IVR
  double transfer_fail = 0; // probability the transfer is lost ("transferred but never reached an agent")
};

// ---------------------------------------------------------------- groups, agents
struct SkillGroup {
  std::string name;
  int queue_capacity = -1;  // -1 = unlimited
};

struct BreakSpec {
  double at = 0;       // seconds of day
  double length = 0;   // seconds
  int agents = -1;     // agents of the shift on this break (-1 = all of them); staggered breaks = several entries
};
struct ShiftSpec {
  std::string name;
  double start = 0, end = 0;   // seconds of day; end <= start means it crosses midnight
  int agents = 0;
  bool days[7] = {true, true, true, true, true, true, true};
  std::vector<BreakSpec> breaks;
  int64_t from_date = 0, to_date = 0;  // optional validity window (epoch), 0 = always
};

struct AgentPool {
  std::string name;
  std::vector<std::string> skills;  // group names, in preference order
  std::vector<int> skill_index;     // resolved
  // Staffing: exactly one of the three is used (resolved to `schedule` by the loader).
  int constant = -1;
  double counts_interval = 0;
  std::vector<int> counts;          // per counts_interval slot, repeating daily if it covers one day
  std::vector<ShiftSpec> shifts;
  // Resolved piecewise-constant on-duty count: (time, count) change points over the horizon, sorted.
  std::vector<std::pair<double, int>> schedule;
  int max_agents = 0;               // largest count in schedule
  std::vector<std::pair<double, int>> break_schedule;  // agents on break (shifts only), same form as schedule
  int sessions = 1;                 // concurrent chat sessions per agent (voice: 1)
  // Handle-time stretch with concurrency: a chat started while the agent holds k chats (itself included) lasts
  // its drawn handle time x (1 + session_slowdown x (k - 1)). docs/model.md "Chat".
  double session_slowdown = 0;
};

// ---------------------------------------------------------------- trunks
struct TrunkGroup {
  std::string name;
  int channels = 0;
  std::string carrier;  // carrier name; outages of a carrier are outside the provider (SLA 5.13)
};

// ---------------------------------------------------------------- platform
struct HostSpec {
  std::string name;
  std::string site;             // data center
  std::vector<std::string> labels;
  double cps_limit = 0;         // call setups per second (0 = unlimited)
  int max_concurrent = 0;       // 0 = unlimited
  double speed = 1e9;           // flops (SimGrid host speed)
  double memory_gb = 8;         // for live migration
  double mtbf = 0, mttr = 0;    // seconds; 0 = no random failures
  bool standby = false;         // a spare that takes over failed hosts' tenants
};
struct SiteSpec {
  std::string name;
  double mtbf = 0, mttr = 0;    // whole-site correlated failures
};
struct LinkSpec {
  std::string name;
  std::string from_site, to_site;
  double bandwidth = 1.25e9;    // bytes/s
  double latency = 0.001;       // s
  double mtbf = 0, mttr = 0;
};
struct FailoverSpec {
  bool enabled = true;
  double heartbeat = 5;         // s
  int misses = 3;               // detection delay = heartbeat x misses
  double cold_restart = 60;     // s, migration time after a crash
  double dirty_page_rate = 0.1; // share of memory re-dirtied per pre-copy round (live migration)
  double keep_media_share = 0;  // share of in-progress calls that survive a host crash
  double redial_probability = 0.7;
  Distribution redial_delay = Distribution::exponential(30);
  bool prefer_same_site = true;
};
struct PlatformSpec {
  bool enabled = false;
  std::string source;           // models/platforms file it came from
  std::vector<SiteSpec> sites;
  std::vector<HostSpec> hosts;
  std::vector<LinkSpec> links;
  FailoverSpec failover;
  double degraded_fail_share = 0;
  // How a tenant's call requests are spread over its hosts: "round_robin" or "least_loaded" (platform issue;
  // the platform model reads it, docs/platform.md explains both).
  std::string balancing = "round_robin";
};

// ---------------------------------------------------------------- drills & hypotheses
// CustomerSide: failures on the customer's side of the contract (its network, attacks on it, illegal numbers
// it passes in...): a share of a tenant's requests fail for the ledger cause named by the drill's kind.
enum class DrillKind { Crash, Partition, Degrade, TrunkOutage, Overload, Maintenance, CustomerSide };
struct DrillSpec {
  std::string name;
  int64_t start = 0;            // epoch
  std::string target_kind;      // host | label | site | link | trunk | carrier | tenant
  std::string target;
  DrillKind kind = DrillKind::Crash;
  std::string customer_cause;   // CustomerSide: the ledger cause name (= the kind written in the scenario)
  double duration = 0;          // s; <= 0 = until repaired (mttr or repair_after)
  double blast_count = 0;       // number of targets hit (0 = all)
  double blast_share = 1;       // share of targets hit
  double fail_share = 0.5;      // Degrade, CustomerSide: share of requests failing
  double added_latency = 0;     // Degrade: added setup latency (s)
  double extra_per_hour = 0;    // Overload: injected traffic
  bool announced = false;
  bool migrate_live = false;    // Maintenance: planned live migration instead of a crash
};

struct Hypothesis {
  std::string name;
  std::string metric;   // availability | abandonment | service_level | recovery_time | credits | blocking ...
  std::string op;       // ">=", "<=", "<", ">"
  double value = 0;
  std::string scope;    // "month", "interval", "overall", "incident"
  std::string tenant;   // empty = every tenant
  SourceLoc loc;
};

// ---------------------------------------------------------------- seats & scaling
struct SeatChange {
  int64_t at = 0;   // epoch
  int seats = 0;    // new purchased seat count
};
struct AutoscalePolicy {
  bool enabled = false;
  std::string metric = "queue_length";  // queue_length | service_level | occupancy
  double scale_out_above = 0;   // queue_length/occupancy above, or service_level below
  double scale_in_below = 0;
  double window = 900;          // s
  double cooldown = 1800;       // s
  int step = 10;                // seats per action
  int min_seats = 0, max_seats = 0;
  double provisioning_delay = 300;
};
struct SeatSpec {
  bool enabled = false;
  int standard = 0;             // purchased standard seats at start
  int advanced = 0;
  int admins = 0;               // admins count against the seat pool
  std::vector<SeatChange> changes;
  AutoscalePolicy autoscale;
  int self_service_limit = 2000;     // a single self-service change must be smaller than this
  std::string large_change = "split";  // split | ticket
  double ticket_delay = 2 * 86400;
  double self_service_delay = 60;
};

// ---------------------------------------------------------------- SLA & billing
struct SlaBinding {
  std::string contract_file;    // models/contracts/*.yaml (resolved path)
  int64_t service_start = 0;    // opening date (epoch); default: horizon start
  int64_t service_end = 0;      // end of the service term (epoch, exclusive); default: horizon end
  std::vector<std::pair<int64_t, int64_t>> qps_notices;  // prior-notice windows for surges
  std::optional<double> monthly_fee;  // fixed fee instead of computed from billing
  double prior_fees_12m = -1;   // fees paid in the 12 months before (for the aggregate cap); -1 = unknown
  // Not given: the term is the calendar service months containing the horizon (sla/run_inputs.hpp).
  bool term_given = false;
  std::string outside_horizon = "available";  // available | excluded: minutes of the term outside the horizon
  double deductions = 0;        // vouchers/coupons paid towards each service month's fees
};
struct BillingBinding {
  std::string price_list_file;  // models/billing/*.yaml (resolved path)
  int phone_numbers = 0;
  // Cash view: day the current validity period of the seat licences held at the start began, and day the
  // current 30-day number-rent cycle began (epoch; default: the horizon start).
  std::optional<int64_t> licences_paid_from, rent_paid_from;
};

// A logged call replayed instead of drawn (docs/calibration.md "Replay"; run option --replay, not a file key).
struct ReplayCall {
  double at = 0;            // arrival, seconds after the horizon start
  int call_type = 0;        // index into the tenant's call_types
  double service = -1;      // logged service seconds; < 0 = not logged (drawn from the call type's handle time)
  double patience = -1;     // abandoned in the log: the observed wait; < 0 = served (see served_wait)
  double served_wait = 0;   // served in the log: the observed wait, a lower bound of the caller's patience
  double ivr = 0;           // logged seconds before the queue: replaces the tenant's IVR (time and outcomes)
};

// ---------------------------------------------------------------- outbound (docs/model.md "Outbound and blending")
// What a dial attempt ends in. Person = answered by a person (a "connect"); machine = answering machine
// (detected, never sent to an agent); invalid = an invalid or illegal number (ledger cause illegal_number, 5.10).
enum class DialOutcome : uint8_t { Person, NoAnswer, Busy, Machine, Invalid };
constexpr int kNumDialOutcomes = 5;
struct OutcomeMix {
  double p[kNumDialOutcomes] = {0.3, 0.4, 0.1, 0.15, 0.05};  // probabilities, sum 1
};
struct OutcomeWindow {     // outcome probabilities during a window of the callee's local day
  double from = 0, to = 86400;  // seconds of day; to <= from crosses midnight
  OutcomeMix mix;
};
struct Contact {
  double tz_offset = 0;    // callee clock minus the scenario clock (s)
  std::string prefix;      // destination number or prefix (for destination rules)
};
enum class DialerMode { Preview, Progressive, Predictive };
enum class AbandonBase { Connects, Answered };  // abandon rate = abandoned / connects (person) or / (person + machine)
struct DialerSpec {
  DialerMode mode = DialerMode::Progressive;
  double preview_time = 20;       // preview: the agent reads the contact before the dial (s)
  double lines_per_agent = 1;     // predictive: starting pacing ratio (lines per available agent)
  double max_lines_per_agent = 3; // predictive: pacing ceiling
  double abandon_limit = 0.03;    // predictive pacing keeps the abandon rate under this
  AbandonBase abandon_base = AbandonBase::Connects;
  double compliance_window = 2;   // a connect with no agent within this is an abandoned outbound call (s)
  bool recorded_message = false;  // an abandoned connect hears a recorded message (still counted abandoned)
  double message_length = 15;     // s the message holds the line
};
struct CallWindow {   // callee-local calling window
  bool days[7] = {true, true, true, true, true, true, true};
  double from = 9 * 3600, to = 20 * 3600;  // seconds of the callee's day, from < to
};
struct AbnormalStop {
  bool enabled = false;
  double abandon_rate_above = 0.1;  // over the connects of the trailing window
  int min_connects = 50;            // no decision on fewer connects
  double window = 3600;             // trailing window (s)
  double stop_for = 7200;           // the provider stops the tenant's dialing this long (s)
};
struct CallingRules {
  std::vector<CallWindow> windows;  // empty = any time
  int attempts_per_day = 0;         // per contact and callee-local day (0 = no cap)
  int number_cap_calls = 0;         // calls per number per number_cap_period (0 = no cap)
  double number_cap_period = 7 * 86400;
  std::vector<std::string> allowed_prefixes;  // empty = every destination
  std::vector<std::string> denied_prefixes;
  AbnormalStop abnormal_stop;
};
struct Campaign {
  std::string name;
  std::string group;               // skill group whose agents work the campaign
  int group_index = -1;            // resolved
  std::string trunk_group_name;
  int trunk_group = -1;            // resolved (-1: the tenant's first, or none)
  std::vector<Contact> contacts;   // from contacts: N (tz offset time_zone, no prefix) or contacts_file
  std::string contacts_file;
  int attempts = 3;                // per contact, in total
  // Retry delay after an attempt ending in: no_answer, busy, machine, abandoned, wrong_party, blocked.
  Distribution retry_delay[6] = {Distribution::constant(3600), Distribution::constant(3600),
                                 Distribution::constant(3600), Distribution::constant(3600),
                                 Distribution::constant(3600), Distribution::constant(3600)};
  OutcomeMix outcomes;
  std::vector<OutcomeWindow> outcomes_by_hour;  // callee-local windows overriding `outcomes`
  Distribution ring_time = Distribution::exponential(15);  // dial to answer (person, machine)
  Distribution no_answer_time = Distribution::constant(30); // dial to giving up on no answer
  double signal_time = 5;          // dial to a busy / invalid-number signal (s)
  double right_party = 1;          // share of connects that reach the right person
  Distribution handle = Distribution::exponential(240);
  Distribution wrapup = Distribution::constant(0);
  DialerSpec dialer;
  CallingRules rules;
  double start = 0, end = -1;      // dialing period (s from horizon start); end < 0 = horizon end
};
enum RetryReason : int { RR_NO_ANSWER, RR_BUSY, RR_MACHINE, RR_ABANDONED, RR_WRONG_PARTY, RR_BLOCKED };
// Inbound priority for blended agents (docs/model.md "Blending"). The dialer holds when any rule says stop;
// a stopped rule resumes only past its resume threshold (hysteresis).
struct Blending {
  int keep_free = 0;               // idle agents of a campaign's group kept for inbound
  int stop_queue_above = -1;       // inbound callers waiting (tenant) above this stop the dialer (-1 = off)
  int resume_queue_below = 0;      // ... until at or below this
  double stop_sl_below = -1;       // current interval's inbound SL below this stops the dialer (-1 = off)
  double resume_sl_above = 0;      // ... until at or above this
};

struct Tenant {
  std::string name;
  std::vector<CallType> call_types;
  std::vector<SkillGroup> groups;
  std::vector<AgentPool> pools;
  std::vector<TrunkGroup> trunks;
  IvrSpec ivr;
  std::vector<std::string> hosts;  // platform hosts serving this tenant (load-balanced)
  SeatSpec seats;
  SlaBinding sla;
  BillingBinding billing;
  double recording_share = 1;      // share of answered calls that are recorded (durability estimate)
  int recording_retention_months = 6;  // months a recording is stored (durability on the stored stock)
  // Recordings stored before the horizon: "extrapolate" (the simulated rate backwards), "none" or a count.
  std::string recordings_before_horizon = "extrapolate";
  OpeningHours hours;              // default opening hours of the tenant's call types
  std::vector<ReplayCall> replay;  // non-empty: these arrivals, sorted by time, replace the arrival processes
  std::vector<Campaign> campaigns; // outbound campaigns (empty: inbound only, the inbound path untouched)
  Blending blending;
};

struct Scenario {
  std::string file;        // path of the scenario file
  std::string name;
  std::string description;
  Horizon horizon;
  uint64_t seed = 1;
  int replications = 1;
  std::vector<Tenant> tenants;
  PlatformSpec platform;
  std::vector<DrillSpec> drills;
  std::vector<Hypothesis> hypotheses;
  std::string resolved_json;   // the fully resolved scenario as JSON (for outputs)
  std::string file_hash;       // hex digest of the scenario file bytes (with --set: of the edited text)
  std::string what_if;         // --set/--load applied on top of the file ("" = the file as written)
  bool call_records = false;   // run option (not from the file): record every call attempt
};

}  // namespace ccsim
