// `ccsim sla`: evaluate a contract on a real per-minute ledger exported from monitoring, without simulating.
// Every input is read and checked before anything is written; problems are reported together (exit 2).
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.hpp"
#include "cli/options.hpp"
#include "core/error.hpp"
#include "core/time.hpp"
#include "core/atomic_file.hpp"
#include "output/output_paths.hpp"
#include "output/table_render.hpp"
#include "run/tables.hpp"
#include "sla/contract.hpp"
#include "core/decimal.hpp"
#include "sla/evaluate.hpp"
#include "sla/evidence.hpp"
#include "output/table_render.hpp"
#include "sla/ledger_csv.hpp"
#include "output/sla_format.hpp"
#include "output/sla_json.hpp"

namespace ccsim::cli {

namespace {

// Longest service term evaluated: 100 years of service months. Longer terms are typos (0000-01-01 to
// 9999-12-31 asked for 120,000 months and printed the year 10000).
constexpr int kMaxServiceMonths = 1200;

void check_term_span(int64_t start, int64_t end) {
  const CivilDate a = date_of_epoch(start), b = date_of_epoch(end - 1);
  const int64_t months = (static_cast<int64_t>(b.year) - a.year) * 12 + (b.month - a.month) + 1;
  if (months > kMaxServiceMonths)
    throw InputError(SourceLoc{"ccsim sla", 0, 0}, "--service-end",
                     "the service term spans " + std::to_string(months) + " service months",
                     "a term of at most " + std::to_string(kMaxServiceMonths) + " service months (100 years)");
}

}  // namespace

namespace {

// The per-service-month figures of the evaluation (its JSON form, so the CSV and --json agree by construction).
void write_sla_csv(const std::string& dir, const sla::SlaEvaluation& ev, const Table& evidence) {
  const nlohmann::json j = ev;
  const std::string currency = j.value("currency", "");
  Table t = run::table_from_objects("sla_months", "SLA per service month", j.contains("months") ? j["months"] : nlohmann::json::array());
  t.currency = currency;
  write_csv_dir(dir, {t, evidence});
}

// Writes `text` to `path` through a temporary file in the same directory and a rename (AtomicFile), so a
// reader never sees a half-written file and a failure leaves the previous file untouched.
void write_atomically(const std::string& path, const std::string& text) {
  try {
    write_file_atomic(path, text);
  } catch (const OutputError& e) {
    throw InputError(SourceLoc{path, 0, 0}, "--json", std::string("cannot write the JSON output: ") + e.what());
  }
}

// Runs a loader, turning its InputError into collected diagnostics so every input's problems show at once.
template <class F>
void collect(Diagnostics& diags, F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    for (const auto& d : e.diagnostics()) diags.add(d);
  }
}

}  // namespace

