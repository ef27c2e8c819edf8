#include "calibration/call_log.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "core/time.hpp"
#include "scenario/yaml_input.hpp"

namespace ccsim::calibration {

namespace {

using scenario::loc_of;

const char* const kFields[] = {"arrival",     "outcome",      "call_type",     "priority",   "ivr_exit",
                               "queue_start", "queue_exit",   "service_start", "service_end", "agent"};
const char* const kDayNames[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

std::string join(const std::vector<std::string>& v) {
  std::string s;
  for (const auto& x : v) s += (s.empty() ? "" : ", ") + x;
  return s;
}

void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& file,
                const std::string& prefix, Diagnostics& d) {
  for (const auto& kv : map) {
    const std::string k = kv.first.as<std::string>();
    if (std::find(allowed.begin(), allowed.end(), k) == allowed.end())
      d.add(loc_of(kv.first, file), prefix + k, "unknown key '" + k + "'", "one of: " + join(allowed));
  }
}

std::vector<std::string> string_list(const YAML::Node& n, const std::string& file, const std::string& path,
                                     Diagnostics& d) {
  std::vector<std::string> out;
  if (!n) return out;
  if (n.IsScalar()) return {n.as<std::string>()};
  if (!n.IsSequence()) {
    d.add(loc_of(n, file), path, "not a list", "a list of text values");
    return out;
  }
  for (const auto& x : n) out.push_back(x.as<std::string>());
  return out;
}

void read_day_types(const YAML::Node& n, LogMapping& m, Diagnostics& d) {
  if (!n) {
    m.day_types.push_back({"all", {0, 1, 2, 3, 4, 5, 6}});
    return;
  }
  if (!n.IsMap()) {
    d.add(loc_of(n, m.file), "day_types", "not a map", "day type name -> list of days mon..sun");
    return;
  }
  std::set<int> seen;
  for (const auto& kv : n) {
    const std::string name = kv.first.as<std::string>();
    std::vector<int> days;
    for (const auto& day : string_list(kv.second, m.file, "day_types." + name, d)) {
      const auto it = std::find(std::begin(kDayNames), std::end(kDayNames), day);
      if (it == std::end(kDayNames)) {
        d.add(loc_of(kv.second, m.file), "day_types." + name, "unknown day '" + day + "'", "mon, tue, ... sun");
        continue;
      }
      const int w = static_cast<int>(it - std::begin(kDayNames));
      if (!seen.insert(w).second)
        d.add(loc_of(kv.second, m.file), "day_types." + name, "day '" + day + "' is in two day types",
              "each day in at most one day type");
      days.push_back(w);
    }
    m.day_types.push_back({name, days});
  }
}

}  // namespace

LogMapping load_log_mapping(const std::string& path) {
  const auto doc = scenario::load_yaml_file(path);
  LogMapping m;
  m.file = path;
  Diagnostics d;
  const YAML::Node& r = doc.root;
  if (!r.IsMap()) throw InputError(loc_of(r, path), "", "a mapping file is a map", "keys name, columns, ...");
  check_keys(r, {"name", "description", "delimiter", "times", "date", "columns", "empty_times", "outcomes", "no_agent",
                 "day_types"},
             path, "", d);
  m.name = r["name"] ? r["name"].as<std::string>() : "call-log";
  const std::string delim = r["delimiter"] ? r["delimiter"].as<std::string>() : "comma";
  if (delim == "tab" || delim == "\t") m.delimiter = '\t';
  else if (delim == "comma" || delim == ",") m.delimiter = ',';
  else if (delim == "semicolon" || delim == ";") m.delimiter = ';';
  else if (delim.size() == 1) m.delimiter = delim[0];
  else d.add(loc_of(r["delimiter"], path), "delimiter", "unknown delimiter '" + delim + "'", "tab, comma, semicolon or one character");
  const std::string times = r["times"] ? r["times"].as<std::string>() : "timestamp";
  if (times == "time_of_day") m.time_of_day = true;
  else if (times != "timestamp")
    d.add(loc_of(r["times"], path), "times", "unknown value '" + times + "'", "timestamp or time_of_day");
  if (m.time_of_day) {
    const YAML::Node date = r["date"];
    if (!date || !date.IsMap() || !date["column"]) {
      d.add(loc_of(date ? date : r, path), "date", "times of day need a date column", "date: {column: NAME, format: ...}");
    } else {
      check_keys(date, {"column", "format"}, path, "date.", d);
      m.date_column = date["column"].as<std::string>();
      if (date["format"]) m.date_format = date["format"].as<std::string>();
      const std::vector<std::string> formats = {"YYMMDD", "YYYYMMDD", "YYYY-MM-DD", "DD/MM/YYYY", "MM/DD/YYYY"};
      if (std::find(formats.begin(), formats.end(), m.date_format) == formats.end())
        d.add(loc_of(date["format"], path), "date.format", "unknown date format '" + m.date_format + "'",
              "one of: " + join(formats));
    }
  }
  const YAML::Node cols = r["columns"];
  if (!cols || !cols.IsMap()) {
    d.add(loc_of(cols ? cols : r, path), "columns", "missing or not a map", "field -> column name");
  } else {
    check_keys(cols, std::vector<std::string>(std::begin(kFields), std::end(kFields)), path, "columns.", d);
    for (const auto& kv : cols) m.columns[kv.first.as<std::string>()] = kv.second.as<std::string>();
    for (const char* req : {"arrival", "outcome"})
      if (!m.columns.count(req)) d.add(loc_of(cols, path), std::string("columns.") + req, "missing", "a column name");
  }
  m.empty_times = string_list(r["empty_times"], path, "empty_times", d);
  m.no_agent = string_list(r["no_agent"], path, "no_agent", d);
  const YAML::Node outs = r["outcomes"];
  if (!outs || !outs.IsMap()) {
    d.add(loc_of(outs ? outs : r, path), "outcomes", "missing or not a map", "label -> served | abandoned | ignore");
  } else {
    for (const auto& kv : outs) {
      const std::string v = kv.second.as<std::string>();
      LogOutcome o = LogOutcome::Ignored;
      if (v == "served") o = LogOutcome::Served;
      else if (v == "abandoned") o = LogOutcome::Abandoned;
      else if (v != "ignore")
        d.add(loc_of(kv.second, path), "outcomes." + kv.first.as<std::string>(), "unknown outcome '" + v + "'",
              "served, abandoned or ignore");
      m.outcomes[kv.first.as<std::string>()] = o;
    }
  }
  read_day_types(r["day_types"], m, d);
  d.throw_if_any();
  return m;
}

int day_type_of(const LogMapping& m, int64_t day_epoch) {
  const int w = weekday_from_days(day_epoch / 86400);
  for (size_t i = 0; i < m.day_types.size(); ++i)
    for (int x : m.day_types[i].second)
      if (x == w) return static_cast<int>(i);
  return -1;
}

namespace {

struct Field {
  std::string text;
  int col = 1;  // 1-based character column
};

std::vector<Field> split_line(const std::string& line, char delim) {
  std::vector<Field> out;
  size_t i = 0;
  while (true) {
    Field f;
    f.col = static_cast<int>(i) + 1;
    if (delim != '\t' && i < line.size() && line[i] == '"') {  // quoted CSV field, "" = a quote
      ++i;
      while (i < line.size()) {
        if (line[i] == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          f.text += '"';
          i += 2;
        } else if (line[i] == '"') {
          ++i;
          break;
        } else {
          f.text += line[i++];
        }
      }
      while (i < line.size() && line[i] != delim) ++i;
    } else {
      const size_t j = line.find(delim, i);
      f.text = line.substr(i, j == std::string::npos ? std::string::npos : j - i);
      i = j == std::string::npos ? line.size() : j;
    }
    // Trim surrounding blanks: exports pad columns.
    const auto b = f.text.find_first_not_of(" ");
    f.text = b == std::string::npos ? "" : f.text.substr(b, f.text.find_last_not_of(" ") - b + 1);
    out.push_back(f);
    if (i >= line.size()) break;
    ++i;  // the delimiter
  }
  return out;
}

std::optional<int64_t> parse_log_date(const std::string& s, const std::string& fmt) {
  auto num = [&](size_t pos, size_t len) -> int {
    if (pos + len > s.size()) return -1;
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return -1;
      v = v * 10 + (s[i] - '0');
    }
    return v;
  };
  int y = -1, mo = -1, d = -1;
  if (fmt == "YYMMDD" && s.size() == 6) {
    y = num(0, 2);
    if (y >= 0) y += y < 70 ? 2000 : 1900;  // two-digit years: 70-99 = 19xx, as such exports use
    mo = num(2, 2), d = num(4, 2);
  } else if (fmt == "YYYYMMDD" && s.size() == 8) {
    y = num(0, 4), mo = num(4, 2), d = num(6, 2);
  } else if (fmt == "YYYY-MM-DD") {
    auto c = parse_date(s);
    if (!c) return std::nullopt;
    return epoch_from_civil(*c);
  } else if ((fmt == "DD/MM/YYYY" || fmt == "MM/DD/YYYY") && s.size() == 10 && s[2] == '/' && s[5] == '/') {
    d = num(0, 2), mo = num(3, 2), y = num(6, 4);
    if (fmt == "MM/DD/YYYY") std::swap(d, mo);
  }
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo)) return std::nullopt;
  return epoch_from_civil(CivilDate{y, mo, d});
}

