#include "cluster/part_file.hpp"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/atomic_file.hpp"
#include "core/rng.hpp"
#include "stats/rep_result_io.hpp"

namespace ccsim::cluster {

namespace {

constexpr char kMagic[8] = {'C', 'C', 'S', 'I', 'M', 'P', 'R', 'T'};
constexpr uint32_t kVersion = 1;

void put_u64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

class Reader {
 public:
  explicit Reader(const std::string& b) : b_(b) {}
  uint64_t u64() {
    need(8);
    uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(b_[pos_ + i])) << (8 * i);
    pos_ += 8;
    return v;
  }
  std::string bytes(uint64_t n) {
    need(n);
    std::string s = b_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  bool at_end() const { return pos_ == b_.size(); }

 private:
  void need(uint64_t n) const {
    if (n > b_.size() - pos_) throw PartFormatError("truncated");
  }
  const std::string& b_;
  size_t pos_ = 0;
};

nlohmann::json header_to_json(const PartHeader& h) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& it : h.items) items.push_back({it.variant, it.replication});
  return {{"format", "ccsim-part"},  {"command", h.command}, {"args", h.args},
          {"cwd", h.cwd},            {"scenario_hash", h.scenario_hash}, {"seed", h.seed},
          {"ccsim_version", h.ccsim_version}, {"replications", h.replications},
          {"shard", {{"index", h.shard.index}, {"count", h.shard.count}}}, {"items", items}};
}

PartHeader header_from_json(const nlohmann::json& j) {
  PartHeader h;
  h.command = j.at("command").get<std::string>();
  h.args = j.at("args").get<std::vector<std::string>>();
  h.cwd = j.at("cwd").get<std::string>();
  h.scenario_hash = j.at("scenario_hash").get<std::string>();
  h.seed = j.at("seed").get<uint64_t>();
  h.ccsim_version = j.at("ccsim_version").get<std::string>();
  h.replications = j.at("replications").get<std::vector<int>>();
  h.shard.index = j.at("shard").at("index").get<int>();
  h.shard.count = j.at("shard").at("count").get<int>();
  for (const auto& it : j.at("items")) h.items.push_back({it.at(0).get<int>(), it.at(1).get<int>()});
  return h;
}

// Magic, version and header; leaves the reader at the result count.
PartHeader read_header(Reader& r) {
  if (r.bytes(8) != std::string(kMagic, 8)) throw PartFormatError("not a ccsim part file (bad magic)");
  const uint64_t version = r.u64();
  if (version != kVersion) throw PartFormatError("part format version " + std::to_string(version) + ", expected 1");
  try {
    return header_from_json(nlohmann::json::parse(r.bytes(r.u64())));
  } catch (const nlohmann::json::exception& e) {
    throw PartFormatError(std::string("bad header: ") + e.what());
  }
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw PartFormatError(path + ": cannot read");
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string encode_part(const Part& p) {
  std::string out(kMagic, 8);
  put_u64(out, kVersion);
  const std::string header = header_to_json(p.header).dump();
  put_u64(out, header.size());
  out += header;
  put_u64(out, p.results.size());
  for (const auto& r : p.results) {
    const std::string b = encode_rep_result(r);
    put_u64(out, b.size());
    out += b;
  }
  out += "END!";
  return out;
}

Part decode_part(const std::string& bytes) {
  Reader r(bytes);
  Part p;
  p.header = read_header(r);
  const uint64_t n = r.u64();
  if (n != p.header.items.size()) throw PartFormatError("holds " + std::to_string(n) + " results for " +
                                                        std::to_string(p.header.items.size()) + " listed replications");
  for (uint64_t i = 0; i < n; ++i) {
    try {
      p.results.push_back(decode_rep_result(r.bytes(r.u64())));
    } catch (const RepResultFormatError& e) {
      throw PartFormatError(std::string("result ") + std::to_string(i) + ": " + e.what());
    }
    if (p.results.back().replication != p.header.items[i].replication)
      throw PartFormatError("result " + std::to_string(i) + " is not the replication its header lists");
  }
  if (r.bytes(4) != "END!" || !r.at_end()) throw PartFormatError("no end marker (truncated or trailing bytes)");
  return p;
}

void write_part(const std::string& path, const Part& p) {
  AtomicFile f(path);
  f.write(encode_part(p));
  f.commit();
}

Part read_part(const std::string& path) {
  try {
    return decode_part(slurp(path));
  } catch (const PartFormatError& e) {
    const std::string what = e.what();
    throw PartFormatError(what.rfind(path, 0) == 0 ? what : path + ": " + what);
  }
}

PartHeader read_part_header(const std::string& path) {
  const std::string bytes = slurp(path);
  Reader r(bytes);
  try {
    return read_header(r);
  } catch (const PartFormatError& e) {
    throw PartFormatError(path + ": " + e.what());
  }
}

std::string scenario_hash(const std::vector<std::string>& input_files, const std::vector<std::string>& what_ifs) {
  std::string all;
  for (const auto& f : input_files) {
    std::ifstream in(f, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    all += ss.str() + '\0';
  }
  for (const auto& w : what_ifs) all += w + '\0';
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(fnv1a64(all)));
  return hex;
}

}  // namespace ccsim::cluster
