// `ccsim report`: the HTML page is self-contained (nothing fetched when opened), shows every chart and table
// the issue asks for, downsamples long series, and renders in headless Chromium without console errors.
#include "output/html_report.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>

#include "output/h5_fixture.hpp"
#include "output/html_report_svg.hpp"
#include "output/results_h5.hpp"
#include "output/run_sections.hpp"
#include "support/test_support.hpp"

namespace ccsim {
namespace {

namespace fs = std::filesystem;

size_t count(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
  return n;
}

// A results file with a fault, a scaling action, an SLA section and hypotheses.
std::string rich_results(const std::string& dir, bool interrupted = false) {
  auto run = test::make_h5_run(2);
  Incident crash;
  crash.kind = IncidentKind::Crash;
  crash.target = "host-a1";
  crash.drill = "dc-a-crash";
  crash.start = 5400;
  crash.detected = 5415;
  crash.recovered = 5700;
  crash.tenants = {"acme"};
  run->reps[0].incidents = {crash};
  MinuteLedger& l = run->reps[0].tenants[0].ledger;
  for (int m = 90; m < 95; ++m) l.failures[m][static_cast<int>(Cause::HostDown)] = l.requests[m];
  ScalingAction up;
  up.tenant = "acme";
  up.requested = 3600;
  up.effective = 3900;
  up.from_seats = 12;
  up.to_seats = 16;
  up.path.autoscale = true;
  up.reason = ScalingReason::ScaleOut;
  run->reps[0].scaling = {up};
  // The section layout of docs/output-format.md: sla.tenants[] = {tenant, contract, summary, replication_0};
  // shares as fractions, percents only under *_pct keys, estimates as {mean, ci95, n}.
  run->doc["sla"] = nlohmann::json::parse(R"({
    "tenants": [{"tenant": "acme",
      "contract": {"availability_standard": 0.9995,
                   "tiers": [{"label": "tier 1", "lower": 0.99, "upper": 0.9995, "credit_pct": 10},
                             {"label": "tier 2", "lower": 0.95, "upper": 0.99, "credit_pct": 25}]},
      "summary": {"availability_standard": 0.9995, "tiers": ["tier 1", "tier 2"], "replications": 2,
        "months": [{"month": {"first_day": "2026-03-01", "last_day": "2026-03-31", "days": 31, "partial": true},
                    "availability": {"mean": 0.9987, "ci95": [0.9981, 0.9993], "n": 2},
                    "p_below_standard": {"mean": 1.0, "ci95": [0.34, 1.0], "n": 2},
                    "p_eligible": {"mean": 0.5, "ci95": [0.09, 0.91], "n": 2},
                    "p_tier": [{"mean": 0.75, "ci95": [0.3, 0.95], "n": 2}, {"mean": 0.0, "ci95": [0.0, 0.66], "n": 2}],
                    "credit_pct": {"mean": 10, "ci95": [10, 10], "n": 2},
                    "credit_owed": {"mean": 123.45, "ci95": [100.0, 150.0], "n": 2}}],
        "total_credit_owed": {"mean": 123.45, "ci95": [100.0, 150.0], "n": 2}},
      "replication_0": {"months": [{"month": {"first_day": "1999-01-01"}, "availability": 0.5}]}}]})");
  // The shape of docs/platform.md, "Rehearsal report".
  run->doc["platform"] = nlohmann::json::parse(R"({"hypotheses": [
      {"name": "failover-under-2min", "metric": "recovery_time", "op": "<=", "value": 120, "scope": "incident",
       "passes": 0, "replications": 2, "pass_rate": {"mean": 0, "ci95": [0, 0.66], "n": 2}, "worst_measured": 300,
       "pass": false, "per_replication": [{"replication": 0, "measured": 300, "pass": false}]},
      {"name": "sl-holds", "metric": "service_level", "op": ">=", "value": 0.5, "scope": "overall",
       "passes": 2, "replications": 2, "pass_rate": {"mean": 1, "ci95": [0.34, 1], "n": 2}, "worst_measured": 0.8,
       "pass": true, "per_replication": []}], "hypotheses_failed": true})");
  const std::string path = dir + "/rich.h5";
  write_results_h5(path, run->ctx(), H5WriteOptions{false, interrupted});
  return path;
}

