// The JSON file written row by row (issue 11, bounded memory): write_summary_json on the document without
// intervals gives, byte for byte, the text the whole document with intervals dumps to -- sections added by
// capabilities included -- so the file is the one `ccsim run --json` always wrote.
#include <gtest/gtest.h>

#include "output/h5_fixture.hpp"
#include "output/json_summary.hpp"

namespace ccsim {
namespace {

std::string streamed(const nlohmann::json& doc, const test::H5Run& run, bool intervals, int* pieces = nullptr) {
  std::string text;
  write_summary_json(doc, run.sc, run.summary, intervals, [&](std::string_view s) {
    text.append(s);
    if (pieces) ++*pieces;
  });
  return text;
}

void add_sections(nlohmann::json& doc) {  // top-level keys on both sides of "tenants", nested objects, arrays
  doc["sla"] = {{"tenants", {{"acme", {{"months", nlohmann::json::array({{{"availability", 0.999}}})}}}}}};
  doc["platform"] = {{"incidents", nlohmann::json::array()}, {"note", "caf\xC3\xA9 \"quoted\"\n"}};
  doc["capacity"] = nlohmann::json::object();
}

TEST(JsonSummaryStream, RowByRowTextEqualsTheWholeDocumentsDump) {
  auto run = test::make_h5_run(3);
  ASSERT_GT(run->summary.intervals, 4);
  nlohmann::json whole = summary_to_json(run->sc, run->summary, JsonSummaryOptions{true});
  nlohmann::json lean = summary_to_json(run->sc, run->summary, JsonSummaryOptions{false});
  add_sections(whole);
  add_sections(lean);
  ASSERT_NE(whole.dump(), lean.dump());
  int pieces = 0;
  EXPECT_EQ(streamed(lean, *run, true, &pieces), whole.dump(2) + "\n");
  EXPECT_GE(pieces, 2);  // the text, then the final newline
  // --no-intervals: the lean document as it is.
  EXPECT_EQ(streamed(lean, *run, false), lean.dump(2) + "\n");
  // A document that already holds its intervals is not given them twice.
  EXPECT_EQ(streamed(whole, *run, true), whole.dump(2) + "\n");
}

}  // namespace
}  // namespace ccsim
