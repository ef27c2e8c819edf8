#include "seats/billing.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "core/error.hpp"
#include "core/time.hpp"
#include "scenario/yaml_input.hpp"
#include "core/decimal.hpp"

namespace ccsim::billing {

namespace {
// "1 month", "3 months", "30 days", "30d" -> the price list's licence validity.
bool parse_validity(const std::string& s, PriceList& p) {
  size_t i = 0;
  while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
  if (i == 0 || i > 4) return false;
  const int n = std::stoi(s.substr(0, i));
  std::string unit = s.substr(i);
  unit.erase(0, unit.find_first_not_of(' '));
  if (n < 1) return false;
  if (unit == "month" || unit == "months") p.licence_validity_in_days = false;
  else if (unit == "day" || unit == "days" || unit == "d") p.licence_validity_in_days = true;
  else return false;
  p.licence_validity_count = n;
  return true;
}
}  // namespace

PriceList load_price_list(const std::string& path) {
  scenario::YamlDocument doc = scenario::load_yaml_file(path);
  const std::string file = doc.display_name;
  Diagnostics diags;
  PriceList p;
  p.file = path;
  const YAML::Node root = doc.root;
  if (!root.IsMap() || !root["price_list"] || !root["price_list"].IsMap())
    throw InputError(scenario::loc_of(root, file), "price_list", "the file must have a top-level 'price_list:' mapping");
  const YAML::Node k = root["price_list"];
  const std::vector<std::string> known = {"id", "currency", "seat_licence_per_month", "phone_number_per_30_days",
                                          "communication_per_minute", "seat_licence_validity", "notes"};
  for (auto it = k.begin(); it != k.end(); ++it)
    if (std::find(known.begin(), known.end(), it->first.Scalar()) == known.end())
      diags.add(scenario::loc_of(it->first, file), "price_list." + it->first.Scalar(), "unknown key",
                "id, currency, seat_licence_per_month, phone_number_per_30_days, communication_per_minute, "
                "seat_licence_validity, notes");
  auto text = [&](const YAML::Node& parent, const std::string& key, const std::string& path) -> std::string {
    const YAML::Node n = parent[key];
    if (!n) {
      diags.add(scenario::loc_of(parent, file), path, "missing required key");
      return "";
    }
    if (!n.IsScalar()) {
      diags.add(scenario::loc_of(n, file), path, "not a scalar value");
      return "";
    }
    return n.Scalar();
  };
  auto amount = [&](const YAML::Node& parent, const std::string& key, const std::string& path, int scale,
                    int64_t& out) {
    const std::string s = text(parent, key, path);
    if (s.empty() && !parent[key]) return;
    auto v = parse_scaled_decimal(s, scale);
    if (!v) diags.add(scenario::loc_of(parent[key], file), path, "'" + s + "' is not a price",
                      "a non-negative amount with at most " + std::to_string(scale) + " decimals");
    else out = *v;
  };
  p.id = text(k, "id", "price_list.id");
  p.currency = text(k, "currency", "price_list.currency");
  const YAML::Node seat = k["seat_licence_per_month"];
  if (!seat || !seat.IsMap()) {
    diags.add(scenario::loc_of(seat ? seat : k, file), "price_list.seat_licence_per_month", "missing or not a mapping",
              "{standard: AMOUNT, advanced: AMOUNT}");
  } else {
    for (auto it = seat.begin(); it != seat.end(); ++it)
      if (it->first.Scalar() != "standard" && it->first.Scalar() != "advanced")
        diags.add(scenario::loc_of(it->first, file), "price_list.seat_licence_per_month." + it->first.Scalar(),
                  "unknown seat type", "standard or advanced");
    amount(seat, "standard", "price_list.seat_licence_per_month.standard", 2, p.seat_standard_per_month_cents);
    amount(seat, "advanced", "price_list.seat_licence_per_month.advanced", 2, p.seat_advanced_per_month_cents);
  }
  amount(k, "phone_number_per_30_days", "price_list.phone_number_per_30_days", 2, p.phone_number_per_30_days_cents);
  // Per-minute prices often have more than 2 decimals (0.0123/min): keep 4 (1/100 cent).
  amount(k, "communication_per_minute", "price_list.communication_per_minute", 4, p.communication_per_minute_cents_x100);
  if (k["seat_licence_validity"]) {
    const std::string v = text(k, "seat_licence_validity", "price_list.seat_licence_validity");
    if (!v.empty() && !parse_validity(v, p))
      diags.add(scenario::loc_of(k["seat_licence_validity"], file), "price_list.seat_licence_validity",
                "'" + v + "' is not a validity period", "N month(s) or N day(s), N >= 1, e.g. 1 month or 30 days");
  }
  diags.throw_if_any();
  return p;
}

namespace {
int64_t day_of(int64_t epoch) { return epoch >= 0 ? epoch / 86400 : -((-epoch + 86399) / 86400); }

// Largest level in force at any moment of day `d` for a step timeline (entries sorted by from).
template <class T, class F>
int64_t max_on_day(const std::vector<T>& timeline, int64_t d, F value) {
  const int64_t day_start = d * 86400, day_end = day_start + 86400;
  int64_t best = 0;
  for (size_t i = 0; i < timeline.size(); ++i) {
    const int64_t from = timeline[i].from;
    const int64_t to = i + 1 < timeline.size() ? timeline[i + 1].from : INT64_MAX;
    if (from < day_end && to > day_start) best = std::max<int64_t>(best, value(timeline[i]));
  }
  return best;
}
}  // namespace

int64_t licence_valid_until(const PriceList& p, int64_t day) {
  if (p.licence_validity_in_days) return day + p.licence_validity_count;
  // N months from the purchase day: until the same date N months later, exclusive; when that month is too
  // short (bought on Jan 31), through its last day.
  const CivilDate c = civil_from_days(day);
  int y = c.year, m = c.month + p.licence_validity_count;
  y += (m - 1) / 12;
  m = (m - 1) % 12 + 1;
  if (c.day <= days_in_month(y, m)) return days_from_civil(y, m, c.day);
  return days_from_civil(y, m, days_in_month(y, m)) + 1;
}

int64_t licence_price_cents(const PriceList& p, bool advanced) {
  const int64_t month = advanced ? p.seat_advanced_per_month_cents : p.seat_standard_per_month_cents;
  if (!p.licence_validity_in_days) return month * p.licence_validity_count;
  return (month * p.licence_validity_count + 15) / 30;
}

namespace {
// A pool of licences of one seat type: counts by expiry day.
struct LicencePool {
  std::map<int64_t, int64_t> by_expiry;
  // Drops the licences expired by `day` and returns how many are valid on it.
  int64_t valid_on(int64_t day) {
    while (!by_expiry.empty() && by_expiry.begin()->first <= day) by_expiry.erase(by_expiry.begin());
    int64_t n = 0;
    for (const auto& e : by_expiry) n += e.second;
    return n;
  }
};
}  // namespace

std::vector<LicencePurchase> licence_purchases(const PriceList& p, const std::vector<SeatLevel>& seats,
                                               int64_t paid_from, int64_t until) {
  std::vector<LicencePurchase> out;
  if (seats.empty()) return out;
  const int64_t first_day = day_of(seats.front().from);
  const int64_t end_day = day_of(until) + (until % 86400 != 0 ? 1 : 0);
  LicencePool pool[2];
  for (int64_t d = std::min(day_of(paid_from), first_day); d < end_day; ++d) {
    // Before the timeline the tenant holds the first entry's seats.
    const bool before = d < first_day;
    const int64_t need[2] = {
        before ? seats.front().standard : max_on_day(seats, d, [](const SeatLevel& s) { return s.standard; }),
        before ? seats.front().advanced : max_on_day(seats, d, [](const SeatLevel& s) { return s.advanced; })};
    LicencePurchase buy;
    buy.day = d;
    buy.valid_until = licence_valid_until(p, d);
    for (int k = 0; k < 2; ++k) {
      const int64_t short_by = need[k] - pool[k].valid_on(d);
      if (short_by <= 0) continue;
      pool[k].by_expiry[buy.valid_until] += short_by;
      (k == 0 ? buy.standard : buy.advanced) = static_cast<int>(short_by);
      buy.cents += short_by * licence_price_cents(p, k == 1);
    }
    if (buy.standard + buy.advanced > 0) out.push_back(buy);
  }
  return out;
}

CashBill period_cash(const PriceList& p, const Usage& u, const CashAnchors& a, int64_t period_start, int64_t period_end) {
  CashBill b;
  const int64_t d0 = day_of(period_start);
  const int64_t d1 = day_of(period_end) + (period_end % 86400 != 0 ? 1 : 0);
  for (const auto& buy : licence_purchases(p, u.seats, a.licences_paid_from, period_end))
    if (buy.day >= d0 && buy.day < d1) {
      b.seats_cents += buy.cents;
      b.licences_bought += buy.standard + buy.advanced;
    }
  // Rent: paid for 30 days on each cycle day, for the numbers held that day (before the first entry: its count).
  if (!u.numbers.empty()) {
    const int64_t anchor = day_of(a.rent_paid_from), first_day = day_of(u.numbers.front().from);
    for (int64_t d = d0; d < d1; ++d) {
      if (d < anchor || (d - anchor) % 30 != 0) continue;
      const int64_t held = d < first_day ? u.numbers.front().count
                                         : max_on_day(u.numbers, d, [](const NumberLevel& n) { return n.count; });
      b.numbers_cents += held * p.phone_number_per_30_days_cents;
    }
  }
  b.communication_cents =
      static_cast<int64_t>((static_cast<__int128>(u.billed_call_minutes) * p.communication_per_minute_cents_x100 + 50) / 100);
  b.deductions_cents = u.deductions_cents;
  b.total_cents = std::max<int64_t>(0, b.seats_cents + b.numbers_cents + b.communication_cents - u.deductions_cents);
  return b;
}

Fee period_fee(const PriceList& p, const Usage& u, int64_t period_start, int64_t period_end) {
  Fee f;
  const int64_t d0 = day_of(period_start);
  const int64_t d1 = day_of(period_end) + (period_end % 86400 != 0 ? 1 : 0);
  // Seats: sum over days of (seat-price x count) / days-in-calendar-month, exact per calendar month.
  std::map<std::pair<int, int>, __int128> seat_num;  // numerator per calendar month (cents x seats)
  __int128 number_num = 0;                           // cents x number-days (divide by 30)
  for (int64_t d = d0; d < d1; ++d) {
    const CivilDate c = civil_from_days(d);
    const int64_t std_seats = max_on_day(u.seats, d, [](const SeatLevel& s) { return s.standard; });
    const int64_t adv_seats = max_on_day(u.seats, d, [](const SeatLevel& s) { return s.advanced; });
    seat_num[{c.year, c.month}] += static_cast<__int128>(std_seats) * p.seat_standard_per_month_cents +
                                   static_cast<__int128>(adv_seats) * p.seat_advanced_per_month_cents;
    number_num += static_cast<__int128>(max_on_day(u.numbers, d, [](const NumberLevel& n) { return n.count; })) *
                  p.phone_number_per_30_days_cents;
  }
  for (const auto& [ym, num] : seat_num) {
    const int dim = days_in_month(ym.first, ym.second);
    f.seats_cents += static_cast<int64_t>((num + dim / 2) / dim);
  }
  f.numbers_cents = static_cast<int64_t>((number_num + 15) / 30);
  f.communication_cents =
      static_cast<int64_t>((static_cast<__int128>(u.billed_call_minutes) * p.communication_per_minute_cents_x100 + 50) / 100);
  f.deductions_cents = u.deductions_cents;
  f.total_cents = std::max<int64_t>(0, f.seats_cents + f.numbers_cents + f.communication_cents - u.deductions_cents);
  return f;
}

}  // namespace ccsim::billing
