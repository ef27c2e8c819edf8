// A typed table renders the same cells in every format: CSV keeps exact numbers with units in the header,
// the terminal and HTML show ratios as percentages and money with separators, JSON keeps the types.
#include <gtest/gtest.h>

#include <cmath>

#include "core/table.hpp"
#include "output/table_render.hpp"
#include "support/test_support.hpp"

using namespace ccsim;

namespace {
Table sample() {
  Table t;
  t.id = "staffing";
  t.title = "Required agents";
  t.currency = "CNY";
  t.column("start", "Start", Unit::DateTime).column("agents", "Agents", Unit::Agents);
  t.column("sl", "Service level", Unit::Ratio).column("asa", "ASA", Unit::Seconds).column("cost", "Cost", Unit::Money);
  t.column("name", "Group, \"main\"", Unit::Text);
  auto& r = t.add_row();
  r = {std::string("2026-03-16T08:00:00"), 12.0, 0.8125, 14.25, 1234567.891, std::string("sales, east")};
  auto& e = t.add_row();
  e = {std::string("2026-03-16T08:30:00"), Cell{}, std::nan(""), 0.0, 0.0, std::string("x")};
  return t;
}
}  // namespace

TEST(TableRender, CsvHasUnitsInTheHeaderAndExactNumbers) {
  const std::string csv = table_to_csv(sample());
  EXPECT_EQ(csv,
            "start (local time),agents (agents),sl (ratio),asa (s),cost (CNY),name\r\n"
            "2026-03-16T08:00:00,12.0,0.8125,14.25,1234567.891,\"sales, east\"\r\n"
            "2026-03-16T08:30:00,,,0.0,0.0,x\r\n");
}

TEST(TableRender, TerminalShowsPercentagesAndMoneyWithSeparators) {
  const std::string s = table_to_terminal(sample());
  EXPECT_NE(s.find("Required agents (CNY)"), std::string::npos) << s;
  EXPECT_NE(s.find("81.2%"), std::string::npos) << s;        // 0.8125 -> 81.2% (one decimal)
  EXPECT_NE(s.find("1,234,567.89"), std::string::npos) << s;  // money: separators, two decimals
  EXPECT_NE(s.find("14.2s"), std::string::npos) << s;
  EXPECT_NE(s.find(" - "), std::string::npos) << s;           // empty and NaN cells
}

TEST(TableRender, HtmlEscapesAndJsonKeepsTypes) {
  const std::string h = table_to_html(sample());
  EXPECT_NE(h.find("Group, &quot;main&quot;"), std::string::npos) << h;
  EXPECT_NE(h.find("<td class=\"num\">81.2%</td>"), std::string::npos) << h;
  const auto j = table_to_json(sample());
  EXPECT_EQ(j["columns"][2]["unit"], "ratio");
  EXPECT_DOUBLE_EQ(j["rows"][0][2].get<double>(), 0.8125);
  EXPECT_TRUE(j["rows"][1][1].is_null());
  EXPECT_TRUE(j["rows"][1][2].is_null());
}

TEST(TableRender, CsvDirWritesOneFilePerTable) {
  const std::string dir = test::temp_dir() + "/csv";
  Table a = sample(), b = sample();
  b.id = "other";
  write_csv_dir(dir, {a, b});
  EXPECT_EQ(test::read_file(dir + "/staffing.csv"), table_to_csv(a));
  EXPECT_EQ(test::read_file(dir + "/other.csv"), table_to_csv(b));
}

// The report page reads the table a capacity file stores as JSON: json_to_table is table_to_json's inverse.
TEST(TableRender, JsonRoundTrip) {
  Table t;
  t.id = "plan";
  t.title = "Plan";
  t.note = "n";
  t.currency = "EUR";
  t.column("group", "group", Unit::Text).column("start", "start", Unit::DateTime).column("sl", "SL", Unit::Ratio);
  t.column("asa", "ASA", Unit::Seconds).column("n", "agents", Unit::Agents).column("fee", "fee", Unit::Money);
  t.column("calls", "calls", Unit::Count).column("x", "x", Unit::None);
  t.add_row() = {std::string("a"), std::string("2026-03-16T08:00:00"), 0.8125, 12.5, 13.0, 1234.5, 100.0, 2.0};
  t.add_row() = {std::string("b"), Cell{}, Cell{}, 1.0, 2.0, 3.0, 4.0, Cell{}};
  const Table back = json_to_table(table_to_json(t));
  EXPECT_EQ(back.id, "plan");
  EXPECT_EQ(back.currency, "EUR");
  ASSERT_EQ(back.columns.size(), t.columns.size());
  for (size_t k = 0; k < t.columns.size(); ++k) {
    EXPECT_EQ(back.columns[k].key, t.columns[k].key);
    EXPECT_EQ(back.columns[k].unit, t.columns[k].unit) << k;
  }
  EXPECT_EQ(back.rows, t.rows);
  EXPECT_EQ(table_to_html(back), table_to_html(t));
  EXPECT_TRUE(json_to_table(nlohmann::json::array()).columns.empty());
}
