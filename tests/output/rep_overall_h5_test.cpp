// Each replication's overall KPIs are in the results file (for `ccsim compare`), and the aggregate's mean is
// their mean: the stored values are the ones the headline figure was computed from.
#include <gtest/gtest.h>

#include <cmath>

#include "output/h5_reader.hpp"
#include "support/test_support.hpp"

using namespace ccsim;

namespace {

// Each KPI of the aggregate's overall table `rel` (under the tenant's overall/) is the mean of the
// replications' values in their overall tables. `skip_undefined`: a KPI undefined (NaN) in some replication
// is averaged over the others by the aggregate, so it is skipped.
void expect_replications_average_to_aggregate(const H5Results& h, const std::string& tenant, const std::string& rel,
                                              bool skip_undefined) {
  const auto reps = h.children("/replications");
  ASSERT_EQ(reps.size(), 3u);
  const std::string agg = "/aggregate/tenants/" + tenant + "/overall/" + rel;
  const auto names = h.table_strings(agg, "kpi");
  const auto means = h.table_doubles(agg, "mean");
  ASSERT_FALSE(names.empty());
  for (size_t k = 0; k < names.size(); ++k) {
    double sum = 0;
    for (const auto& rep : reps) {
      const std::string p = "/replications/" + rep + "/tenants/" + tenant + "/overall/" + rel;
      ASSERT_EQ(h.table_strings(p, "kpi"), names) << p;
      sum += h.table_doubles(p, "value")[k];
    }
    if ((skip_undefined && std::isnan(sum)) || std::isnan(means[k])) continue;
    EXPECT_NEAR(sum / 3, means[k], 1e-9 * (1 + std::fabs(means[k]))) << rel << " " << names[k];
  }
}

}  // namespace

TEST(RepOverallH5, PerReplicationOverallKpisAverageToTheAggregateMean) {
  const std::string dir = test::temp_dir();
  auto r = test::run_ccsim({"run", test::source_dir() + "/scenarios/small-center.yaml", "-r", "3", "-q", "-o", dir + "/r.h5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const H5Results h(dir + "/r.h5");
  for (const std::string rel : {"all_call_types", "groups/support"}) expect_replications_average_to_aggregate(h, "acme", rel, false);
}

// Outbound campaigns too (blended-collections, half a day): `ccsim compare` pairs the campaign figures from
// these tables. KPIs undefined in some replication (NaN) are averaged over the others by the aggregate: skipped.
TEST(RepOverallH5, CampaignOverallKpisAverageToTheAggregateMean) {
  const std::string dir = test::temp_dir();
  auto r = test::run_ccsim({"run", test::source_dir() + "/scenarios/blended-collections.yaml", "-r", "3", "-q", "--set",
                            "horizon.length=12h", "-o", dir + "/r.h5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  expect_replications_average_to_aggregate(H5Results(dir + "/r.h5"), "bank", "campaigns/collections", true);
}
