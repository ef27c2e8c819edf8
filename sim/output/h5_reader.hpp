#pragma once
// Reading a ccsim HDF5 results file back (for `ccsim report`): attributes, numeric columns and single fields
// of compound tables, by path. Opening checks that the file is a ccsim results file of a known version.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace H5 {
class H5File;
}

namespace ccsim {

// The HDF5 library stays behind this class (only output/ links HDF5): callers never see an HDF5 type.
class H5Results {
 public:
  // Throws InputError (with the path) when the file is missing, not HDF5, or not a ccsim results file.
  explicit H5Results(const std::string& path);

  const std::string& path() const { return path_; }
  bool exists(const std::string& obj_path) const;
  // Names of the members of a group (sorted), empty when the group is missing.
  std::vector<std::string> children(const std::string& group_path) const;

  // Attributes of any object ("/" = root). Missing: nullopt.
  std::optional<std::string> attr_string(const std::string& obj_path, const std::string& name) const;
  std::optional<int64_t> attr_int(const std::string& obj_path, const std::string& name) const;
  std::optional<double> attr_double(const std::string& obj_path, const std::string& name) const;
  std::vector<std::string> attr_strings(const std::string& obj_path, const std::string& name) const;

  // A numeric 1-D dataset converted to double (empty when missing). "TABLE/FIELD" where TABLE is a compound
  // dataset reads its field FIELD: format version 2 stores per-replication series as tables where version 1
  // had a group of columns, so the same path reads both.
  //
  // Format version 3 keeps the small per-replication tables (/replications/rep_NNNN/incidents, scaling,
  // tenants/<t>/intervals/..., tenants/<t>/overall/...) as one table each across replications under
  // /replication_tables, and every member here reads them through their version 2 paths: the rows of that
  // replication, and an overall table in its version 2 shape (fields kpi, units, value). Version 5 does the
  // same for the rest: /replications/rep_NNNN and its tenants/<t> are rows of the tables `replications`
  // (their attributes are the row's fields; children() lists them), and .../tenants/<t>/minute and
  // failures_by_cause read as that replication's rows of the tables across replications, without the field
  // `replication`.
  std::vector<double> doubles(const std::string& ds_path) const;
  // One field of a compound table (empty when the table or the field is missing).
  std::vector<double> table_doubles(const std::string& ds_path, const std::string& field) const;
  std::vector<std::string> table_strings(const std::string& ds_path, const std::string& field) const;

 private:
  // A version 2 path that names (part of) a table across replications.
  struct RepPath {
    enum Shape {
      Rows,     // the replication's rows of `table` (intervals, incidents, scaling)
      Overall,  // an overall table: one row per replication, one field per KPI
      Record,   // a replication's or tenant's group: row `row` of `table` (a `replications` table)
      Tenants,  // /replications/rep_NNNN/tenants: the tenants with a row for the replication
      Slice,    // minute or failures_by_cause: rows [first, first + count) of `table`
    } shape;
    std::string table;  // the path under /replication_tables
    int64_t replication;
    size_t row;
    RepPath(Shape s, std::string t, int64_t r, size_t rw = 0) : shape(s), table(std::move(t)), replication(r), row(rw) {}
    uint64_t first = 0, count = 0;
    std::string record;  // Slice: the tenant's `replications` table, which says where the slices are
  };
  std::optional<RepPath> rep_path(const std::string& v2_path) const;
  std::optional<RepPath> v5_path(int64_t replication, const std::string& rest) const;
  std::optional<size_t> record_row(const std::string& table, int64_t replication) const;
  bool slice_is_the_replications(const RepPath& p) const;
  const std::vector<double>& column(const std::string& table, const std::string& field) const;
  const std::vector<int64_t>& int_column(const std::string& table, const std::string& field) const;
  std::vector<size_t> rows_of(const RepPath& p) const;
  std::vector<double> rep_doubles(const RepPath& p, const std::string& field) const;
  std::vector<std::string> rep_strings(const RepPath& p, const std::string& field) const;
  std::vector<std::string> rep_children(const RepPath& p, const std::string& path) const;
  std::optional<int> field_class(const std::string& table, const std::string& field) const;
  std::string record_parent(const RepPath& p) const;
  std::vector<std::string> fields(const std::string& table) const;
  bool links_exist(const std::string& obj_path) const;
  // Rows [first, first + count) of a field (count = ~0: all rows).
  std::vector<double> raw_doubles(const std::string& ds_path, const std::string& field, uint64_t first = 0,
                                  uint64_t count = ~uint64_t{0}) const;
  std::vector<int64_t> raw_ints(const std::string& ds_path, const std::string& field) const;
  std::vector<double> cause_column(const std::vector<double>& minute_time, const std::string& sparse, uint64_t first,
                                   uint64_t count, const std::string& field) const;
  std::vector<std::string> raw_strings(const std::string& ds_path, const std::string& field) const;

  std::string path_;
  int64_t version_ = 0;
  mutable std::map<std::string, std::vector<double>> columns_;  // "table\nfield" -> a whole column, read once
  mutable std::map<std::string, std::vector<int64_t>> int_columns_;  // the same for integer reads
  mutable std::map<std::string, bool> slices_;                  // "table\nfirst\ncount" -> all the replication's
  std::shared_ptr<H5::H5File> file_;  // shared_ptr: a complete type is needed only in h5_reader.cpp
};

}  // namespace ccsim
