#include "output/table_render.hpp"

#include <sys/stat.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/format.hpp"
#include "output/html_report_svg.hpp"

namespace ccsim {

namespace {

std::string csv_quote(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string o = "\"";
  for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
  return o + "\"";
}

std::string header_of(const Column& c, const std::string& currency) {
  if (c.unit == Unit::Money) return c.key + " (" + (currency.empty() ? "money" : currency) + ")";
  const std::string u = unit_name(c.unit);
  return u.empty() ? c.key : c.key + " (" + u + ")";
}

// Shortest text that reads back to the same double.
std::string exact_number(double v) { return nlohmann::json(v).dump(); }

std::string money_text(double v) {
  const long long cents = std::llround(v * 100);
  const long long whole = (cents < 0 ? -cents : cents) / 100, frac = (cents < 0 ? -cents : cents) % 100;
  std::string s = format_count(static_cast<double>(whole));
  char buf[8];
  std::snprintf(buf, sizeof buf, ".%02lld", frac);
  return (cents < 0 ? "-" : "") + s + buf;
}

}  // namespace

std::string cell_text(const Cell& c, Unit u) {
  if (std::holds_alternative<std::monostate>(c)) return "-";
  if (const auto* s = std::get_if<std::string>(&c)) return *s;
  const double v = std::get<double>(c);
  if (std::isnan(v)) return "-";
  switch (u) {
    case Unit::Ratio: return fixed(100 * v, std::fabs(100 * v) < 1 ? 2 : 1) + "%";
    case Unit::Seconds: return fixed(v, decimals_for(v, 1)) + "s";
    case Unit::Agents: return fixed(v, decimals_for(v, 2));
    case Unit::Money: return money_text(v);
    case Unit::Count: return format_count(v);
    default: return fixed(v, decimals_for(v, 3));
  }
}

std::string table_to_csv(const Table& t) {
  std::ostringstream o;
  for (size_t k = 0; k < t.columns.size(); ++k) o << (k ? "," : "") << csv_quote(header_of(t.columns[k], t.currency));
  o << "\r\n";
  for (const auto& row : t.rows) {
    for (size_t k = 0; k < t.columns.size(); ++k) {
      if (k) o << ',';
      const Cell& c = k < row.size() ? row[k] : Cell{};
      if (const auto* s = std::get_if<std::string>(&c)) o << csv_quote(*s);
      else if (const auto* d = std::get_if<double>(&c)) o << (std::isfinite(*d) ? exact_number(*d) : "");
    }
    o << "\r\n";
  }
  return o.str();
}

std::string table_to_terminal(const Table& t) {
  std::vector<std::vector<std::string>> cells;
  std::vector<int> width(t.columns.size(), 0);
  cells.reserve(t.rows.size());
  for (size_t k = 0; k < t.columns.size(); ++k) width[k] = display_width(t.columns[k].title);
  for (const auto& row : t.rows) {
    std::vector<std::string> r;
    for (size_t k = 0; k < t.columns.size(); ++k) {
      r.push_back(cell_text(k < row.size() ? row[k] : Cell{}, t.columns[k].unit));
      width[k] = std::max(width[k], display_width(r.back()));
    }
    cells.push_back(std::move(r));
  }
  std::ostringstream o;
  if (!t.title.empty()) o << t.title << (t.currency.empty() ? "" : " (" + t.currency + ")") << "\n";
  auto line = [&](const std::vector<std::string>& r) {
    std::string l = " ";
    for (size_t k = 0; k < r.size(); ++k)
      l += " " + (k == 0 || t.columns[k].unit == Unit::Text ? pad_right(r[k], width[k]) : pad_left(r[k], width[k]));
    while (!l.empty() && l.back() == ' ') l.pop_back();
    o << l << "\n";
  };
  std::vector<std::string> head;
  for (const auto& c : t.columns) head.push_back(c.title);
  line(head);
  for (const auto& r : cells) line(r);
  if (!t.note.empty()) o << "  " << t.note << "\n";
  return o.str();
}

std::string table_to_html(const Table& t) {
  using svg::escape;
  std::ostringstream o;
  o << "<table class=\"data\" id=\"table-" << escape(t.id) << "\">";
  if (!t.title.empty())
    o << "<caption>" << escape(t.title + (t.currency.empty() ? "" : " (" + t.currency + ")")) << "</caption>";
  o << "<thead><tr>";
  for (const auto& c : t.columns) o << "<th>" << escape(c.title) << "</th>";
  o << "</tr></thead><tbody>";
  for (const auto& row : t.rows) {
    o << "<tr>";
    for (size_t k = 0; k < t.columns.size(); ++k) {
      const bool num = t.columns[k].unit != Unit::Text && t.columns[k].unit != Unit::DateTime;
      o << (num ? "<td class=\"num\">" : "<td>") << escape(cell_text(k < row.size() ? row[k] : Cell{}, t.columns[k].unit))
        << "</td>";
    }
    o << "</tr>";
  }
  o << "</tbody></table>";
  if (!t.note.empty()) o << "<p class=\"note\">" << escape(t.note) << "</p>";
  return o.str();
}

nlohmann::json table_to_json(const Table& t) {
  nlohmann::json cols = nlohmann::json::array(), rows = nlohmann::json::array();
  for (const auto& c : t.columns) cols.push_back({{"key", c.key}, {"title", c.title}, {"unit", unit_name(c.unit)}});
  for (const auto& row : t.rows) {
    nlohmann::json r = nlohmann::json::array();
    for (size_t k = 0; k < t.columns.size(); ++k) {
      const Cell& c = k < row.size() ? row[k] : Cell{};
      if (const auto* s = std::get_if<std::string>(&c)) r.push_back(*s);
      else if (const auto* d = std::get_if<double>(&c); d && std::isfinite(*d)) r.push_back(*d);
      else r.push_back(nullptr);
    }
    rows.push_back(std::move(r));
  }
  return {{"id", t.id}, {"title", t.title}, {"note", t.note}, {"currency", t.currency}, {"columns", cols}, {"rows", rows}};
}

Table json_to_table(const nlohmann::json& j) {
  Table t;
  if (!j.is_object() || !j.contains("columns") || !j["columns"].is_array()) return t;
  t.id = j.value("id", "");
  t.title = j.value("title", "");
  t.note = j.value("note", "");
  t.currency = j.value("currency", "");
  for (const auto& c : j["columns"]) {
    if (!c.is_object()) return Table{};
    const std::string unit = c.value("unit", "");
    Unit u = Unit::None;
    for (Unit x : {Unit::Count, Unit::Ratio, Unit::Seconds, Unit::Agents, Unit::Money, Unit::DateTime})
      if (unit == unit_name(x)) u = x;
    t.column(c.value("key", ""), c.value("title", ""), u);
  }
  if (j.contains("rows") && j["rows"].is_array())
    for (const auto& r : j["rows"]) {
      auto& row = t.add_row();
      for (size_t k = 0; k < row.size() && r.is_array() && k < r.size(); ++k) {
        if (r[k].is_number()) row[k] = r[k].get<double>();
        else if (r[k].is_string()) row[k] = r[k].get<std::string>();
      }
    }
  // Text columns and text-valued None columns share the unit name ""; a column of strings is text.
  for (size_t k = 0; k < t.columns.size(); ++k)
    if (t.columns[k].unit == Unit::None && !t.rows.empty() && std::holds_alternative<std::string>(t.rows[0][k]))
      t.columns[k].unit = Unit::Text;
  return t;
}

void write_csv_dir(const std::string& dir, const std::vector<Table>& tables) {
  if (::mkdir(dir.c_str(), 0777) != 0 && errno != EEXIST)
    throw OutputError("cannot create the CSV directory " + dir + ": " + std::strerror(errno));
  for (const auto& t : tables) write_file_atomic(dir + "/" + t.id + ".csv", table_to_csv(t));
}

}  // namespace ccsim
