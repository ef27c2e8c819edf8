// The table of bad scenario inputs: each must be rejected with an InputError whose diagnostics contain the
// exact location (file:line:col, 1-based), key path and message given here. Locations are counted by hand
// from the YAML text of each case.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/error.hpp"
#include "scenario/loader.hpp"

namespace {

struct BadCase {
  const char* name;
  std::string yaml;
  std::vector<std::string> expected;  // substrings, each must appear in one diagnostic
};

// A valid minimal scenario the cases below vary line by line (line numbers in comments).
const std::string kHorizon = "horizon: {start: 2026-03-16T00:00, length: 1d}\n";  // line 1

std::vector<BadCase> cases() {
  return {
      {"UnknownTopLevelKeyWithSuggestion",
       kHorizon + "tenats: []\n",
       {"t.yaml:2:1: tenats: unknown key 'tenats'; did you mean 'tenants'?", "t.yaml:1:1: tenants: missing required key 'tenants'"}},
      {"UnknownNestedKeyWithSuggestion",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups:\n"
           "      - {name: support, agnets: 12}\n"  // line 5: agnets at col 25
           "    call_types:\n"
           "      - {name: support, arrivals: {rate: 200/h}}\n",
       {"t.yaml:5:25: tenants[0].groups[0].agnets: unknown key 'agnets'; did you mean 'agents'?"}},
      {"DuplicateKey",
       kHorizon +
           "seed: 1\n"
           "seed: 2\n"  // line 3
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: support, agents: 12}]\n"
           "    call_types: [{name: support, arrivals: {rate: 200/h}}]\n",
       {"t.yaml:3:1: seed: duplicate key 'seed' (first defined at line 2)"}},
      {"NegativeRateWithUnit",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: support, agents: 12}]\n"
           "    call_types:\n"
           "      - name: support\n"
           "        arrivals: {rate: -5/h}\n",  // line 7: value at col 26
       {"t.yaml:7:26: tenants[0].call_types[0].arrivals.rate: negative rate -5/h"}},
      {"NegativeRateNumber",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: support, agents: 12}]\n"
           "    call_types:\n"
           "      - name: support\n"
           "        arrivals: {rate: -5}\n",
       {"t.yaml:7:26: tenants[0].call_types[0].arrivals.rate: value -5 is below the minimum 0"}},
      {"ProbabilityAboveOneAsNumber",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    ivr: {self_service: 1.5}\n"  // line 4: value at col 25
           "    groups: [{name: support, agents: 12}]\n"
           "    call_types: [{name: support, arrivals: {rate: 200/h}}]\n",
       {"t.yaml:4:25: tenants[0].ivr.self_service: value 1.5 is above the maximum 1"}},
      {"ProbabilityAboveOneAsPercent",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    ivr: {abandon: 150%}\n"  // line 4: value at col 20
           "    groups: [{name: support, agents: 12}]\n"
           "    call_types: [{name: support, arrivals: {rate: 200/h}}]\n",
       {"t.yaml:4:20: tenants[0].ivr.abandon: probability 150% is outside 0..1"}},
      {"IvrOutcomesAboveOne",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    ivr: {self_service: 70%, abandon: 40%}\n"  // line 4: map at col 10
           "    groups: [{name: support, agents: 12}]\n"
           "    call_types: [{name: support, arrivals: {rate: 200/h}}]\n",
       {"t.yaml:4:10: tenants[0].ivr: self_service + abandon exceed 100%"}},
      {"UnknownRouteGroupWithSuggestion",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: support, agents: 12}]\n"
           "    call_types:\n"
           "      - name: support\n"
           "        arrivals: {rate: 200/h}\n"
           "        route: [suport]\n",  // line 8: name at col 17
       {"t.yaml:8:17: tenants[0].call_types[0].route[0]: unknown skill group 'suport'; did you mean 'support'?"}},
      {"UnknownPoolSkill",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: sales}, {name: service}]\n"
           "    agents:\n"
           "      - {name: blended, skills: [sales, billing], agents: 3}\n"  // line 6: billing at col 41
           "    call_types: [{name: sales, arrivals: {rate: 20/h}}]\n",
       {"t.yaml:6:41: tenants[0].agents[0].skills[1]: unknown skill group 'billing' (expected one of: sales, service)"}},
      {"OverflowDelaysDecreasing",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: a, agents: 1}, {name: b, agents: 1}, {name: c, agents: 1}]\n"
           "    call_types:\n"
           "      - name: x\n"
           "        arrivals: {rate: 10/h}\n"
           "        route: [a, {group: b, after: 60s}, {group: c, after: 30s}]\n",  // line 8: 30s at col 62
       {"t.yaml:8:62: tenants[0].call_types[0].route[2].after: overflow delay 30s is shorter than the previous step's 1min"}},
      {"FirstRouteStepDelayed",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: a, agents: 1}]\n"
           "    call_types:\n"
           "      - name: x\n"
           "        arrivals: {rate: 10/h}\n"
           "        route: [{group: a, after: 10s}]\n",  // line 8: 10s at col 35
       {"t.yaml:8:35: tenants[0].call_types[0].route[0].after: the first route step must be offered at once"}},
      {"RouteToUnstaffedGroup",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: a, agents: 1}, {name: b}]\n"
           "    call_types:\n"
           "      - name: x\n"
           "        arrivals: {rate: 10/h}\n"
           "        route: [a, b]\n",  // line 8: b at col 20
       {"t.yaml:8:20: tenants[0].call_types[0].route[1]: no agents serve group 'b'"}},
      {"ShiftOutsideHorizon",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups:\n"
           "      - name: a\n"
           "        shifts:\n"
           "          - {start: \"08:00\", end: \"16:00\", agents: 5, from: 2026-05-01}\n"  // line 7: date col 61
           "    call_types: [{name: a, arrivals: {rate: 10/h}}]\n",
       {"t.yaml:7:61: tenants[0].groups[0].shifts[0].from: shift 'shift1' lies outside the horizon"}},
      {"BreakOutsideShift",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups:\n"
           "      - name: a\n"
           "        shifts:\n"
           "          - start: \"08:00\"\n"
           "            end: \"12:00\"\n"
           "            agents: 4\n"
           "            breaks:\n"
           "              - {at: \"11:45\", length: 30min}\n"  // line 11: the break map at col 17
           "    call_types: [{name: a, arrivals: {rate: 10/h}}]\n",
       {"t.yaml:11:17: tenants[0].groups[0].shifts[0].breaks[0]: break at 11:45 for 30min is outside the shift 08:00-12:00"}},
      {"OverlappingBreaksExceedShift",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups:\n"
           "      - name: a\n"
           "        shifts:\n"
           "          - start: \"08:00\"\n"
           "            end: \"16:00\"\n"
           "            agents: 4\n"
           "            breaks:\n"  // line 10: the list starts on line 11 col 15
           "              - {at: \"12:00\", length: 30min, agents: 3}\n"
           "              - {at: \"12:15\", length: 30min, agents: 2}\n"
           "    call_types: [{name: a, arrivals: {rate: 10/h}}]\n",
       {"t.yaml:11:15: tenants[0].groups[0].shifts[0].breaks: overlapping breaks put 5 agents on break but the shift has 4"}},
      {"ShiftEndsWhenItStarts",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups:\n"
           "      - name: a\n"
           "        shifts: [{start: \"08:00\", end: \"08:00\", agents: 1}]\n"  // line 6: end value (its quote) col 40
           "    call_types: [{name: a, arrivals: {rate: 10/h}}]\n",
       {"t.yaml:6:40: tenants[0].groups[0].shifts[0].end: shift ends when it starts (08:00)"}},
      {"TwoStaffingForms",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups:\n"
           "      - {name: a, agents: 3, staffing: {interval: 1h, counts: [1]}}\n"  // line 5: map col 9
           "    call_types: [{name: a, arrivals: {rate: 10/h}}]\n",
       {"t.yaml:5:9: tenants[0].groups[0]: give only one of 'agents', 'staffing' or 'shifts'"}},
      {"CountsDoNotCoverHorizon",
       "horizon: {start: 2026-03-16T00:00, length: 2d}\n"
       "tenants:\n"
       "  - name: acme\n"
       "    groups:\n"
       "      - {name: a, staffing: {interval: 1h, counts: [1, 2, 3]}}\n"  // line 5: counts list col 52
       "    call_types: [{name: a, arrivals: {rate: 10/h}}]\n",
       {"t.yaml:5:52: tenants[0].groups[0].staffing.counts: 3 counts of 1h cover 3h but the horizon is 2d"}},
      {"UnsupportedInterval",
       "horizon: {start: 2026-03-16T00:00, length: 1d, interval: 20min}\n"  // interval value col 58
       "tenants: [{name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}]\n",
       {"t.yaml:1:58: horizon.interval: unsupported statistics interval 20min (expected 15min, 30min or 1h)"}},
      {"WarmupNotShorterThanHorizon",
       "horizon: {length: 2h, warmup: 3h}\n"  // warmup value col 31
       "tenants: [{name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}]\n",
       {"t.yaml:1:31: horizon.warmup: warm-up of 3h is not shorter than the horizon"}},
      {"BadDurationText",
       "horizon: {length: 5 minutes}\n"  // col 19
       "tenants: [{name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}]\n",
       {"t.yaml:1:19: horizon.length: invalid value '5 minutes' (expected a duration such as 30s, 5min, 2h, 1d or a number of seconds)"}},
      {"ImpossibleDate",
       "horizon: {start: 2026-02-30T00:00}\n"  // col 18
       "tenants: [{name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}]\n",
       {"t.yaml:1:18: horizon.start: invalid date-time '2026-02-30T00:00'"}},
      {"UnknownDistributionKind",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types:\n"
           "      - name: g\n"
           "        arrivals: {rate: 10/h}\n"
           "        handle: {dist: normal, mean: 3min}\n",  // line 8: normal at col 24
       {"t.yaml:8:24: tenants[0].call_types[0].handle.dist: invalid value 'normal'; did you mean 'lognormal'? (expected one of: exponential,"}},
      {"LognormalWithoutCv",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types:\n"
           "      - name: g\n"
           "        arrivals: {rate: 10/h}\n"
           "        handle: {dist: lognormal, mean: 3min}\n",  // line 8: map at col 17
       {"t.yaml:8:17: tenants[0].call_types[0].handle.cv: missing required key 'cv' for a lognormal distribution"}},
      {"CvOnExponential",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types:\n"
           "      - name: g\n"
           "        arrivals: {rate: 10/h}\n"
           "        patience: {dist: exponential, mean: 3min, cv: 2}\n",  // line 8: cv key at col 51
       {"t.yaml:8:51: tenants[0].call_types[0].patience.cv: 'cv' does not apply to an exponential distribution"}},
      {"EmpiricalWeightsLength",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types:\n"
           "      - name: g\n"
           "        arrivals: {rate: 10/h}\n"
           "        handle: {dist: empirical, values: [1min, 2min], weights: [1]}\n",  // weights list col 66
       {"t.yaml:8:66: tenants[0].call_types[0].handle.weights: weights must be a list as long as values (2)"}},
      {"UniformMaxBelowMin",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types:\n"
           "      - name: g\n"
           "        arrivals: {rate: 10/h}\n"
           "        wrapup: {dist: uniform, min: 40s, max: 10s}\n",  // line 8: 10s at col 48
       {"t.yaml:8:48: tenants[0].call_types[0].wrapup.max: max is below min"}},
      {"DayProfileWrongLength",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types:\n"
           "      - name: g\n"
           "        arrivals: {rate: 10/h, day_profile: [1, 2, 3]}\n",  // line 7: list at col 45
       {"t.yaml:7:45: tenants[0].call_types[0].arrivals.day_profile: day profile has 3 entries but a day has 24 slots of 1h"}},
      {"DuplicateGroupNames",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups:\n"
           "      - {name: g, agents: 1}\n"
           "      - {name: g, agents: 2}\n"  // line 6: name value col 16
           "    call_types: [{name: g, arrivals: {rate: 10/h}}]\n",
       {"t.yaml:6:16: tenants[0].groups[1].name: duplicate group name 'g' (first used at line 5)"}},
      {"DuplicateTenantNames",
       kHorizon +
           "tenants:\n"
           "  - {name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}\n"
           "  - {name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}\n",  // line 4 col 12
       {"t.yaml:4:12: tenants[1].name: duplicate tenant name 'a' (first used at line 3)"}},
      {"UnknownTrunkGroup",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    trunks: [{name: pstn, channels: 10}]\n"
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types:\n"
           "      - {name: g, arrivals: {rate: 1}, trunk_group: psnt}\n",  // line 7: psnt col 53
       {"t.yaml:7:53: tenants[0].call_types[0].trunk_group: unknown trunk group 'psnt'; did you mean 'pstn'?"}},
      {"WrongTypeForList",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: lots\n"  // line 4 col 13
           "    call_types: [{name: g, arrivals: {rate: 1}}]\n",
       {"t.yaml:4:13: tenants[0].groups: found 'lots' (expected a list)"}},
      {"MissingRequiredKey",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"  // the tenant map starts at line 3 col 5
           "    groups: [{name: g, agents: 1}]\n",
       {"t.yaml:3:5: tenants[0].call_types: missing required key 'call_types'"}},
      {"QueueCapacityText",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: g, agents: 1, queue_capacity: lots}]\n"  // line 4 col 51
           "    call_types: [{name: g, arrivals: {rate: 1}}]\n",
       {"t.yaml:4:51: tenants[0].groups[0].queue_capacity: invalid value 'lots' (expected a whole number >= 0 or 'unlimited')"}},
      {"ZeroReplications",
       "replications: 0\n"  // col 15
       "tenants: [{name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}]\n",
       {"t.yaml:1:15: replications: value 0 is below the minimum 1"}},
      {"MissingContractFile",
       kHorizon +
           "tenants:\n"
           "  - name: acme\n"
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types: [{name: g, arrivals: {rate: 1}}]\n"
           "    sla: {contract: no-such-contract.yaml}\n",  // line 6 col 21
       {"t.yaml:6:21: tenants[0].sla.contract: file not found: no-such-contract.yaml"}},
      {"TenantHostNotInPlatform",
       kHorizon +
           "platform:\n"
           "  hosts: [{name: cc-1}, {name: cc-2}]\n"
           "tenants:\n"
           "  - name: acme\n"
           "    hosts: [cc-3]\n"  // line 6 col 13
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types: [{name: g, arrivals: {rate: 1}}]\n",
       {"t.yaml:6:13: tenants[0].hosts[0]: unknown host 'cc-3'; did you mean 'cc-1'? (expected one of: cc-1, cc-2)"}},
      {"PlatformLinkUnknownSiteAndMtbfWithoutMttr",
       kHorizon +
           "platform:\n"
           "  sites: [{name: main}, {name: backup}]\n"
           "  hosts: [{name: cc-1, site: main, mtbf: 30d}]\n"  // line 4: host map col 11
           "  links: [{name: l, from: main, to: bakup}]\n"  // line 5: bakup col 37
           "tenants: [{name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}]\n",
       {"t.yaml:4:11: platform.hosts[0].mttr: mtbf is set but mttr is missing or zero",
        "t.yaml:5:37: platform.links[0].to: unknown site 'bakup'; did you mean 'backup'?"}},
      {"DrillUnknownTargetAndOutsideHorizon",
       kHorizon +
           "platform: {hosts: [{name: cc-1}]}\n"
           "tenants: [{name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}]\n"
           "drills:\n"
           "  - {start: 2026-03-18T10:00, kind: crash, target: {host: cc-9}}\n",  // line 5: start col 13, cc-9 col 59
       {"t.yaml:5:13: drills[0].start: drill starts at 2026-03-18T10:00:00, outside the horizon",
        "t.yaml:5:59: drills[0].target.host: unknown host 'cc-9'"}},
      {"DrillKindTargetMismatch",
       kHorizon +
           "tenants:\n"
           "  - {name: a, trunks: [{name: pstn, channels: 5}], groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}\n"
           "drills:\n"
           "  - {start: 2h, kind: crash, target: {trunk: pstn}}\n",  // line 5: target map col 38
       {"t.yaml:5:38: drills[0].target: a crash drill cannot target a trunk (expected a host, label or site target)"}},
      {"CustomerSideDrillTargetsATenant",
       kHorizon +
           "platform: {hosts: [{name: cc-1}]}\n"
           "tenants: [{name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}]\n"
           "drills:\n"
           "  - {start: 2h, kind: customer_network, target: {host: cc-1}}\n"  // line 5: target map col 49
           "  - {start: 2h, kind: crash, target: {tenant: a}}\n",  // line 6: target map col 38
       {"t.yaml:5:49: drills[0].target: a customer_network drill cannot target a host (expected a tenant target)",
        "t.yaml:6:38: drills[1].target: a crash drill cannot target a tenant (expected a host, label or site target)"}},
      {"HypothesisUnknownMetricAndTenant",
       kHorizon +
           "tenants: [{name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}]\n"
           "hypotheses:\n"
           "  - {check: \"availabilty >= 99.95%\", tenant: b}\n",  // line 4: check (its quote) col 13, b col 46
       {"t.yaml:4:13: hypotheses[0].check: unknown metric 'availabilty'; did you mean 'availability'?",
        "t.yaml:4:46: hypotheses[0].tenant: unknown tenant 'b'"}},
      {"OutboundOutcomesMustSumToOne",
       kHorizon +
           "tenants:\n"
           "  - name: a\n"
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types: [{name: g, arrivals: {rate: 1}}]\n"
           "    campaigns:\n"
           "      - name: c\n"
           "        group: g\n"
           "        contacts: 10\n"
           "        outcomes: {person: 50%, no_answer: 40%}\n",  // line 10 col 19
       {"t.yaml:10:19: tenants[0].campaigns[0].outcomes: outcome probabilities sum to 0.9 (expected person + "
        "no_answer + busy + machine + invalid = 1 (100%))"}},
      {"OutboundGroupPacingAndBlendingHysteresis",
       kHorizon +
           "tenants:\n"
           "  - name: a\n"
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types: [{name: g, arrivals: {rate: 1}}]\n"
           "    blending: {stop_queue_above: 2, resume_queue_below: 5}\n"  // line 6 col 57
           "    campaigns:\n"
           "      - name: c\n"
           "        group: gg\n"  // line 9 col 16
           "        contacts: 10\n"
           "        dialer: {lines_per_agent: 3, max_lines_per_agent: 2}\n",  // line 11 col 35
       {"t.yaml:6:57: tenants[0].blending.resume_queue_below: resumes above the stop threshold (expected "
        "resume_queue_below <= stop_queue_above (hysteresis))",
        "t.yaml:9:16: tenants[0].campaigns[0].group: unknown skill group 'gg'; did you mean 'g'?",
        "t.yaml:11:35: tenants[0].campaigns[0].dialer.lines_per_agent: starting pacing above max_lines_per_agent"}},
      {"OutboundWindowAndMissingContacts",
       kHorizon +
           "tenants:\n"
           "  - name: a\n"
           "    groups: [{name: g, agents: 1}]\n"
           "    call_types: [{name: g, arrivals: {rate: 1}}]\n"
           "    campaigns:\n"
           "      - name: c\n"  // line 7 col 9
           "        group: g\n"
           "        rules: {windows: [{from: \"20:00\", to: \"09:00\"}]}\n",  // line 9 col 47
       {"t.yaml:7:9: tenants[0].campaigns[0]: campaign 'c' has no contacts (expected either contacts: N or "
        "contacts_file: FILE.csv)",
        "t.yaml:9:47: tenants[0].campaigns[0].rules.windows[0].to: window ends at or before it starts"}},
      {"ManyProblemsAtOnce",
       "horizon: {interval: 7min}\n"
       "tenants:\n"
       "  - name: acme\n"
       "    groups: [{name: g, agents: -1}]\n"
       "    call_types: [{name: g, arrivals: {rate: 1/fortnight}}]\n",
       {"t.yaml:1:21: horizon.interval", "t.yaml:4:32: tenants[0].groups[0].agents", "t.yaml:5:45: tenants[0].call_types[0].arrivals.rate"}},
  };
}

class BadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(BadInput, ReportsLocatedDiagnostic) {
  const BadCase& c = GetParam();
  try {
    ccsim::load_scenario_text(c.yaml, "t.yaml");
    FAIL() << "accepted a bad scenario:\n" << c.yaml;
  } catch (const ccsim::InputError& e) {
    const std::string all = e.what();
    for (const auto& want : c.expected) EXPECT_NE(all.find(want), std::string::npos) << "missing: " << want << "\ngot:\n" << all;
    // Every diagnostic is located and names the file.
    for (const auto& d : e.diagnostics()) {
      EXPECT_EQ(d.loc.file, "t.yaml");
      EXPECT_GT(d.loc.line, 0) << d.format();
      EXPECT_GT(d.loc.col, 0) << d.format();
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Table, BadInput, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<BadCase>& info) { return std::string(info.param.name); });

// Every problem of a file is reported in one pass: the multi-problem case yields at least three diagnostics.
TEST(BadInputAll, ReportsAllProblemsInOnePass) {
  try {
    ccsim::load_scenario_text(cases().back().yaml, "t.yaml");
    FAIL();
  } catch (const ccsim::InputError& e) {
    EXPECT_GE(e.diagnostics().size(), 3u);
  }
}

}  // namespace
