// Unusable inputs of every kind end in a clear, located InputError — never a crash, a hang or a partial
// scenario: missing file, directory, empty, binary, malformed YAML, a 100 MB file, deep nesting, alias bombs.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include "core/error.hpp"
#include "scenario/loader.hpp"
#include "scenario/yaml_input.hpp"
#include "support/test_support.hpp"

using namespace ccsim;

namespace {

// The message of the InputError `fn` throws ("" and a test failure when it does not throw).
template <class F>
std::string error_of(F fn) {
  try {
    fn();
  } catch (const InputError& e) {
    return e.what();
  }
  ADD_FAILURE() << "no InputError";
  return "";
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

TEST(Robustness, MissingFile) {
  const std::string path = test::temp_dir() + "/nope.yaml";
  const std::string msg = error_of([&] { load_scenario(path); });
  EXPECT_TRUE(contains(msg, path + ": file not found")) << msg;
}

TEST(Robustness, Directory) {
  const std::string dir = test::temp_dir();
  const std::string msg = error_of([&] { load_scenario(dir); });
  EXPECT_TRUE(contains(msg, dir + ": is a directory, not a file")) << msg;
}

TEST(Robustness, EmptyAndCommentOnlyFiles) {
  const std::string dir = test::temp_dir();
  for (const std::string& text : {std::string(""), std::string("\n\n  \n"), std::string("# only a comment\n")}) {
    const std::string f = test::write_file(dir, "e.yaml", text);
    const std::string msg = error_of([&] { load_scenario(f); });
    EXPECT_TRUE(contains(msg, f + ": the file is empty")) << msg;
  }
}

TEST(Robustness, NulByteIsLocated) {
  std::string text = "tenants:\n  - name: a";
  text += '\0';
  text += "b\n";
  const std::string msg = error_of([&] { load_scenario_text(text, "t.yaml"); });
  EXPECT_TRUE(contains(msg, "t.yaml:2:12: binary content: control byte 0x00")) << msg;
}

TEST(Robustness, RandomBinaryGarbage) {
  std::mt19937 gen(12345);
  const std::string dir = test::temp_dir();
  for (int trial = 0; trial < 20; ++trial) {
    std::string bytes(4096, '\0');
    for (auto& c : bytes) c = static_cast<char>(gen() & 0xff);
    const std::string f = test::write_file(dir, "garbage.bin", bytes);
    EXPECT_THROW(load_scenario(f), InputError);
  }
}

TEST(Robustness, MalformedYamlIsLocated) {
  const std::string msg = error_of([] { load_scenario_text("tenants:\n  - name: [a, b\n", "t.yaml"); });
  EXPECT_TRUE(contains(msg, "t.yaml:3:1: malformed YAML")) << msg;
  const std::string msg2 = error_of([] { load_scenario_text("a: 1\n b: 2\n  - c\n", "t.yaml"); });
  EXPECT_TRUE(contains(msg2, "t.yaml:2:")) << msg2;
  EXPECT_TRUE(contains(msg2, "malformed YAML")) << msg2;
}

TEST(Robustness, TopLevelNotAMap) {
  const std::string msg = error_of([] { load_scenario_text("- a\n- b\n", "t.yaml"); });
  EXPECT_TRUE(contains(msg, "t.yaml:1:1: the top level is not a map of keys")) << msg;
  const std::string msg2 = error_of([] { load_scenario_text("just text\n", "t.yaml"); });
  EXPECT_TRUE(contains(msg2, "the top level is not a map of keys")) << msg2;
}

TEST(Robustness, HundredMegabyteFileRefusedBeforeReading) {
  const std::string f = test::temp_dir() + "/huge.yaml";
  {
    std::ofstream out(f);
    out << "tenants: []\n";
  }
  // A sparse 100 MB file: the size check must refuse it without reading it.
  std::filesystem::resize_file(f, 100ull << 20);
  const std::string msg = error_of([&] { load_scenario(f); });
  EXPECT_TRUE(contains(msg, f + ": file is too large (104857600 bytes; the limit is 16777216 bytes)")) << msg;
}

TEST(Robustness, DeepFlowNestingRefusedBeforeParsing) {
  const std::string text = "tenants: " + std::string(10000, '[') + std::string(10000, ']') + "\n";
  const std::string msg = error_of([&] { load_scenario_text(text, "t.yaml"); });
  // The 65th bracket is the first beyond the limit: column 10 + 64.
  EXPECT_TRUE(contains(msg, "t.yaml:1:74: nested too deeply (more than 64 levels of [ or {)")) << msg;
  // Brackets inside quotes or comments do not count.
  const std::string quoted = "description: \"" + std::string(200, '[') + "\"  # " + std::string(200, '{') +
                             "\ntenants: [{name: a, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}]\n";
  EXPECT_NO_THROW(load_scenario_text(quoted, "t.yaml"));
}

TEST(Robustness, DeepBlockNestingRefusedBeforeParsing) {
  std::string text = "tenants:\n";
  for (int i = 0; i < 300; ++i) text += std::string(static_cast<size_t>(2 * i + 2), ' ') + "k" + std::to_string(i) + ":\n";
  const std::string msg = error_of([&] { load_scenario_text(text, "t.yaml"); });
  EXPECT_TRUE(contains(msg, "nested too deeply (indentation beyond 256 columns)")) << msg;
  const std::string dashes = "tenants:\n" + [] {
    std::string s;
    for (int i = 0; i < 5000; ++i) s += "- ";
    return s;
  }() + "x\n";
  const std::string msg2 = error_of([&] { load_scenario_text(dashes, "t.yaml"); });
  EXPECT_TRUE(contains(msg2, "t.yaml:2:257: nested too deeply")) << msg2;
}

TEST(Robustness, AliasBombIsBounded) {
  // Nine levels of ten aliases: 10^9 leaves if expanded. The loader must stay bounded and reject it.
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i < 9; ++i) {
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) text += (k ? ", *a" : "*a") + std::to_string(i - 1);
    text += "]\n";
  }
  text += "tenants: [{name: a, hosts: *a8, groups: [{name: g, agents: 1}], call_types: [{name: g, arrivals: {rate: 1}}]}]\n";
  const std::string msg = error_of([&] { load_scenario_text(text, "t.yaml"); });
  EXPECT_TRUE(contains(msg, "t.yaml:1:1: a0: unknown key 'a0'")) << msg;
}

TEST(Robustness, LoaderHelpersLocateNodes) {
  auto doc = scenario::parse_yaml_text("a:\n  b: 1\n", "x.yaml");
  const SourceLoc loc = scenario::loc_of(doc.root["a"]["b"], "x.yaml");
  EXPECT_EQ(loc.line, 2);
  EXPECT_EQ(loc.col, 6);
}

}  // namespace