TEST(ReportHtml, SelfContainedWithEveryChartAndTable) {
  const std::string dir = test::temp_dir();
  const std::string html = render_html_report(H5Results(rich_results(dir)));
  // Nothing to fetch: no script, no external stylesheet, font or image; the only URL is the SVG namespace.
  EXPECT_EQ(count(html, "<script"), 0u);
  EXPECT_EQ(count(html, "<link"), 0u);
  EXPECT_EQ(count(html, "src="), 0u);
  EXPECT_EQ(count(html, "url("), 0u);
  EXPECT_EQ(count(html, "://"), count(html, "xmlns=\"http://www.w3.org/2000/svg\""));
  // Charts: availability, success rate, SL, abandonment, queue, agents/seats, trunk occupancy; and for the
  // fixture's one fault the drill timeline: a Gantt bar and its zoom (success/SL/abandonment, queue).
  EXPECT_EQ(count(html, "<svg "), 7u + 3u);
  EXPECT_NE(html.find("Availability per service month"), std::string::npos);
  EXPECT_NE(html.find("standard 99.950%"), std::string::npos);
  EXPECT_NE(html.find("tier 1 (10% credit)"), std::string::npos);   // credit-tier band in view
  EXPECT_EQ(html.find("tier 2 (25% credit)"), std::string::npos);   // [95%, 99%) is below the chart's range
  EXPECT_NE(html.find("2026-03"), std::string::npos);               // the month's bar
  EXPECT_NE(html.find("unavailable minutes (5)"), std::string::npos);  // the 5 failed minutes
  EXPECT_NE(html.find("fault: crash: host-a1"), std::string::npos);
  EXPECT_NE(html.find("scaling: 12 -&gt; 16 seats (autoscale self_service)"), std::string::npos);
  EXPECT_NE(html.find("support target 80%"), std::string::npos);
  EXPECT_NE(html.find("pstn (30 channels)"), std::string::npos);
  // Total credit owed: money with two decimals and the currency (none stated in this file: fee units).
  EXPECT_NE(html.find("Total credit owed over the term (fee units, mean over replications, 95% interval): 123.45 [100.00, 150.00]"),
            std::string::npos);
  EXPECT_NE(html.find("<td>75.0%</td>"), std::string::npos);  // P(tier 1) in the credits table
  EXPECT_NE(html.find("123.45 [100.00, 150.00]"), std::string::npos);  // credit owed of the month
  EXPECT_EQ(html.find("1999-01"), std::string::npos);  // the summary is shown, not replication 0's example
  // Hypotheses pass/fail.
  EXPECT_NE(html.find("<td class=\"fail\">FAIL</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"pass\">PASS</td>"), std::string::npos);
  EXPECT_NE(html.find("failover-under-2min"), std::string::npos);
  // Incident table and the scenario summary.
  EXPECT_NE(html.find("dc-a-crash"), std::string::npos);
  EXPECT_NE(html.find("h5-fixture"), std::string::npos);
  EXPECT_NE(html.find("2026-03-16T08:00:00 – 2026-03-16T12:00:00"), std::string::npos);
  EXPECT_EQ(html.find("INCOMPLETE RUN"), std::string::npos);
  // Planner figures in both ratio forms, labelled.
  EXPECT_NE(html.find("id=\"planner\""), std::string::npos);
  EXPECT_NE(html.find("P(wait)"), std::string::npos);
  EXPECT_NE(html.find("ratio of totals</td>"), std::string::npos);
}

// With the SLA section as `ccsim run` computes it (run/sla_section.cpp): the month chart and credits table.
TEST(ReportHtml, RealSlaSectionGivesTheMonthView) {
  auto run = test::make_h5_run(2, false, true);
  MinuteLedger& l = run->reps[0].tenants[0].ledger;
  for (int m = 30; m < 40; ++m) l.failures[m][static_cast<int>(Cause::HostDown)] = l.requests[m];
  run::SectionContext ctx = run->ctx();
  add_sla_section(ctx);
  ASSERT_TRUE(run->doc.contains("sla"));
  const std::string path = test::temp_dir() + "/sla.h5";
  write_results_h5(path, run->ctx(), {});
  const std::string html = render_html_report(H5Results(path));
  EXPECT_EQ(html.find("No SLA section"), std::string::npos);
  EXPECT_NE(html.find("Availability per service month"), std::string::npos);
  EXPECT_NE(html.find("P(below standard)"), std::string::npos);
  EXPECT_NE(html.find("2026-03-16"), std::string::npos);  // the (partial) service month of the 4-hour run
  EXPECT_NE(html.find("standard "), std::string::npos);
  // Both eligibility readings side by side, the headline one labelled; the term and the outside-horizon reading.
  EXPECT_NE(html.find("credit owed (fee units), standard reading (headline)"), std::string::npos);
  EXPECT_NE(html.find("credit owed (fee units), table reading (upper bound)"), std::string::npos);
  // Evidence: minutes 30..39 of replication 0 failed entirely (host_down): one counted range of 10 minutes.
  EXPECT_NE(html.find("Unavailable minutes (replication 0)"), std::string::npos);
  EXPECT_NE(html.find("1 range of unavailable minutes: 10 counted, 0 excluded"), std::string::npos);
  EXPECT_NE(html.find("<td>counted</td>"), std::string::npos);
  EXPECT_NE(html.find("minutes outside the simulated horizon count as available"), std::string::npos);
}