// H:MM[:SS] or HH:MM[:SS] (exports drop the leading zero of the hour), 0 <= value < 24h.
std::optional<double> parse_log_time(const std::string& s) {
  int part[3] = {0, 0, 0}, n = 0, digits = 0;
  for (char ch : s) {
    if (ch == ':') {
      if (digits == 0 || ++n > 2) return std::nullopt;
      digits = 0;
    } else if (std::isdigit(static_cast<unsigned char>(ch)) && digits < 2) {
      part[n] = part[n] * 10 + (ch - '0'), ++digits;
    } else {
      return std::nullopt;
    }
  }
  if (n < 1 || digits == 0 || part[0] > 23 || part[1] > 59 || part[2] > 59) return std::nullopt;
  return part[0] * 3600.0 + part[1] * 60.0 + part[2];
}

class RowReader {
 public:
  RowReader(const LogMapping& m, const std::string& file, const std::vector<Field>& header) : m_(m), file_(file) {
    for (size_t i = 0; i < header.size(); ++i) index_[header[i].text] = static_cast<int>(i);
    auto need = [&](const std::string& field, const std::string& col) {
      if (!index_.count(col)) {
        std::vector<std::string> names;
        for (const auto& h : header) names.push_back(h.text);
        throw InputError(SourceLoc{file, 1, 1}, field, "column '" + col + "' (from the mapping " + m.file +
                                                           ") is not in the header",
                         "one of: " + join(names));
      }
      return index_[col];
    };
    for (const auto& [field, col] : m.columns) col_[field] = need(field, col);
    if (m.time_of_day) col_["date"] = need("date", m.date_column);
  }

