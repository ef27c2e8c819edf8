#pragma once
// Small building blocks over the HDF5 C++ API for the results writer (and the reader's transfer buffers): typed
// attributes, compressed column datasets with units and a time axis, and compound tables built column by column
// (including from JSON arrays of objects). Kept apart from results_h5.cpp so the layout code there reads as the
// layout, not as HDF5 calls.
#include <H5Cpp.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ccsim::h5 {

// File access for new files: checksummed metadata (superblock v2 and object headers of the 1.8 format, which
// HDF5 1.8 and later read), and a close that really closes.
H5::FileAccPropList file_access();

// Creates `temp_path` and lets `fill` write the layout into its root group, in a child process: libhdf5 1.10
// crashes in H5Fclose after a failed write (disk full), so a failure must not happen in ccsim's own process.
// Throws OutputError naming `target` (the temporary file is the caller's to remove).
void write_file_in_child(const std::string& temp_path, const std::string& target, const std::string& what,
                         const std::function<void(H5::H5File&)>& fill);

// A transfer property list whose conversion buffers hold `bytes` (at least 4 KiB, at most HDF5's default 1 MiB),
// for transfers that convert types (strings, one field of a compound table).
H5::DSetMemXferPropList conversion_buffer(size_t bytes);

// Variable-length UTF-8 string type (h5py reads it as str).
H5::StrType vlen_string();

void attr_string(H5::H5Object& obj, const std::string& name, const std::string& value);
void attr_strings(H5::H5Object& obj, const std::string& name, const std::vector<std::string>& values);
void attr_int(H5::H5Object& obj, const std::string& name, int64_t value);
void attr_double(H5::H5Object& obj, const std::string& name, double value);

// Opens child `name` of `parent`, creating it when missing.
H5::Group group(H5::Group& parent, const std::string& name);

// A 1-D column: chunked, shuffled and deflate-compressed, with attribute "units" and, when `time_axis` is not
// empty, attribute "time_axis" holding the absolute path of the dataset that indexes its rows.
void column(H5::Group& g, const std::string& name, const std::vector<double>& v, const std::string& units,
            const std::string& time_axis);
void column(H5::Group& g, const std::string& name, const std::vector<int64_t>& v, const std::string& units,
            const std::string& time_axis);
void column(H5::Group& g, const std::string& name, const std::vector<uint8_t>& v, const std::string& units,
            const std::string& time_axis);

// A compound table (one record per row) assembled column by column. Columns must end up the same length.
class Table {
 public:
  void add(const std::string& name, std::vector<double> v);
  void add(const std::string& name, std::vector<int64_t> v);
  void add(const std::string& name, std::vector<std::string> v);
  size_t rows() const;
  bool empty_schema() const { return cols_.empty(); }
  // Writes the table as dataset `name` of `g` and returns it (an empty table is still written with its
  // columns, so readers find the same schema every time). Compact when small; else chunked and compressed, or,
  // with `plain_up_to_1mib` and at most 1 MiB, contiguous and unfiltered (per-replication tables of short
  // runs, thousands of them: chunk indexes and deflate cost more than the disk they save; a month's minute
  // table, ~11 MB mostly zeros, is still compressed).
  H5::DataSet write(H5::Group& g, const std::string& name, bool plain_up_to_1mib = false) const;

 private:
  enum class Kind { F64, I64, Str };
  struct Col {
    std::string name;
    Kind kind;
    std::vector<double> f;
    std::vector<int64_t> i;
    std::vector<std::string> s;
  };
  std::vector<Col> cols_;
};

// A compound table of numeric columns written in blocks of rows, for tables too large to hold (call records,
// minute series). F64 and I64 columns have the type an h5::Table of the same columns has; F32 (whole-number
// samples that may be NaN), I32 (indexes), U32 (counts) and U8 (flags) columns are stored packed at their own
// width, so a minute row costs that much less to compress. Cells are given as 8-byte values either way (F32:
// the double; I32, U32, U8: Cell::of).
class BlockTable {
 public:
  enum Kind { F64, F32, I64, I32, U32, U8 };
  union Cell {
    double f;
    int64_t i;
    static Cell of(int64_t v) {
      Cell c;
      c.i = v;
      return c;
    }
  };
  // `rows` > 0: the final row count, known in advance; such a table of at most 1 MiB is contiguous and
  // unfiltered (as Table::write with plain_up_to_1mib), a larger one chunked and compressed as usual, unless
  // `storage` is Contiguous: then unfiltered at any size (tables across replications, where compressing
  // would cost more than writing the rows).
  enum Storage { Auto, Contiguous };
  // Storage of a table across replications whose largest share (one replication's rows) is
  // `largest_share_rows`: Contiguous when that share is at most 1 MiB, as a per-replication table of that size
  // was before format version 5, else Auto (chunked and compressed: a month of minutes shrinks several times).
  static Storage storage_for_shares(const std::vector<std::pair<std::string, Kind>>& columns, hsize_t largest_share_rows);
  BlockTable(H5::Group& g, const std::string& name, const std::vector<std::pair<std::string, Kind>>& columns,
             hsize_t rows = 0, Storage storage = Auto);
  BlockTable(const BlockTable&) = delete;
  BlockTable& operator=(const BlockTable&) = delete;
  // Rows not written by finish() are a bug: the destructor aborts rather than leave a short table (unless an
  // exception is already on its way).
  ~BlockTable();
  // Appends whole rows, given row after row (columns().size() cells each).
  void append(const std::vector<Cell>& cells);
  // Appends `n` rows that `fill(p)` packs in place: p points at the first of them, each row_bytes() long, its
  // fields back to back in column order at the widths of their kinds (native byte order, as the compound type
  // says). For long tables (the minute series) that fill their rows directly rather than through cells.
  template <class Fill>
  void append_rows(hsize_t n, Fill fill) {
    fill(grow(n));
    written();
  }
  // Writes the rows still pending and returns the dataset (for its attributes): call it after the last rows. Rows are written 1 MiB at a time: every write costs HDF5 a comparison of the memory and file types
  // (~26,000 instructions for a minute row's 23 fields) and a sieve-buffer read, which one write per
  // replication and table made a fifth of the writer for 1,000 one-day replications.
  H5::DataSet& finish();
  size_t row_bytes() const { return row_bytes_; }

 private:
  unsigned char* grow(hsize_t n);
  void written();
  void write_rows(const unsigned char* rows, hsize_t n);
  size_t ncols_;
  std::vector<Kind> kinds_;
  std::vector<size_t> offsets_;  // of each column in a packed row
  size_t row_bytes_ = 0;
  std::unique_ptr<unsigned char[]> pending_;  // packed rows not written yet (uninitialised until filled)
  size_t pending_bytes_ = 0, capacity_ = 0;
  hsize_t rows_ = 0;
  bool fixed_ = false;  // created at its final size: appending writes into it without extending
  H5::CompType type_;
  H5::DataSet ds_;
};

// A table from a JSON array of objects: nested objects are flattened with "." in column names; numbers (null
// = NaN) become float64, booleans and integers int64, strings and anything else (arrays) vlen strings (arrays
// as their JSON text). Columns appear in first-seen order. Returns an empty-schema table for a non-array.
Table table_from_json(const nlohmann::json& rows);

// True when `v` is a non-empty array whose elements are all objects.
bool is_object_array(const nlohmann::json& v);

}  // namespace ccsim::h5