// The layout says which scale a number is on (docs/output-format.md "Section layout"): shares are fractions,
// percents only under keys ending in _pct. A credit of half a percent (credit_pct 0.5) must read as 0.5%,
// where a size-based guess (x > 1 ? x / 100 : x) takes 0.5 for a fraction, 50%; the standard 0.995 is a
// fraction (99.5%). Tier bounds are fractions: [0.998, 0.9995) lies in the chart's range and is drawn.
TEST(ReportHtml, PercentAndFractionAreReadByTheirKeyNotGuessed) {
  auto run = test::make_h5_run(1);
  run->doc["sla"] = nlohmann::json::parse(R"({"tenants": [{"tenant": "acme",
      "contract": {"id": "c", "availability_standard": 0.995,
                   "tiers": [{"label": "tier 1", "lower": 0.998, "upper": 0.9995, "credit_pct": 0.5}]},
      "summary": {"availability_standard": 0.995, "tiers": ["tier 1"], "replications": 1,
        "months": [{"month": {"first_day": "2026-03-01", "last_day": "2026-03-31", "days": 31},
                    "availability": {"mean": 0.9987, "ci95": [0.9987, 0.9987], "n": 1},
                    "p_below_standard": {"mean": 0, "n": 1}, "p_eligible": {"mean": 1, "n": 1},
                    "p_tier": [{"mean": 1, "n": 1}],
                    "credit_pct": {"mean": 0.5, "ci95": [0.5, 0.5], "n": 1}}]}}]})");
  const std::string path = test::temp_dir() + "/scales.h5";
  write_results_h5(path, run->ctx(), {});
  const std::string html = render_html_report(H5Results(path));
  EXPECT_NE(html.find("tier 1 (0.5% credit)"), std::string::npos);
  EXPECT_EQ(html.find("(50% credit)"), std::string::npos);
  EXPECT_NE(html.find("standard 99.500%"), std::string::npos);
}

// The month bar is never green when the month owes a credit: red when the headline reading owes one, orange
// when only the table reading does; the currency of the summary is shown with every amount.
TEST(ReportHtml, MonthOwingACreditIsNotGreenAndAmountsCarryTheCurrency) {
  auto run = test::make_h5_run(1);
  // 99.87% is above the 99.5% standard: under the standard reading nothing is owed, under the table reading
  // (tier [99%, 99.95%)) 10% of the fee, 1,234,567.80.
  run->doc["sla"] = nlohmann::json::parse(R"({"tenants": [{"tenant": "acme",
      "contract": {"id": "c", "availability_standard": 0.995, "currency": "CNY",
                   "tiers": [{"label": "tier 1", "lower": 0.99, "upper": 0.9995, "credit_pct": 10}]},
      "summary": {"availability_standard": 0.995, "tiers": ["tier 1"], "replications": 1, "currency": "CNY",
        "readings": {"headline": "standard"},
        "months": [{"month": {"first_day": "2026-03-01", "last_day": "2026-03-31", "days": 31},
                    "availability": {"mean": 0.9987, "ci95": [0.9987, 0.9987], "n": 1},
                    "p_below_standard": {"mean": 0, "n": 1}, "p_eligible": {"mean": 0, "n": 1},
                    "p_tier": [{"mean": 1, "n": 1}], "credit_owed": {"mean": 0, "n": 1},
                    "credit_by_reading": {"standard": {"credit_pct": {"mean": 0}, "credit_owed": {"mean": 0}},
                                          "table": {"credit_pct": {"mean": 10}, "credit_owed": {"mean": 1234567.8}}}}]}}]})");
  const std::string path = test::temp_dir() + "/owed.h5";
  write_results_h5(path, run->ctx(), {});
  const std::string html = render_html_report(H5Results(path));
  const size_t chart = html.find("Availability per service month");
  ASSERT_NE(chart, std::string::npos);
  const std::string svg = html.substr(chart, html.find("</svg>", chart) - chart);
  EXPECT_EQ(svg.find("#2ca02c"), std::string::npos) << svg;  // no green bar
  EXPECT_NE(svg.find("#ff7f0e"), std::string::npos) << svg;  // owed under the table reading only
  EXPECT_NE(html.find("credit owed (CNY), table reading (upper bound)"), std::string::npos);
  EXPECT_NE(html.find("1,234,567.80"), std::string::npos);
}