int cmd_sla(const Args& args) {
  po::options_description opts("options");
  opts.add_options()
      ("contract", po::value<std::string>(), "contract file (models/contracts/*.yaml)")
      ("ledger", po::value<std::string>(), "per-minute ledger CSV (docs/sla.md)")
      ("service-start", po::value<std::string>(), "opening date (default: the ledger's first day)")
      ("service-end", po::value<std::string>(),
       "end of the term, exclusive: the day after the last service day (default: after the ledger's last day)")
      ("fee", po::value<std::string>(), "Monthly Service Fee used for every service month")
      ("fees", po::value<std::string>(), "fees file: YYYY-MM,AMOUNT per service month (+ prior_12m,AMOUNT)")
      ("prior-fees-12m", po::value<std::string>(), "fees paid in the 12 months before the service start")
      ("deductions", po::value<std::string>(),
       "vouchers/coupons paid towards each service month's fees (the fee, credit base and cap, is net of them)")
      ("notices", po::value<std::string>(), "prior-notice windows for the QPS rule: FROM,TO per line")
      ("holidays", po::value<std::string>(), "holiday dates for the claim window (DATE or DATE,workday per line)")
      ("eligibility", po::value<std::string>(), "standard | table (default: the contract's)")
      ("retention-months", po::value<std::string>(), "months a recording is stored (durability stock; default 6)")
      ("recordings-before", po::value<std::string>(),
       "recordings stored before the ledger: extrapolate (default) | none | COUNT at the ledger start")
      ("currency", po::value<std::string>(), "currency of the fees when the contract names none (e.g. CNY)")
      ("tz", po::value<std::string>(),
       "the service's time zone, e.g. +08:00: naive ledger timestamps are in it, zoned ones (Z, +08:00) are "
       "converted to it (default +00:00: naive timestamps read as written)")
      ("tenant", po::value<std::string>(), "evaluate this tenant of a ledger with a 'tenant' column")
      ("evidence", po::bool_switch(), "print the unavailable minute ranges with their causes and clauses")
      ("json", po::value<std::string>(), "write the evaluation as JSON to PATH, or - for stdout")
      ("csv", po::value<std::string>(),
       "write the per-service-month table and the evidence (unavailable minute ranges) as CSV into directory DIR");
  po::positional_options_description pos;
  ParsedOptions p = parse_options(
      "sla",
      "--contract FILE --ledger FILE [--service-start DATE] [--service-end DATE] [--fee AMOUNT | --fees FILE] "
      "[--notices FILE] [--holidays FILE] [--eligibility standard|table] [--retention-months N] "
      "[--recordings-before extrapolate|none|COUNT] [--currency CODE] [--tz +HH:MM] [--tenant NAME] [--evidence] "
      "[--json PATH|-]",
      opts, pos, args);
  if (p.exit_code >= 0) return p.exit_code;
  const auto& vm = p.vm;
  auto opt = [&](const char* k) { return vm.count(k) ? vm[k].as<std::string>() : std::string(); };

  Diagnostics diags;
  auto usage = [&](const std::string& key, const std::string& msg, const std::string& exp = "") {
    diags.add(SourceLoc{"ccsim sla", 0, 0}, "--" + key, msg, exp);
  };
  if (!vm.count("contract")) usage("contract", "missing required option");
  if (!vm.count("ledger")) usage("ledger", "missing required option");
  if (vm.count("fee") && vm.count("fees")) usage("fee", "give either --fee or --fees, not both");

  sla::SlaInputs in;
  std::optional<int64_t> start, end;
  if (vm.count("service-start")) {
    start = parse_datetime(opt("service-start"));
    if (!start) usage("service-start", "'" + opt("service-start") + "' is not a date", "YYYY-MM-DD");
  }
  if (vm.count("service-end")) {
    end = parse_datetime(opt("service-end"));
    if (!end) usage("service-end", "'" + opt("service-end") + "' is not a date", "YYYY-MM-DD");
  }
  if (vm.count("fee")) {
    in.monthly_fee_cents = parse_money_cents(opt("fee"));
    if (!in.monthly_fee_cents) usage("fee", "'" + opt("fee") + "' is not an amount", "a non-negative amount, 2 decimals at most");
  }
  if (vm.count("prior-fees-12m")) {
    auto v = parse_money_cents(opt("prior-fees-12m"));
    if (!v) usage("prior-fees-12m", "'" + opt("prior-fees-12m") + "' is not an amount");
    else in.prior_fees_12m_cents = *v;
  }
  if (vm.count("deductions")) {
    auto v = parse_money_cents(opt("deductions"));
    if (!v) usage("deductions", "'" + opt("deductions") + "' is not an amount", "a non-negative amount, 2 decimals at most");
    else in.deductions_per_month_cents = *v;
  }
  if (vm.count("eligibility")) {
    in.eligibility = sla::eligibility_from_name(opt("eligibility"));
    if (!in.eligibility) usage("eligibility", "'" + opt("eligibility") + "' is not a reading", "standard or table");
  }
  if (vm.count("retention-months")) {
    const std::string v = opt("retention-months");
    if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos || v.size() > 4 || std::stoi(v) < 1)
      usage("retention-months", "'" + v + "' is not a number of months", "a whole number >= 1");
    else in.retention.months = std::stoi(v);
  }
  if (vm.count("recordings-before") && !sla::set_stock_before(opt("recordings-before"), in.retention))
    usage("recordings-before", "'" + opt("recordings-before") + "' is not an estimate", "extrapolate, none or a count >= 0");

  sla::LedgerReadOptions read_opt;
  read_opt.tenant = opt("tenant");
  if (vm.count("tz")) {
    auto z = sla::parse_utc_offset(opt("tz"));
    if (!z) usage("tz", "'" + opt("tz") + "' is not a UTC offset", "+HH:MM or -HH:MM, e.g. +08:00");
    else read_opt.tz_offset_seconds = *z;
  }
  in.currency = opt("currency");

  sla::Contract contract;
  MinuteLedger ledger;
  bool have_contract = false, have_ledger = false;
  std::optional<sla::FeeTable> fee_table;
  if (vm.count("contract")) collect(diags, [&] { contract = sla::load_contract(opt("contract")); have_contract = true; });
  if (vm.count("ledger")) collect(diags, [&] { ledger = sla::read_ledger_csv(opt("ledger"), read_opt); have_ledger = true; });
  if (vm.count("fees")) collect(diags, [&] { fee_table = sla::read_fees(opt("fees")); });
  if (vm.count("notices")) collect(diags, [&] { in.notices = sla::read_notices(opt("notices")); });
  if (vm.count("holidays")) collect(diags, [&] { in.calendar = sla::read_holidays(opt("holidays")); });
  diags.throw_if_any();
  check_output_paths("ccsim sla", {{"--json", opt("json")}, {"--csv", opt("csv"), true}},
                     {opt("contract"), opt("ledger"), opt("fees"), opt("notices"), opt("holidays")});
  (void)have_contract;
  (void)have_ledger;

  // Term defaults: the whole days the ledger touches.
  const int64_t ledger_last = ledger.start_epoch + static_cast<int64_t>(ledger.minutes() - 1) * 60;
  in.service_start = start.value_or(days_from_civil(date_of_epoch(ledger.start_epoch)) * 86400);
  in.service_end = end.value_or((days_from_civil(date_of_epoch(ledger_last)) + 1) * 86400);
  if (in.service_end <= in.service_start)
    throw InputError(SourceLoc{"ccsim sla", 0, 0}, "--service-end", "the service term ends before it starts");
  check_term_span(in.service_start, in.service_end);
  if (fee_table) {
    in.fees_cents = sla::fees_for_months(*fee_table, service_months(in.service_start, in.service_end));
    in.prior_fees_12m_cents = fee_table->prior_12m_cents;
    in.prior_credits_12m_cents = fee_table->prior_credits_12m_cents;
  }

  const sla::SlaEvaluation ev = sla::evaluate(contract, ledger, in);

  const Table evidence = sla::evidence_table(ev);
  if (!opt("csv").empty()) write_sla_csv(opt("csv"), ev, evidence);
  const std::string json_path = opt("json");
  if (!json_path.empty()) {
    nlohmann::json j;
    j["ccsim_version"] = CCSIM_VERSION;
    j["command"] = "sla";
    j["inputs"] = {{"contract", opt("contract")},
                   {"ledger", opt("ledger")},
                   {"service_start", format_date(date_of_epoch(in.service_start))},
                   {"service_end_exclusive", format_date(date_of_epoch(in.service_end))},
                   {"notices", in.notices.size()},
                   {"fees", vm.count("fees") ? opt("fees") : vm.count("fee") ? "fee " + opt("fee") : "none"},
                   {"deductions_per_month", static_cast<double>(in.deductions_per_month_cents) / 100.0}};
    j["contract"] = contract;
    j["currency"] = ev.currency;
    j["sla"] = ev;
    j["evidence"] = table_to_json(evidence);
    const std::string text = j.dump(2) + "\n";
    if (json_path == "-") {
      std::cout << text;
      return kExitOk;  // stdout carries only the JSON
    }
    write_atomically(json_path, text);
  }
  std::cout << sla::format_evaluation(ev);
  std::cout << "Evidence: " << sla::evidence_summary(sla::month_ranges(ev))
            << (vm["evidence"].as<bool>() || evidence.rows.empty() ? "\n" : " (--evidence lists them)\n");
  if (vm["evidence"].as<bool>() && !evidence.rows.empty()) std::cout << table_to_terminal(evidence);
  return kExitOk;
}

}  // namespace ccsim::cli
