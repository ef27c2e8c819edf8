#include "output/h5_reader.hpp"

#include <H5Cpp.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "core/error.hpp"
#include "output/results_h5.hpp"
#include "output/h5_write_util.hpp"
#include "stats/ledger.hpp"

namespace ccsim {

namespace {

const std::string kTables = "/replication_tables/";
const std::string kReplicationsTable = kTables + "replications";  // version 5: one row per replication

[[noreturn]] void bad_file(const std::string& path, const std::string& what, const std::string& expected = "") {
  throw InputError(SourceLoc{path, 0, 0}, "", what, expected);
}

template <class Obj>
std::optional<H5::Attribute> find_attr(const Obj& o, const std::string& name) {
  if (!o.attrExists(name)) return std::nullopt;
  return o.openAttribute(name);
}

}  // namespace

H5Results::H5Results(const std::string& path) : path_(path) {
  H5::Exception::dontPrint();
  try {
    if (!H5::H5File::isHdf5(path)) bad_file(path, "not an HDF5 file", "a results file written by `ccsim run`");
    file_ = std::make_shared<H5::H5File>();
    file_->openFile(path, H5F_ACC_RDONLY);
  } catch (const H5::Exception&) {
    bad_file(path, "cannot open the file", "an existing, readable HDF5 results file");
  }
  const auto format = attr_string("/", "format");
  if (!format || *format != kResultsFormat)
    bad_file(path, "not a ccsim results file (root attribute 'format' is " + (format ? "'" + *format + "'" : "missing") + ")",
             kResultsFormat);
  const auto version = attr_int("/", "format_version");
  if (!version || *version > kResultsVersion)
    bad_file(path, "results format version " + (version ? std::to_string(*version) : "missing") + " is not supported",
             "version <= " + std::to_string(kResultsVersion));
  version_ = *version;
}

// "/replications/rep_0007/tenants/acme/overall/groups/g1" -> {"/replication_tables/tenants/acme/overall/groups/g1",
// 7, overall}; nullopt for anything else, and in files before version 3 (whose paths are real).
std::optional<H5Results::RepPath> H5Results::rep_path(const std::string& p) const {
  static const std::string kReps = "/replications/rep_";
  if (version_ < 3 || p.compare(0, kReps.size(), kReps) != 0) return std::nullopt;
  const size_t slash = p.find('/', kReps.size());
  const std::string digits = p.substr(kReps.size(), slash == std::string::npos ? std::string::npos : slash - kReps.size());
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const int64_t replication = std::stoll(digits);
  if (version_ >= 5)
    if (auto v = v5_path(replication, slash == std::string::npos ? "" : p.substr(slash + 1))) return v;
  if (slash == std::string::npos) return std::nullopt;
  const std::string rest = p.substr(slash + 1);
  const bool table = rest == "incidents" || rest == "scaling";
  bool kpis = false, overall = false;
  if (rest.compare(0, 8, "tenants/") == 0) {
    const size_t t = rest.find('/', 8);
    if (t != std::string::npos) {
      const std::string sub = rest.substr(t + 1);
      overall = sub == "overall" || sub.compare(0, 8, "overall/") == 0;
      kpis = overall || sub == "intervals" || sub.compare(0, 10, "intervals/") == 0;
    }
  }
  if (!table && !kpis) return std::nullopt;
  if (!exists(p.substr(0, slash))) return std::nullopt;  // no such replication
  return RepPath{overall ? RepPath::Overall : RepPath::Rows, kTables + rest, replication};
}

// Version 5: the replication's group, its tenants group, a tenant's group and its minute and failures_by_cause
// tables. nullopt for other paths (version 3's) and for a replication or tenant the file does not have.
std::optional<H5Results::RepPath> H5Results::v5_path(int64_t replication, const std::string& rest) const {
  const auto row = record_row(kReplicationsTable, replication);
  if (!row) return std::nullopt;
  if (rest.empty()) return RepPath{RepPath::Record, kReplicationsTable, replication, *row};
  if (rest == "tenants") return RepPath{RepPath::Tenants, kTables + "tenants", replication};
  if (rest.compare(0, 8, "tenants/") != 0) return std::nullopt;
  const size_t end = rest.find('/', 8);
  const std::string tenant = kTables + rest.substr(0, end), record = tenant + "/replications";
  const std::string sub = end == std::string::npos ? "" : rest.substr(end + 1);
  const auto trow = record_row(record, replication);
  if (!trow) return std::nullopt;
  if (sub.empty()) return RepPath{RepPath::Record, record, replication, *trow};
  const char* which = sub == "minute" ? "minute" : sub == "failures_by_cause" ? "failures" : nullptr;
  if (!which) return std::nullopt;
  const auto& first = column(record, std::string(which) + "_first_row");
  const auto& count = column(record, std::string(which) + "_rows");
  // Row numbers of a damaged file (negative, NaN, beyond 2^53) name no rows.
  auto rows = [](double v) { return v >= 0 && v <= 9007199254740992.0; };
  if (*trow >= first.size() || *trow >= count.size() || !rows(first[*trow]) || !rows(count[*trow])) return std::nullopt;
  RepPath out{RepPath::Slice, tenant + "/" + sub, replication, *trow};
  out.first = static_cast<uint64_t>(first[*trow]);
  out.count = static_cast<uint64_t>(count[*trow]);
  out.record = record;
  return out;
}

// Rows named by a damaged index may be another replication's: the slice is read only when every row of it says
// it is the replication's (checked once per slice).
bool H5Results::slice_is_the_replications(const RepPath& p) const {
  const std::string key = p.table + "\n" + std::to_string(p.first) + "\n" + std::to_string(p.count);
  auto it = slices_.find(key);
  if (it == slices_.end()) {
    const auto rep = raw_doubles(p.table, "replication", p.first, p.count);
    const bool ok = rep.size() == p.count && std::all_of(rep.begin(), rep.end(), [&](double r) {
      return r == static_cast<double>(p.replication);
    });
    it = slices_.emplace(key, ok).first;
  }
  return it->second;
}

std::optional<size_t> H5Results::record_row(const std::string& table, int64_t replication) const {
  const auto& rep = column(table, "replication");
  for (size_t i = 0; i < rep.size(); ++i)
    if (rep[i] == static_cast<double>(replication)) return i;
  return std::nullopt;
}

const std::vector<double>& H5Results::column(const std::string& table, const std::string& field) const {
  const std::string key = table + "\n" + field;
  auto it = columns_.find(key);
  if (it == columns_.end()) it = columns_.emplace(key, raw_doubles(table, field)).first;
  return it->second;
}

std::vector<size_t> H5Results::rows_of(const RepPath& p) const {
  std::vector<size_t> rows;
  const auto& rep = column(p.table, "replication");
  for (size_t i = 0; i < rep.size(); ++i)
    if (rep[i] == static_cast<double>(p.replication)) rows.push_back(i);
  return rows;
}

std::vector<std::string> H5Results::fields(const std::string& table) const {
  std::vector<std::string> out;
  try {
    if (!exists(table) || file_->childObjType(table) != H5O_TYPE_DATASET) return out;
    H5::DataSet ds = file_->openDataSet(table);
    if (ds.getTypeClass() != H5T_COMPOUND) return out;
    H5::CompType t = ds.getCompType();
    for (int k = 0; k < t.getNmembers(); ++k) out.push_back(t.getMemberName(static_cast<unsigned>(k)));
  } catch (const H5::Exception&) {
    return {};
  }
  return out;
}

// An overall table in its version 2 shape: "value" is the replication's row across the KPI fields.
std::vector<double> H5Results::rep_doubles(const RepPath& p, const std::string& field) const {
  std::vector<double> out;
  if (p.shape == RepPath::Slice) {
    if (field == "replication" || !slice_is_the_replications(p)) return out;  // not a field at the version 2 path
    if (!field_class(p.table, field)) {  // .../minute/failures_<cause>: rebuilt from failures_by_cause
      const std::string tenant = p.record.substr(0, p.record.rfind('/'));  // /replication_tables/tenants/<t>
      if (p.table != tenant + "/minute") return out;
      const auto rows = v5_path(p.replication, tenant.substr(kTables.size()) + "/failures_by_cause");
      if (!rows || !slice_is_the_replications(*rows)) return out;
      return cause_column(raw_doubles(p.table, "time", p.first, p.count), rows->table, rows->first, rows->count, field);
    }
    return raw_doubles(p.table, field, p.first, p.count);
  }
  if (p.shape != RepPath::Rows && p.shape != RepPath::Overall) return out;
  const auto rows = rows_of(p);
  if (p.shape == RepPath::Overall) {
    if (field != "value" || rows.size() != 1) return out;
    for (const std::string& f : fields(p.table)) {
      if (f == "replication") continue;
      const auto& c = column(p.table, f);
      if (rows[0] >= c.size()) return {};  // a damaged table: no values rather than a wrong row
      out.push_back(c[rows[0]]);
    }
    return out;
  }
  const auto& all = column(p.table, field);
  for (size_t r : rows)
    if (r < all.size()) out.push_back(all[r]);
  return out;
}

std::vector<std::string> H5Results::rep_strings(const RepPath& p, const std::string& field) const {
  std::vector<std::string> out;
  if (p.shape != RepPath::Rows && p.shape != RepPath::Overall) return out;  // the version 5 tables hold no text
  const auto rows = rows_of(p);
  if (p.shape == RepPath::Overall) {
    if (rows.size() != 1) return out;
    if (field == "kpi") {
      for (const std::string& f : fields(p.table))
        if (f != "replication") out.push_back(f);
    } else if (field == "units") {
      out = attr_strings(p.table, "units");
      if (!out.empty()) out.erase(out.begin());  // the replication field's
    }
    return out;
  }
  const auto all = raw_strings(p.table, field);
  for (size_t r : rows)
    if (r < all.size()) out.push_back(all[r]);
  return out;
}

// The members a version 5 group shows at its version 4 path, and whatever the file really has there (a
// replication's call records).
std::vector<std::string> H5Results::rep_children(const RepPath& p, const std::string& path) const {
  std::vector<std::string> out;
  if (p.shape == RepPath::Record && p.table == kReplicationsTable) {
    out.push_back("tenants");
  } else if (p.shape == RepPath::Tenants) {
    for (const std::string& t : children(p.table))
      if (record_row(p.table + "/" + t + "/replications", p.replication)) out.push_back(t);
  } else if (p.shape == RepPath::Record) {
    const std::string tenant = p.table.substr(0, p.table.rfind('/'));
    for (const char* m : {"minute", "failures_by_cause"}) out.push_back(m);
    for (const char* m : {"intervals", "overall"})
      if (exists(tenant + "/" + m)) out.push_back(m);
  } else {
    return children(p.table);
  }
  if (links_exist(path)) {
    try {
      H5::Group g = file_->openGroup(path);
      for (hsize_t i = 0; i < g.getNumObjs(); ++i) out.push_back(g.getObjnameByIdx(i));
    } catch (const H5::Exception&) {
    }
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

bool H5Results::exists(const std::string& obj_path) const {
  if (obj_path == "/") return true;
  if (const auto rp = rep_path(obj_path))
    return rp->shape == RepPath::Record || rp->shape == RepPath::Tenants || exists(rp->table);
  return links_exist(obj_path);
}

// Whether the file itself has the object (no mapping of version 2 paths).
bool H5Results::links_exist(const std::string& obj_path) const {
  if (obj_path == "/") return true;
  // Check each level: H5Lexists fails (instead of answering false) when an intermediate group is missing.
  std::string prefix;
  size_t pos = 1;
  while (pos <= obj_path.size()) {
    size_t next = obj_path.find('/', pos);
    if (next == std::string::npos) next = obj_path.size();
    prefix = obj_path.substr(0, next);
    if (H5Lexists(file_->getId(), prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    pos = next + 1;
  }
  return true;
}

std::vector<std::string> H5Results::children(const std::string& group_path) const {
  if (version_ >= 5 && group_path == "/replications") {  // every replication, with call records or not
    std::vector<std::string> out;
    for (double r : column(kReplicationsTable, "replication")) {
      if (!(r >= 0 && r < 1e9)) continue;  // not a replication number (a damaged file)
      char name[32];
      std::snprintf(name, sizeof name, "rep_%04lld", static_cast<long long>(r));
      out.push_back(name);
    }
    std::sort(out.begin(), out.end());
    return out;
  }
  if (const auto rp = rep_path(group_path)) return rep_children(*rp, group_path);
  std::vector<std::string> out;
  if (!exists(group_path)) return out;
  try {
    H5::Group g = file_->openGroup(group_path);
    for (hsize_t i = 0; i < g.getNumObjs(); ++i) out.push_back(g.getObjnameByIdx(i));
  } catch (const H5::Exception&) {
    return {};
  }
  std::sort(out.begin(), out.end());
  return out;
}

namespace {
// Opens the attribute `name` of the object at `obj_path` (group or dataset).
std::optional<H5::Attribute> open_attr(const H5::H5File& f, const std::string& obj_path, const std::string& name) {
  const H5O_type_t t = f.childObjType(obj_path == "/" ? "." : obj_path);
  if (t == H5O_TYPE_GROUP) return find_attr(f.openGroup(obj_path), name);
  if (t == H5O_TYPE_DATASET) return find_attr(f.openDataSet(obj_path), name);
  return std::nullopt;
}
}  // namespace

// The type class (H5T_INTEGER, H5T_FLOAT ...) of a field of a compound table; nullopt when it has none.
std::optional<int> H5Results::field_class(const std::string& table, const std::string& field) const {
  try {
    if (!exists(table) || file_->childObjType(table) != H5O_TYPE_DATASET) return std::nullopt;
    H5::DataSet ds = file_->openDataSet(table);
    if (ds.getTypeClass() != H5T_COMPOUND) return std::nullopt;
    H5::CompType t = ds.getCompType();
    for (int k = 0; k < t.getNmembers(); ++k)
      if (t.getMemberName(static_cast<unsigned>(k)) == field) return static_cast<int>(t.getMemberClass(static_cast<unsigned>(k)));
  } catch (const H5::Exception&) {
  }
  return std::nullopt;
}

// A record's attributes that are not fields of its row (a tenant's name) are those of the group its table is in.
std::string H5Results::record_parent(const RepPath& p) const { return p.table.substr(0, p.table.rfind('/')); }

std::optional<std::string> H5Results::attr_string(const std::string& obj_path, const std::string& name) const {
  if (const auto rp = rep_path(obj_path)) {
    if (rp->shape == RepPath::Tenants) return std::nullopt;
    if (rp->shape == RepPath::Record) return field_class(rp->table, name) ? std::nullopt : attr_string(record_parent(*rp), name);
    return attr_string(rp->table, name);
  }
  try {
    if (!exists(obj_path)) return std::nullopt;
    auto a = open_attr(*file_, obj_path, name);
    if (!a || a->getTypeClass() != H5T_STRING) return std::nullopt;
    std::string v;
    a->read(a->getStrType(), v);
    return v;
  } catch (const H5::Exception&) {
    return std::nullopt;
  }
}

std::optional<int64_t> H5Results::attr_int(const std::string& obj_path, const std::string& name) const {
  if (const auto rp = rep_path(obj_path)) {
    if (rp->shape == RepPath::Tenants) return std::nullopt;
    if (rp->shape == RepPath::Record) {
      const auto cls = field_class(rp->table, name);
      if (!cls) return attr_int(record_parent(*rp), name);
      if (*cls != H5T_INTEGER) return std::nullopt;  // as attr_int of a float attribute
      const auto& v = int_column(rp->table, name);
      return rp->row < v.size() ? std::optional<int64_t>(v[rp->row]) : std::nullopt;
    }
    return attr_int(rp->table, name);
  }
  try {
    if (!exists(obj_path)) return std::nullopt;
    auto a = open_attr(*file_, obj_path, name);
    if (!a || a->getTypeClass() != H5T_INTEGER) return std::nullopt;
    int64_t v = 0;
    a->read(H5::PredType::NATIVE_INT64, &v);
    return v;
  } catch (const H5::Exception&) {
    return std::nullopt;
  }
}

std::optional<double> H5Results::attr_double(const std::string& obj_path, const std::string& name) const {
  if (const auto rp = rep_path(obj_path)) {
    if (rp->shape == RepPath::Tenants) return std::nullopt;
    if (rp->shape == RepPath::Record) {
      if (!field_class(rp->table, name)) return attr_double(record_parent(*rp), name);
      const auto& v = column(rp->table, name);
      return rp->row < v.size() ? std::optional<double>(v[rp->row]) : std::nullopt;
    }
    return attr_double(rp->table, name);
  }
  try {
    if (!exists(obj_path)) return std::nullopt;
    auto a = open_attr(*file_, obj_path, name);
    if (!a || (a->getTypeClass() != H5T_FLOAT && a->getTypeClass() != H5T_INTEGER)) return std::nullopt;
    double v = 0;
    a->read(H5::PredType::NATIVE_DOUBLE, &v);
    return v;
  } catch (const H5::Exception&) {
    return std::nullopt;
  }
}

std::vector<std::string> H5Results::attr_strings(const std::string& obj_path, const std::string& name) const {
  if (const auto rp = rep_path(obj_path)) {
    if (rp->shape == RepPath::Tenants || rp->shape == RepPath::Record) return {};
    auto v = attr_strings(rp->table, name);
    if (rp->shape == RepPath::Slice && name == "units" && !v.empty()) v.erase(v.begin());  // the replication field's
    return v;
  }
  std::vector<std::string> out;
  try {
    if (!exists(obj_path)) return out;
    auto a = open_attr(*file_, obj_path, name);
    if (!a || a->getTypeClass() != H5T_STRING) return out;
    const hssize_t n = a->getSpace().getSimpleExtentNpoints();
    std::vector<char*> p(static_cast<size_t>(n), nullptr);
    H5::StrType t = h5::vlen_string();
    if (n) a->read(t, p.data());
    for (char* s : p) {
      out.emplace_back(s ? s : "");
      std::free(s);  // vlen strings read into char* are allocated by the library with malloc
    }
  } catch (const H5::Exception&) {
    return {};
  }
  return out;
}

std::vector<double> H5Results::doubles(const std::string& ds_path) const {
  std::vector<double> v;
  if (version_ >= 3 && !exists(ds_path)) {  // TABLE/FIELD of a table across replications
    const size_t slash = ds_path.rfind('/');
    if (slash != std::string::npos && slash > 0)
      if (const auto rp = rep_path(ds_path.substr(0, slash))) return rep_doubles(*rp, ds_path.substr(slash + 1));
  }
  if (const auto rp = rep_path(ds_path))  // a plain dataset (intervals/time); a table or group has no column
    return rp->shape == RepPath::Rows || rp->shape == RepPath::Overall ? doubles(rp->table) : v;
  try {
    if (!exists(ds_path)) {
      const size_t slash = ds_path.rfind('/');
      if (slash == std::string::npos || slash == 0) return v;
      const std::string table = ds_path.substr(0, slash);
      if (!exists(table) || file_->childObjType(table) != H5O_TYPE_DATASET) return v;
      return table_doubles(table, ds_path.substr(slash + 1));
    }
    H5::DataSet ds = file_->openDataSet(ds_path);
    v.resize(static_cast<size_t>(ds.getSpace().getSimpleExtentNpoints()));
    if (!v.empty()) ds.read(v.data(), H5::PredType::NATIVE_DOUBLE);
  } catch (const H5::Exception&) {
    return {};
  }
  return v;
}

std::vector<double> H5Results::table_doubles(const std::string& ds_path, const std::string& field) const {
  if (const auto rp = rep_path(ds_path)) return rep_doubles(*rp, field);
  return raw_doubles(ds_path, field);
}

std::vector<std::string> H5Results::table_strings(const std::string& ds_path, const std::string& field) const {
  if (const auto rp = rep_path(ds_path)) return rep_strings(*rp, field);
  return raw_strings(ds_path, field);
}

namespace {
// getMemberIndex throws (not -1) for a name the type lacks.
bool has_member(const H5::CompType& t, const std::string& name) {
  try {
    return t.getMemberIndex(name) >= 0;
  } catch (const H5::Exception&) {
    return false;
  }
}

constexpr uint64_t kAllRows = ~uint64_t{0};

// Rows [first, first + count) of one field of a compound table (count = kAllRows: every row), converted to T
// through a one-member memory type, so HDF5 leaves the other fields unread. Rows outside the table: nothing.
// The conversion buffers are sized to the read (h5::conversion_buffer).
template <class T>
std::vector<T> read_field(const H5::DataSet& ds, const std::string& field, const H5::PredType& type, uint64_t first,
                          uint64_t count) {
  H5::CompType mem(sizeof(T));
  mem.insertMember(field, 0, type);
  H5::DataSpace space = ds.getSpace();
  const auto rows = static_cast<uint64_t>(space.getSimpleExtentNpoints());
  const bool all = count == kAllRows;
  if (!all && (count > rows || first > rows - count)) return {};  // a damaged index: nothing rather than other rows
  const hsize_t start = all ? 0 : first, n = all ? rows : count;
  std::vector<T> v(static_cast<size_t>(n));
  if (v.empty()) return v;
  H5::DataSpace to(1, &n);
  if (n != rows) space.selectHyperslab(H5S_SELECT_SET, &n, &start);
  const size_t element = std::max(ds.getDataType().getSize(), sizeof(T));
  ds.read(v.data(), mem, to, space, h5::conversion_buffer(static_cast<size_t>(n) * element));
  return v;
}
}  // namespace

std::vector<double> H5Results::raw_doubles(const std::string& ds_path, const std::string& field, uint64_t first,
                                           uint64_t count) const {
  std::vector<double> v;
  try {
    if (!exists(ds_path)) return v;
    H5::DataSet ds = file_->openDataSet(ds_path);
    H5::CompType ft = ds.getCompType();
    if (!has_member(ft, field)) {
      // Format version 4: .../minute/failures_<cause> rebuilt from the tenant's failures_by_cause.
      const std::string kMinute = "/minute";
      if (version_ != 4 || ds_path.size() < kMinute.size() ||
          ds_path.compare(ds_path.size() - kMinute.size(), kMinute.size(), kMinute) != 0)
        return v;
      const std::string sparse = ds_path.substr(0, ds_path.size() - kMinute.size()) + "/failures_by_cause";
      return cause_column(raw_doubles(ds_path, "time"), sparse, 0, kAllRows, field);
    }
    return read_field<double>(ds, field, H5::PredType::NATIVE_DOUBLE, first, count);
  } catch (const H5::Exception&) {
    return {};
  }
}

const std::vector<int64_t>& H5Results::int_column(const std::string& table, const std::string& field) const {
  const std::string key = table + "\n" + field;
  auto it = int_columns_.find(key);
  if (it == int_columns_.end()) it = int_columns_.emplace(key, raw_ints(table, field)).first;
  return it->second;
}

std::vector<int64_t> H5Results::raw_ints(const std::string& ds_path, const std::string& field) const {
  try {
    if (!exists(ds_path)) return {};
    H5::DataSet ds = file_->openDataSet(ds_path);
    if (!has_member(ds.getCompType(), field)) return {};
    return read_field<int64_t>(ds, field, H5::PredType::NATIVE_INT64, 0, kAllRows);
  } catch (const H5::Exception&) {
    return {};
  }
}

// The column failures_<cause> of a minute table (versions 2 and 3; `minute_time` its times) rebuilt from rows
// [first, first + count) of a failures_by_cause table: one value per minute, zero where it has no row. Empty
// for a field that is not such a column.
std::vector<double> H5Results::cause_column(const std::vector<double>& minute_time, const std::string& sparse,
                                            uint64_t first, uint64_t count, const std::string& field) const {
  const std::string kPrefix = "failures_";
  if (field.compare(0, kPrefix.size(), kPrefix) != 0) return {};
  const auto cause = cause_from_name(field.substr(kPrefix.size()));
  if (!cause) return {};
  std::vector<double> column(minute_time.size(), 0.0);
  if (column.empty()) return column;
  const std::vector<double> time = raw_doubles(sparse, "time", first, count),
                            which = raw_doubles(sparse, "cause", first, count),
                            n = raw_doubles(sparse, "count", first, count);
  for (size_t i = 0; i < time.size() && i < which.size() && i < n.size(); ++i) {
    if (static_cast<int>(which[i]) != static_cast<int>(*cause)) continue;
    const double m = (time[i] - minute_time.front()) / 60;
    if (m >= 0 && m < static_cast<double>(column.size())) column[static_cast<size_t>(m)] = n[i];
  }
  return column;
}

std::vector<std::string> H5Results::raw_strings(const std::string& ds_path, const std::string& field) const {
  std::vector<std::string> out;
  try {
    if (!exists(ds_path)) return out;
    H5::DataSet ds = file_->openDataSet(ds_path);
    H5::CompType ft = ds.getCompType();
    if (ft.getMemberIndex(field) < 0) return out;
    H5::CompType mem(sizeof(char*));
    mem.insertMember(field, 0, h5::vlen_string());
    std::vector<char*> p(static_cast<size_t>(ds.getSpace().getSimpleExtentNpoints()), nullptr);
    if (!p.empty()) ds.read(p.data(), mem);
    for (char* s : p) {
      out.emplace_back(s ? s : "");
      std::free(s);
    }
  } catch (const H5::Exception&) {
    return {};
  }
  return out;
}

}  // namespace ccsim