TEST(ReportHtml, IncompleteRunIsFlagged) {
  const std::string dir = test::temp_dir();
  const std::string html = render_html_report(H5Results(rich_results(dir, true)));
  EXPECT_NE(html.find("INCOMPLETE RUN"), std::string::npos);
}

TEST(ReportHtml, WithoutSlaSectionShowsTheMinuteRulePerDay) {
  auto run = test::make_h5_run(1);
  const std::string path = test::temp_dir() + "/plain.h5";
  write_results_h5(path, run->ctx(), {});
  const std::string html = render_html_report(H5Results(path));
  EXPECT_NE(html.find("No SLA section"), std::string::npos);
  EXPECT_NE(html.find("No hypotheses declared"), std::string::npos);
  EXPECT_EQ(count(html, "<svg "), 7u);
}

TEST(ReportHtml, LongSeriesAreDownsampled) {
  // A month of minutes into 1,500 points: buckets of ceil(43200 / 1500) = 29 minutes.
  std::vector<double> x(43200), y(43200);
  for (size_t i = 0; i < x.size(); ++i) {
    x[i] = 60.0 * i;
    y[i] = 1.0;
  }
  y[1000] = 0.5;                                  // one bad minute must survive a Min reduction
  y[2000] = std::nan("");                          // undefined minutes are skipped, not averaged as 0
  std::vector<double> ox, oy;
  svg::downsample(x, y, 1500, svg::Reduce::Min, ox, oy);
  const size_t per = (43200 + 1500 - 1) / 1500;
  ASSERT_EQ(ox.size(), (43200 + per - 1) / per);
  EXPECT_LE(ox.size(), 1500u);
  EXPECT_EQ(ox[1], x[per]);
  EXPECT_EQ(oy[1000 / per], 0.5);
  EXPECT_EQ(oy[2000 / per], 1.0);
  svg::downsample(x, y, 1500, svg::Reduce::Mean, ox, oy);
  EXPECT_DOUBLE_EQ(oy[1000 / per], (per - 1 + 0.5) / per);
  // Short series untouched.
  svg::downsample({1, 2, 3}, {4, 5, 6}, 1500, svg::Reduce::Max, ox, oy);
  EXPECT_EQ(oy, (std::vector<double>{4, 5, 6}));
}

TEST(ReportHtml, UnavailableMinutesBecomeMergedSpans) {
  const std::vector<double> x = {0, 60, 120, 180, 240, 300, 360, 420, 480};
  const std::vector<unsigned char> f = {0, 1, 1, 0, 1, 0, 0, 0, 1};
  auto spans = svg::flag_spans(x, f, 60, 0, "red", "u");
  ASSERT_EQ(spans.size(), 3u);
  EXPECT_EQ(spans[0].x0, 60);
  EXPECT_EQ(spans[0].x1, 180);
  EXPECT_EQ(spans[1].x0, 240);
  EXPECT_EQ(spans[2].x1, 540);
  spans = svg::flag_spans(x, f, 60, 60, "red", "u");  // gaps of one minute merge
  ASSERT_EQ(spans.size(), 2u);
  EXPECT_EQ(spans[0].x1, 300);
}

