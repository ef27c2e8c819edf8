#pragma once
// A typed result table: what a capability hands to the renderers (terminal, CSV, HTML, JSON) instead of text.
// Columns carry a machine key, a title and a unit; cells are numbers (in the column's unit: ratios as
// fractions, times in seconds, money in currency units), text, or empty. A figure is computed once, where it
// belongs, and every format renders the same cells (output/table_render.hpp).
#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace ccsim {

enum class Unit {
  None,      // a plain number (index, multiplier)
  Text,      // a name or label
  Count,     // calls, agents, minutes counted
  Ratio,     // a fraction 0..1, shown as a percentage on the terminal and in HTML, as the fraction in CSV
  Seconds,   // a duration in seconds
  Agents,    // a (mean) number of agents or seats
  Money,     // currency units (the table's currency names which)
  DateTime,  // text "YYYY-MM-DDTHH:MM:SS" (local time of the scenario)
};
const char* unit_name(Unit u);  // "", "calls", "ratio", "s", "agents", ... for CSV headers

struct Column {
  std::string key;    // machine name: CSV header stem, JSON key
  std::string title;  // human title: terminal and HTML header
  Unit unit = Unit::None;
};

// A cell: empty (no value), a number in the column's unit, or text.
using Cell = std::variant<std::monostate, double, std::string>;

struct Table {
  std::string id;        // file name stem of its CSV ("staffing", "sla_months", ...)
  std::string title;     // caption
  std::string note;      // reading notes shown under the table (which estimator, which contract reading ...)
  std::string currency;  // for Money columns ("" = none stated)
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;

  Table& column(std::string key, std::string title, Unit unit) {
    columns.push_back({std::move(key), std::move(title), unit});
    return *this;
  }
  // Appends a row; the caller fills exactly columns.size() cells.
  std::vector<Cell>& add_row() {
    rows.emplace_back(columns.size());
    return rows.back();
  }
};

}  // namespace ccsim