  // Parses one data row into `c`; returns false with `err` set on a bad value.
  bool read(const std::vector<Field>& f, int line, CallLog& log, LoggedCall& c, Diagnostic& err) {
    line_ = line;
    fields_ = &f;
    err_ = &err;
    c.line = line;
    int64_t day = 0;
    if (m_.time_of_day) {
      const Field* df = field("date");
      if (!df) return false;
      auto dd = parse_log_date(df->text, m_.date_format);
      if (!dd) return bad("date", *df, "not a date '" + df->text + "'", m_.date_format);
      day = *dd;
    }
    auto arrival = time_of("arrival", day, std::nullopt);
    if (!arrival || *arrival < 0) return arrival ? bad_missing("arrival") : false;
    c.arrival = static_cast<int64_t>(*arrival);
    const Field* of = field("outcome");
    if (!of) return false;
    const auto oit = m_.outcomes.find(of->text);
    if (oit == m_.outcomes.end()) {
      std::vector<std::string> labels;
      for (const auto& kv : m_.outcomes) labels.push_back(kv.first);
      return bad("outcome", *of, "unknown outcome '" + of->text + "'", "one of: " + join(labels));
    }
    c.outcome = oit->second;
    std::string type = "calls";
    if (has("call_type")) {
      const Field* tf = field("call_type");
      if (!tf) return false;
      type = tf->text;
    }
    c.type = intern(log.types, type);
    c.priority = 0;
    if (has("priority")) {
      const Field* pf = field("priority");
      if (!pf) return false;
      try {
        size_t used = 0;
        c.priority = std::stoi(pf->text, &used);
        if (used != pf->text.size()) throw std::invalid_argument("trailing");
      } catch (const std::exception&) {
        return bad("priority", *pf, "not a whole number '" + pf->text + "'", "a whole number");
      }
    }
    if (c.outcome == LogOutcome::Ignored) return true;
    std::optional<double> ivr_exit, qs, qe, ss, se;
    for (auto [name, out] : {std::pair<const char*, std::optional<double>*>{"ivr_exit", &ivr_exit},
                             {"queue_start", &qs}, {"queue_exit", &qe}, {"service_start", &ss},
                             {"service_end", &se}}) {
      if (!has(name)) continue;
      auto t = time_of(name, day, *arrival);
      if (!t) return false;
      if (*t >= 0) *out = *t;
    }
    const double a = *arrival;
    c.wait = qs && qe ? std::max(0.0, *qe - *qs) : 0.0;
    const std::optional<double> queue_entry = qs ? qs : ivr_exit;
    if (queue_entry) c.ivr = std::max(0.0, *queue_entry - a);
    else if (ss) c.ivr = std::max(0.0, *ss - a);
    if (c.outcome == LogOutcome::Served) {
      if (ss && se) {
        c.service_start = *ss;
        c.service = std::max(0.0, *se - *ss);
      } else if (!ss && !se) {
        // Served, but the export has no service times (both "empty"): the call counts as served with an
        // unknown service time, starting when it left the queue (or the IVR).
        c.service_start = qe ? *qe : queue_entry ? *queue_entry : a;
        c.service = -1;
        ++log.unknown_service;
      } else {
        return bad_missing(!ss ? "service_start" : "service_end");
      }
      if (!queue_entry) c.wait = 0;
    }
    c.agent = -1;
    if (has("agent")) {
      const Field* af = field("agent");
      if (!af) return false;
      const std::string& who = af->text;
      if (!who.empty() && std::find(m_.no_agent.begin(), m_.no_agent.end(), who) == m_.no_agent.end())
        c.agent = intern(log.agents, who);
    }
    return true;
  }

