#include "sla/ledger_csv.hpp"

#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>

#include "core/time.hpp"
#include "core/decimal.hpp"

namespace ccsim::sla {

namespace {

struct Field {
  std::string text;
  int col = 1;  // 1-based column of the field's first character
};

std::string trim(const std::string& s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t')) --b;
  return s.substr(a, b - a);
}

std::vector<Field> split(const std::string& line) {
  std::vector<Field> out;
  size_t start = 0;
  for (;;) {
    size_t comma = line.find(',', start);
    std::string raw = line.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t lead = 0;
    while (lead < raw.size() && (raw[lead] == ' ' || raw[lead] == '\t')) ++lead;
    out.push_back({trim(raw), static_cast<int>(start + lead + 1)});
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

// Lines with their 1-based numbers, CR stripped, blank and '#' lines skipped.
std::vector<std::pair<int, std::string>> content_lines(const std::string& text) {
  std::vector<std::pair<int, std::string>> out;
  std::istringstream in(text);
  std::string line;
  int n = 0;
  while (std::getline(in, line)) {
    ++n;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const std::string t = trim(line);
    if (t.empty() || t[0] == '#') continue;
    out.emplace_back(n, line);
  }
  return out;
}

class Sink {
 public:
  explicit Sink(std::string file) : file_(std::move(file)) {}
  void add(int line, int col, const std::string& path, const std::string& msg, const std::string& exp = "") {
    if (d_.size() < kMaxCsvDiagnostics) d_.add(SourceLoc{file_, line, col}, path, msg, exp);
    else ++dropped_;
  }
  bool full() const { return d_.size() >= kMaxCsvDiagnostics; }
  void throw_if_any() {
    if (dropped_)
      d_.add(SourceLoc{file_, 0, 0}, "", "... and " + std::to_string(dropped_) + " more problems not shown");
    d_.throw_if_any();
  }
  bool empty() const { return d_.empty(); }

 private:
  std::string file_;
  Diagnostics d_;
  size_t dropped_ = 0;
};

std::optional<uint32_t> parse_count(const std::string& s) {
  auto v = parse_scaled_decimal(s, 0);
  if (!v || *v < 0 || *v > std::numeric_limits<uint32_t>::max()) return std::nullopt;
  return static_cast<uint32_t>(*v);
}

enum ColKind { kMinuteCol, kRequests, kFailed, kCauseCol, kAnnounced, kNotice, kRecordings, kTenant };

// Spreadsheets save "CSV UTF-8" with a byte order mark; it is not part of the first column's name.
std::string without_bom(const std::string& text) {
  return text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? text.substr(3) : text;
}

// The tenant whose rows are evaluated: the one asked for, else the ledger's only tenant. InputError listing
// the tenants when the choice is missing or unknown.
std::string pick_tenant(const std::set<std::string>& tenants, const std::string& asked, const std::string& file) {
  std::string list;
  for (const auto& t : tenants) list += (list.empty() ? "" : ", ") + t;
  if (!asked.empty()) {
    if (!tenants.count(asked))
      throw InputError(SourceLoc{file, 0, 0}, "--tenant", "no rows for tenant '" + asked + "'", "one of: " + list);
    return asked;
  }
  if (tenants.size() > 1)
    throw InputError(SourceLoc{file, 0, 0}, "--tenant",
                     "the ledger holds " + std::to_string(tenants.size()) + " tenants: " + list,
                     "--tenant NAME to evaluate one of them");
  return tenants.empty() ? std::string() : *tenants.begin();
}

}  // namespace

std::optional<int> parse_utc_offset(const std::string& s) {
  if (s == "Z" || s == "z") return 0;
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || s[3] != ':') return std::nullopt;
  for (int i : {1, 2, 4, 5})
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
  const int h = (s[1] - '0') * 10 + (s[2] - '0'), m = (s[4] - '0') * 10 + (s[5] - '0');
  if (h > 14 || m > 59) return std::nullopt;
  return (s[0] == '-' ? -1 : 1) * (h * 3600 + m * 60);
}

std::optional<int64_t> parse_zoned_datetime(const std::string& s, int tz_offset_seconds) {
  // A zone suffix follows the time part (after "YYYY-MM-DDTHH:MM"): Z or +HH:MM / -HH:MM.
  std::string naive = s;
  std::optional<int> zone;
  if (s.size() > 16 && (s.back() == 'Z' || s.back() == 'z')) {
    zone = 0;
    naive = s.substr(0, s.size() - 1);
  } else if (s.size() >= 22 && (s[s.size() - 6] == '+' || s[s.size() - 6] == '-')) {
    zone = parse_utc_offset(s.substr(s.size() - 6));
    if (!zone) return std::nullopt;
    naive = s.substr(0, s.size() - 6);
  }
  if (naive.size() < 16) return std::nullopt;
  auto t = parse_datetime(naive);
  if (!t) return std::nullopt;
  return zone ? *t - *zone + tz_offset_seconds : *t;
}

std::string read_text_file(const std::string& path, uint64_t max_bytes) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::exists(path, ec)) throw InputError(SourceLoc{path, 0, 0}, "", "file not found");
  if (fs::is_directory(path, ec)) throw InputError(SourceLoc{path, 0, 0}, "", "is a directory, not a file");
  const auto size = fs::file_size(path, ec);
  if (!ec && size > max_bytes)
    throw InputError(SourceLoc{path, 0, 0}, "", "file too large (" + std::to_string(size) + " bytes)",
                     "at most " + std::to_string(max_bytes) + " bytes");
  std::ifstream f(path, std::ios::binary);
  if (!f) throw InputError(SourceLoc{path, 0, 0}, "", "cannot be read");
  std::ostringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

MinuteLedger parse_ledger_csv(const std::string& raw_text, const std::string& file, const LedgerReadOptions& opt) {
  Sink sink(file);
  const std::string text = without_bom(raw_text);
  const auto lines = content_lines(text);
  if (lines.empty()) throw InputError(SourceLoc{file, 1, 1}, "", "empty ledger", "a header line: minute,requests,failed[,causes...]");
  if (text.find('\0') != std::string::npos) throw InputError(SourceLoc{file, 0, 0}, "", "binary data, not a CSV text file");

  // ---- header
  const int header_line = lines[0].first;
  const auto header = split(lines[0].second);
  if (header.size() == 1 && lines[0].second.find(';') != std::string::npos)
    throw InputError(SourceLoc{file, header_line, static_cast<int>(lines[0].second.find(';')) + 1}, "header",
                     "the header holds ';' but columns are separated by ','; is the delimiter ';'?",
                     "comma-separated columns: minute,requests,failed,... (save the export as CSV with commas)");
  std::vector<ColKind> kinds;
  std::vector<int> cause_of;  // per column: cause index or -1
  std::map<std::string, int> seen;
  for (const auto& h : header) {
    int cause = -1;
    ColKind k;
    if (h.text == "minute") k = kMinuteCol;
    else if (h.text == "requests") k = kRequests;
    else if (h.text == "failed") k = kFailed;
    else if (h.text == "announced") k = kAnnounced;
    else if (h.text == "notice") k = kNotice;
    else if (h.text == "recordings") k = kRecordings;
    else if (h.text == "tenant") k = kTenant;
    else if (auto c = cause_from_name(h.text)) {
      k = kCauseCol;
      cause = static_cast<int>(*c);
    } else {
      std::string exp = "minute, requests, failed, announced, notice, recordings, tenant or a cause:";
      for (int i = 0; i < kNumCauses; ++i) exp += std::string(" ") + cause_name(static_cast<Cause>(i));
      sink.add(header_line, h.col, "header", "unknown column '" + h.text + "'", exp);
      k = kCauseCol;
    }
    if (seen.count(h.text)) sink.add(header_line, h.col, "header", "duplicate column '" + h.text + "'");
    seen[h.text] = 1;
    kinds.push_back(k);
    cause_of.push_back(cause);
  }
  if (header.empty() || header[0].text != "minute")
    sink.add(header_line, 1, "header", "the first column must be 'minute'", "minute,requests,failed,...");
  for (const char* req : {"requests", "failed"})
    if (!seen.count(req)) sink.add(header_line, 1, "header", std::string("missing column '") + req + "'");
  sink.throw_if_any();

  // ---- tenant: a multi-tenant export is evaluated one tenant at a time
  int tenant_col = -1;
  for (size_t c = 0; c < kinds.size(); ++c)
    if (kinds[c] == kTenant) tenant_col = static_cast<int>(c);
  if (tenant_col < 0 && !opt.tenant.empty())
    throw InputError(SourceLoc{file, header_line, 1}, "--tenant", "the ledger has no 'tenant' column",
                     "a ledger with a tenant column, or no --tenant");
  std::string tenant;
  if (tenant_col >= 0) {
    std::set<std::string> tenants;
    for (size_t li = 1; li < lines.size(); ++li) {
      const auto f = split(lines[li].second);
      if (f.size() == header.size()) tenants.insert(f[tenant_col].text);
    }
    tenant = pick_tenant(tenants, opt.tenant, file);
  }

  // ---- rows
  struct Row {
    int64_t t;
    uint32_t requests, failed, recordings;
    std::array<uint32_t, kNumCauses> causes;
    uint8_t announced, notice;
  };
  std::vector<Row> rows;
  rows.reserve(lines.size());
  int64_t prev = std::numeric_limits<int64_t>::min();
  int prev_line = 0;
  for (size_t li = 1; li < lines.size() && !sink.full(); ++li) {
    const int ln = lines[li].first;
    const auto f = split(lines[li].second);
    if (f.size() != header.size()) {
      sink.add(ln, 1, "row", std::to_string(f.size()) + " fields", std::to_string(header.size()) + " as in the header");
      continue;
    }
    if (tenant_col >= 0 && f[tenant_col].text != tenant) continue;  // another tenant's row
    Row r{};
    bool ok = true;
    for (size_t c = 0; c < f.size(); ++c) {
      const std::string& col = header[c].text;
      switch (kinds[c]) {
        case kMinuteCol: {
          auto t = parse_zoned_datetime(f[c].text, opt.tz_offset_seconds);
          if (!t) {
            sink.add(ln, f[c].col, "minute", "'" + f[c].text + "' is not a minute timestamp",
                     "like 2026-03-17T08:30, 2026-03-17T08:30Z or 2026-03-17T08:30+08:00");
            ok = false;
          } else if (*t % 60 != 0) {
            sink.add(ln, f[c].col, "minute", "'" + f[c].text + "' is not on a whole minute", "seconds 00");
            ok = false;
          } else {
            r.t = *t;
          }
          break;
        }
        case kTenant:
          break;
        case kAnnounced:
        case kNotice: {
          if (f[c].text != "0" && f[c].text != "1") {
            sink.add(ln, f[c].col, col, "'" + f[c].text + "' is not a flag", "0 or 1");
            ok = false;
          }
          (kinds[c] == kAnnounced ? r.announced : r.notice) = f[c].text == "1";
          break;
        }
        default: {
          auto v = parse_count(f[c].text);
          if (!v) {
            const bool negative = !f[c].text.empty() && f[c].text[0] == '-';
            sink.add(ln, f[c].col, col, "'" + f[c].text + "' is " + (negative ? "negative" : "not a count"),
                     "a whole number >= 0");
            ok = false;
            break;
          }
          if (kinds[c] == kRequests) r.requests = *v;
          else if (kinds[c] == kFailed) r.failed = *v;
          else if (kinds[c] == kRecordings) r.recordings = *v;
          else r.causes[cause_of[c]] += *v;
        }
      }
    }
    if (!ok) continue;
    if (r.failed > r.requests)
      sink.add(ln, 1, "failed", "failed (" + std::to_string(r.failed) + ") exceeds requests (" + std::to_string(r.requests) + ")");
    uint64_t attributed = 0;
    for (auto v : r.causes) attributed += v;
    if (attributed > r.failed)
      sink.add(ln, 1, "failed",
               "cause columns sum to " + std::to_string(attributed) + ", more than failed (" + std::to_string(r.failed) + ")",
               "cause columns summing to at most 'failed'");
    else
      r.causes[static_cast<int>(Cause::PlatformOther)] += static_cast<uint32_t>(r.failed - attributed);
    if (r.t <= prev) {
      sink.add(ln, lines[li].second.find_first_not_of(" \t") + 1, "minute",
               std::string(r.t == prev ? "duplicate minute " : "minute out of order: ") + format_datetime(r.t).substr(0, 16) +
                   " after line " + std::to_string(prev_line),
               "strictly increasing minutes");
      continue;
    }
    prev = r.t;
    prev_line = ln;
    rows.push_back(r);
  }
  if (rows.empty() && sink.empty()) sink.add(header_line, 1, "", "no minutes after the header");
  if (!rows.empty() && (rows.back().t - rows.front().t) / 60 + 1 > kMaxLedgerSpanMinutes)
    sink.add(lines.back().first, 1, "minute", "ledger spans more than three years", "at most three years of minutes");
  sink.throw_if_any();

  MinuteLedger L;
  L.start_epoch = rows.front().t;
  L.resize(static_cast<size_t>((rows.back().t - rows.front().t) / 60 + 1));
  const bool has_recordings = seen.count("recordings") > 0;
  if (has_recordings) L.recordings.assign(L.minutes(), 0);
  for (const auto& r : rows) {
    const size_t m = static_cast<size_t>((r.t - L.start_epoch) / 60);
    L.requests[m] = r.requests;
    if (r.causes != decltype(r.causes){}) L.failures[m] = r.causes;  // sparse: minutes without failures stay unstored
    L.announced_event[m] = r.announced;
    L.qps_notice[m] = r.notice;
    if (has_recordings) L.recordings[m] = r.recordings;
  }
  return L;
}

MinuteLedger read_ledger_csv(const std::string& path, const LedgerReadOptions& opt) {
  return parse_ledger_csv(read_text_file(path, 1ull << 30), path, opt);
}

std::vector<NoticeWindow> read_notices(const std::string& path) {
  Sink sink(path);
  std::vector<NoticeWindow> out;
  for (const auto& [ln, line] : content_lines(read_text_file(path, 16ull << 20))) {
    const auto f = split(line);
    if (f.size() == 2 && f[0].text == "from" && f[1].text == "to") continue;  // optional header
    if (f.size() != 2) {
      sink.add(ln, 1, "notice", "expected two fields", "FROM,TO datetimes");
      continue;
    }
    auto a = parse_datetime(f[0].text), b = parse_datetime(f[1].text);
    if (!a) sink.add(ln, f[0].col, "notice.from", "'" + f[0].text + "' is not a datetime", "like 2026-03-17T08:00");
    if (!b) sink.add(ln, f[1].col, "notice.to", "'" + f[1].text + "' is not a datetime", "like 2026-03-17T20:00");
    if (a && b && *b <= *a) sink.add(ln, f[1].col, "notice.to", "window ends before it starts");
    if (a && b && *b > *a) out.push_back({*a, *b});
  }
  sink.throw_if_any();
  return out;
}

BusinessCalendar read_holidays(const std::string& path) {
  Sink sink(path);
  BusinessCalendar cal;
  for (const auto& [ln, line] : content_lines(read_text_file(path, 16ull << 20))) {
    const auto f = split(line);
    auto d = parse_date(f[0].text);
    if (!d) {
      sink.add(ln, f[0].col, "holiday", "'" + f[0].text + "' is not a date", "like 2026-10-01");
      continue;
    }
    if (f.size() == 1 || (f.size() == 2 && f[1].text == "holiday")) cal.holidays.insert(days_from_civil(*d));
    else if (f.size() == 2 && f[1].text == "workday") cal.extra_workdays.insert(days_from_civil(*d));
    else sink.add(ln, f.size() >= 2 ? f[1].col : 1, "holiday", "unexpected fields", "DATE or DATE,workday");
  }
  sink.throw_if_any();
  return cal;
}

FeeTable read_fees(const std::string& path) {
  Sink sink(path);
  FeeTable t;
  t.file = path;
  for (const auto& [ln, line] : content_lines(read_text_file(path, 16ull << 20))) {
    const auto f = split(line);
    if (f.size() == 2 && f[0].text == "month" && f[1].text == "fee") continue;  // optional header
    if (f.size() != 2) {
      sink.add(ln, 1, "fee", "expected two fields", "YYYY-MM,AMOUNT");
      continue;
    }
    auto amount = parse_money_cents(f[1].text);
    if (!amount) {
      sink.add(ln, f[1].col, "fee", "'" + f[1].text + "' is not an amount", "a non-negative amount with at most 2 decimals");
      continue;
    }
    if (f[0].text == "prior_12m") {
      t.prior_12m_cents = *amount;
      continue;
    }
    if (f[0].text == "prior_credits_12m") {
      t.prior_credits_12m_cents = *amount;
      continue;
    }
    auto d = parse_date(f[0].text + "-01");
    if (f[0].text.size() != 7 || !d) {
      sink.add(ln, f[0].col, "fee.month", "'" + f[0].text + "' is not a month", "YYYY-MM, prior_12m or prior_credits_12m");
      continue;
    }
    const auto key = std::make_pair(d->year, d->month);
    if (t.by_month.count(key)) {
      sink.add(ln, f[0].col, "fee.month", "month " + f[0].text + " given twice (first on line " + std::to_string(t.line_of[key]) + ")");
      continue;
    }
    t.by_month[key] = *amount;
    t.line_of[key] = ln;
  }
  sink.throw_if_any();
  return t;
}

std::vector<int64_t> fees_for_months(const FeeTable& fees, const std::vector<ServiceMonth>& months) {
  Diagnostics d;
  std::vector<int64_t> out;
  for (const auto& m : months) {
    auto it = fees.by_month.find({m.first_day.year, m.first_day.month});
    if (it == fees.by_month.end()) {
      d.add(SourceLoc{fees.file, 0, 0}, "fee", "no fee for service month " + format_date(m.first_day).substr(0, 7),
            "a line YYYY-MM,AMOUNT for every service month");
      out.push_back(0);
    } else {
      out.push_back(it->second);
    }
  }
  d.throw_if_any();
  return out;
}

}  // namespace ccsim::sla
