#pragma once
// The renderers of a typed Table (core/table.hpp), one per format. Every format shows the same cells:
// - CSV: RFC 4180, one header line "key (unit)" (money: the currency), numbers in the column's unit at full
//   precision (ratios as fractions 0..1, so a spreadsheet computes with them), empty cells empty.
// - terminal: aligned columns, ratios as percentages, money with thousands separators and two decimals.
// - HTML: the same text as the terminal, escaped, in a <table>.
// - JSON: {id, title, note, currency, columns: [{key, title, unit}], rows: [[...]]}.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/table.hpp"

namespace ccsim {

std::string table_to_csv(const Table& t);
std::string table_to_terminal(const Table& t);
std::string table_to_html(const Table& t);
nlohmann::json table_to_json(const Table& t);
// The inverse of table_to_json (a report page reading the table a result file stores as JSON). Unknown units
// read as Unit::None; a malformed document gives an empty table.
Table json_to_table(const nlohmann::json& j);
// A cell as the terminal and HTML show it.
std::string cell_text(const Cell& c, Unit u);

// Writes each table as DIR/<id>.csv, every file atomically (temporary name + rename). Creates DIR when its
// parent exists. Throws OutputError.
void write_csv_dir(const std::string& dir, const std::vector<Table>& tables);

}  // namespace ccsim