TEST(ReportCli, WritesTheReportAndRejectsBadInput) {
  const std::string dir = test::temp_dir();
  const std::string h5 = rich_results(dir);
  auto ok = test::run_ccsim({"report", h5, "-o", dir + "/r.html"});
  ASSERT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(test::read_file(dir + "/r.html").find("</html>"), std::string::npos);
  auto def = test::run_ccsim({"report", h5});  // default: next to the results, .html
  ASSERT_EQ(def.exit_code, 0) << def.err;
  EXPECT_TRUE(fs::exists(dir + "/rich.html"));
  const std::string bogus = test::write_file(dir, "bogus.h5", "plain text");
  auto bad = test::run_ccsim({"report", bogus, "-o", dir + "/bad.html"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(bogus), std::string::npos) << bad.err;
  EXPECT_FALSE(fs::exists(dir + "/bad.html"));
  EXPECT_EQ(test::run_ccsim({"report"}).exit_code, 2);
}

// Opens the report in headless Chromium: the charts are in the rendered DOM, no console error is logged, and
// a screenshot is saved (report-screenshot.png in the test's working directory) for a person to look at.
TEST(ReportChromium, RendersWithoutConsoleErrors) {
  const char* chromium = "/usr/bin/chromium";
  if (!fs::exists(chromium)) GTEST_SKIP() << "chromium not installed";
  const std::string dir = test::temp_dir();
  const std::string html = dir + "/report.html";
  write_html_report(rich_results(dir), html);
  const std::string shot = (fs::current_path() / "report-screenshot.png").string();
  fs::remove(shot);
  auto common = [&](const std::string& profile) {
    return std::vector<std::string>{chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                                    "--disable-sync", "--user-data-dir=" + profile, "--enable-logging=stderr", "--v=0"};
  };
  fs::create_directories(dir + "/p1");
  auto args = common(dir + "/p1");
  args.push_back("--dump-dom");
  args.push_back("file://" + html);
  const auto dom = test::run_program(args);
  ASSERT_EQ(dom.exit_code, 0) << dom.err;
  EXPECT_EQ(count(dom.out, "<svg "), 7u + 3u);  // 7 charts + the fault's Gantt bar and zoom (see above)
  EXPECT_NE(dom.out.find("Per-minute call success"), std::string::npos);
  // Console messages are logged as "CONSOLE(line)"; a blocked fetch shows as net::ERR_ / "Refused to".
  EXPECT_EQ(dom.err.find("CONSOLE("), std::string::npos) << dom.err;
  EXPECT_EQ(dom.err.find("Refused to"), std::string::npos) << dom.err;
  EXPECT_EQ(dom.err.find("net::ERR_"), std::string::npos) << dom.err;

  fs::create_directories(dir + "/p2");
  args = common(dir + "/p2");
  args.push_back("--screenshot=" + shot);
  args.push_back("--window-size=1280,2000");
  args.push_back("file://" + html);
  const auto pic = test::run_program(args);
  ASSERT_EQ(pic.exit_code, 0) << pic.err;
  const std::string png = test::read_file(shot);
  ASSERT_GT(png.size(), 10000u);  // a blank page compresses to a few KiB
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  std::cout << "screenshot: " << shot << "\n";
}

}  // namespace
}  // namespace ccsim

namespace ccsim {
// The seats section's bills (output/seats_render.cpp): the cash view is shown beside the consumption view.
TEST(ReportHtml, SeatCostShowsConsumptionAndCash) {
  const std::string dir = test::temp_dir();
  auto run = test::make_h5_run(1);
  run->doc["seats"] = nlohmann::json::parse(R"({"tenants": [{"tenant": "acme", "initial_seats": 12,
      "cost": {"currency": "CNY", "licence_validity": "1 month from the purchase day",
               "months": [{"first_day": "2026-03-16", "last_day": "2026-03-16",
                           "bill_replication_0": {"consumption": {"seats": "103.23", "total": "110.00"},
                                                  "cash": {"seats": "3200.00", "total": "3206.77", "licences_bought": 16}}}]}}]})");
  const std::string path = dir + "/seats.h5";
  write_results_h5(path, run->ctx(), H5WriteOptions{false, false});
  const std::string html = render_html_report(H5Results(path));
  EXPECT_NE(html.find("Seat cost: consumption vs cash (CNY, licences valid 1 month from the purchase day)"), std::string::npos);
  EXPECT_NE(html.find("<tr><td>2026-03-16..2026-03-16</td><td>103.23</td><td>3200.00</td><td>16</td><td>110.00</td>"
                      "<td>3206.77</td></tr>"),
            std::string::npos);
}
}  // namespace ccsim