 private:
  bool has(const std::string& name) const { return col_.count(name) > 0; }
  const Field* field(const std::string& name) {
    const int i = col_.at(name);
    if (i >= static_cast<int>(fields_->size())) {
      const std::string col = m_.columns.count(name) ? m_.columns.at(name) : m_.date_column;
      err_->loc.file = file_;
      err_->loc.line = line_;
      err_->loc.col = 0;
      err_->path = col;
      err_->message = "the row has " + std::to_string(fields_->size()) + " fields, none for column '" + col + "'";
      err_->expected = "a value in every column";
      return nullptr;
    }
    return &(*fields_)[static_cast<size_t>(i)];
  }
  bool bad(const std::string& name, const Field& f, const std::string& msg, const std::string& expected) {
    const std::string col = m_.columns.count(name) ? m_.columns.at(name) : m_.date_column;
    err_->loc.file = file_;
    err_->loc.line = line_;
    err_->loc.col = f.col;
    err_->path = col;
    err_->message = msg;
    err_->expected = expected;
    return false;
  }
  bool bad_missing(const std::string& name) {
    const Field* f = field(name);
    if (!f) return false;
    return bad(name, *f, "missing time for a call with this outcome", "a time");
  }
  // Epoch seconds of a time column; -1 when the value means "did not happen"; nullopt (err set) when bad.
  // A time of day more than an hour before the arrival belongs to the next day (midnight crossing); the hour
  // of slack keeps clock-rounding (a service start a second before the queue exit) on the same day.
  std::optional<double> time_of(const std::string& name, int64_t day, std::optional<double> arrival) {
    const Field* f = field(name);
    if (!f) return std::nullopt;
    if (f->text.empty() || std::find(m_.empty_times.begin(), m_.empty_times.end(), f->text) != m_.empty_times.end())
      return -1.0;
    if (!m_.time_of_day) {
      auto t = parse_datetime(f->text);
      if (!t) {
        bad(name, *f, "not a timestamp '" + f->text + "'", "YYYY-MM-DD HH:MM[:SS] or YYYY-MM-DDTHH:MM[:SS]");
        return std::nullopt;
      }
      return static_cast<double>(*t);
    }
    auto tod = parse_log_time(f->text);
    if (!tod) {
      bad(name, *f, "not a time of day '" + f->text + "'", "H:MM:SS");
      return std::nullopt;
    }
    double t = static_cast<double>(day) + *tod;
    if (arrival && t < *arrival - 3600) t += 86400;
    return t;
  }
  static int intern(std::vector<std::string>& names, const std::string& s) {
    const auto it = std::find(names.begin(), names.end(), s);
    if (it != names.end()) return static_cast<int>(it - names.begin());
    names.push_back(s);
    return static_cast<int>(names.size()) - 1;
  }

  const LogMapping& m_;
  std::string file_;
  std::map<std::string, int> index_, col_;
  int line_ = 0;
  const std::vector<Field>* fields_ = nullptr;
  Diagnostic* err_ = nullptr;
};

}  // namespace

CallLog read_call_log(const std::string& path, const LogMapping& m, const ReadOptions& opt) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLoc{path, 0, 0}, "", "cannot open the call log", "a readable file");
  CallLog log;
  log.file = path;
  std::string line;
  int line_no = 0;
  auto next_line = [&]() {
    if (!std::getline(in, line)) return false;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();  // CRLF exports
    return true;
  };
  if (!next_line()) throw InputError(SourceLoc{path, 1, 1}, "", "empty call log", "a header line and data rows");
  RowReader reader(m, path, split_line(line, m.delimiter));
  std::vector<Diagnostic> errors;
  while (next_line()) {
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    ++log.rows;
    LoggedCall c;
    Diagnostic err;
    if (!reader.read(split_line(line, m.delimiter), line_no, log, c, err)) {
      (opt.skip_bad_rows ? log.skipped : errors).push_back(err);
      if (errors.size() >= 20) break;  // enough to show the pattern
      continue;
    }
    if (c.arrival < opt.from || c.arrival >= opt.to) continue;
    if (c.outcome == LogOutcome::Ignored) {
      ++log.ignored;
      continue;
    }
    log.calls.push_back(c);
  }
  if (!errors.empty()) throw InputError(errors);
  if (log.calls.empty()) throw InputError(SourceLoc{path, 0, 0}, "", "no calls in the period read", "at least one call");
  std::stable_sort(log.calls.begin(), log.calls.end(),
                   [](const LoggedCall& a, const LoggedCall& b) { return a.arrival < b.arrival; });
  auto midnight = [](int64_t e) { return e - ((e % 86400) + 86400) % 86400; };
  log.first_day = midnight(log.calls.front().arrival);
  log.last_day = midnight(log.calls.back().arrival);
  return log;
}

}  // namespace ccsim::calibration
