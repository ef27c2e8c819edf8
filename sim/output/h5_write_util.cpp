#include "output/h5_write_util.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <limits>
#include <malloc.h>
#include <map>
#include <stdexcept>

#include "core/atomic_file.hpp"
#include "output/h5_child.hpp"

namespace ccsim::h5 {

namespace {

// Level 1: on the per-minute tables of a platform month (5 x 31 days) 0.39 s of writing instead of 0.59 s
// at level 4, for a file 5% larger (12.1 MB vs 11.5 MB); shuffled float columns of counts compress well
// at any level (docs/performance.md "Output cost").
constexpr int kDeflateLevel = 1;
constexpr hsize_t kChunkRows = 8192;  // at most: rows of a byte or two would make chunks of tens of thousands
// Bytes per chunk: large enough to compress well, small to read, and under 64 KiB - 262 bytes, the input at
// which zlib first slides its 32 KiB window (a copy and a rehash of its whole hash table). Chunks of 65,520
// bytes slid once each: a platform month's writer took 1,407 M instructions instead of 1,202 M, for the same
// file (docs/performance.md "Chunks under zlib's window slide").
constexpr size_t kChunkBytes = 65024;

// Datasets this small are stored compact (inside their object header): no chunk index, no filter pipeline
// and no separate allocation. Per-replication series of short runs (48 intervals, 1,440 minutes) are
// mostly this size, and creating them chunked + deflated cost more than the simulation (docs/performance.md).
constexpr size_t kCompactBytes = 16 * 1024;

// Largest table written contiguous and unfiltered when the caller asks for it (Table::write).
constexpr size_t kPlainBytes = 1 << 20;

bool is_compact(hsize_t rows, size_t row_bytes) { return rows > 0 && rows * row_bytes <= kCompactBytes; }

// Compact when small; else chunks of just under 64 KiB whatever the row size, shuffled and deflated. `rows` = 0
// when the final size is not known yet (tables written in blocks, empty columns).
H5::DSetCreatPropList layout(hsize_t rows, size_t row_bytes) {
  H5::DSetCreatPropList p;
  H5Pset_obj_track_times(p.getId(), false);  // no times in object headers: nothing reads them
  if (is_compact(rows, row_bytes)) {
    p.setLayout(H5D_COMPACT);
    return p;
  }
  hsize_t chunk = std::max<hsize_t>(1, kChunkBytes / std::max<size_t>(row_bytes, 1));
  if (rows > 0) chunk = std::min(chunk, rows);  // at least one row: chunks cannot be empty
  chunk = std::min(chunk, kChunkRows);
  p.setChunk(1, &chunk);
  p.setShuffle();
  p.setDeflate(kDeflateLevel);
  return p;
}

// 1-D dataspace of `rows`; extendible (hence chunked) unless the dataset is compact or `fixed`.
H5::DataSpace rows_space(hsize_t rows, size_t row_bytes, bool fixed = false) {
  const hsize_t maxdims = fixed || is_compact(rows, row_bytes) ? rows : H5S_UNLIMITED;
  return H5::DataSpace(1, &rows, &maxdims);
}

}  // namespace

// HDF5 converts through type-conversion and background buffers of 1 MiB each by default, taken zeroed on every
// read or write: for a table with strings written on every replication, zeroing them was 44% of the writer's
// instructions for 1,000 one-day replications (docs/performance.md, "Output cost"); for one field read per
// replication, 80% of `ccsim compare`. HDF5's own 1 MiB stays the ceiling: a larger transfer is converted in
// parts.
H5::DSetMemXferPropList conversion_buffer(size_t bytes) {
  H5::DSetMemXferPropList p;
  if (H5Pset_buffer(p.getId(), std::clamp<size_t>(bytes, 4096, kPlainBytes), nullptr, nullptr) < 0)
    throw std::runtime_error("H5Pset_buffer failed");
  return p;
}

namespace {

// Compact when small, else contiguous: one allocation, no chunk index, no filter (size known, written once).
H5::DSetCreatPropList plain_layout(hsize_t rows, size_t row_bytes) {
  H5::DSetCreatPropList p;
  H5Pset_obj_track_times(p.getId(), false);
  p.setLayout(is_compact(rows, row_bytes) ? H5D_COMPACT : H5D_CONTIGUOUS);
  return p;
}

template <class T>
void write_column(H5::Group& g, const std::string& name, const std::vector<T>& v, const H5::PredType& mem,
                  const H5::PredType& file, const std::string& units, const std::string& time_axis) {
  const hsize_t n = v.size();
  H5::DataSet ds = g.createDataSet(name, file, rows_space(n, sizeof(T)), layout(n, sizeof(T)));
  if (n) ds.write(v.data(), mem);
  attr_string(ds, "units", units);
  if (!time_axis.empty()) attr_string(ds, "time_axis", time_axis);
}

void flatten(const nlohmann::json& v, const std::string& prefix, std::vector<std::pair<std::string, const nlohmann::json*>>& out) {
  if (v.is_object() && !v.empty()) {
    for (auto it = v.begin(); it != v.end(); ++it) flatten(it.value(), prefix.empty() ? it.key() : prefix + "." + it.key(), out);
  } else {
    out.emplace_back(prefix, &v);
  }
}

// The system error under an HDF5 failure ("No space left on device (ENOSPC)"), "" when there is none: libhdf5's
// file driver records errno in its error stack ("..., errno = 28, error message = '...'"), while the exception
// the C++ API throws names only the outermost call ("H5Fclose failed"), which does not tell a full disk. Some
// paths (H5Fcreate on a full disk) record no errno: then `last_errno`, the errno left by the failed call, when
// it says the disk is full (any other value may be stale).
std::string system_error_in_stack(int last_errno) {
  int err = 0;
  auto find_errno = [](unsigned, const H5E_error2_t* e, void* out) -> herr_t {
    const char* at = e->desc ? std::strstr(e->desc, "errno = ") : nullptr;
    if (at && *static_cast<int*>(out) == 0) *static_cast<int*>(out) = std::atoi(at + 8);
    return 0;
  };
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_DOWNWARD, find_errno, &err);
  if (err <= 0 && (last_errno == ENOSPC || last_errno == EDQUOT)) err = last_errno;
  if (err <= 0) return "";
  return std::string(std::strerror(err)) + (err == ENOSPC ? " (ENOSPC)" : err == EDQUOT ? " (EDQUOT)" : "");
}

// The writer child is short-lived: freed memory can stay in the process until it exits. By default glibc
// maps every block over 128 KiB afresh and unmaps it when freed (and trims the heap), so each per-replication
// buffer (a 1,440-row minute table is ~400 KiB; HDF5's own I/O and conversion buffers) cost page faults and
// zeroing of new pages: half of the writer's time for 1,000 one-day replications (docs/performance.md).
// Blocks over 4 MiB (a month's tables) are still mapped and unmapped, so a long run's writer does not keep them.
void keep_freed_memory() {
  mallopt(M_MMAP_THRESHOLD, 4 << 20);
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
}

}  // namespace

H5::FileAccPropList file_access() {
  H5::FileAccPropList fapl;
  fapl.setFcloseDegree(H5F_CLOSE_STRONG);  // close() really closes, even with objects still open
  fapl.setLibverBounds(H5F_LIBVER_V18, H5F_LIBVER_V18);
  return fapl;
}

void write_file_in_child(const std::string& temp_path, const std::string& target, const std::string& what,
                         const std::function<void(H5::H5File&)>& fill) {
  const auto failure = run_in_child(
      [&] {
        keep_freed_memory();
        H5::Exception::dontPrint();
        std::cerr.setstate(std::ios::badbit);  // the C++ API's destructors print every failed close after an error
        // Not deleted on failure: closing a file after a failed write crashes libhdf5 1.10; the child exits instead.
        try {
          auto* f = new H5::H5File(temp_path, H5F_ACC_TRUNC, H5::FileCreatPropList::DEFAULT, file_access());
          fill(*f);
          f->close();
          delete f;
        } catch (const H5::Exception& e) {
          const std::string cause = system_error_in_stack(errno);
          throw std::runtime_error((cause.empty() ? "" : cause + ": ") + e.getFuncName() + ": " + e.getDetailMsg());
        }
      },
      0);
  if (failure) throw OutputError(target + ": cannot write the " + what + ": " + *failure);
}

H5::StrType vlen_string() {
  H5::StrType t(H5::PredType::C_S1, H5T_VARIABLE);
  t.setCset(H5T_CSET_UTF8);
  return t;
}

namespace {

// Attributes go through the C API with one shared scalar dataspace and one string type: through the C++
// wrapper each attribute also created and released its own DataSpace and DataType objects, each a library call
// with its own entry cost. A one-day replication writes a dozen attributes; the writer of 1,000 of them took
// 2,049 M instructions instead of 2,200 M (docs/performance.md "Output cost").
hid_t scalar_space() {
  static const hid_t space = H5Screate(H5S_SCALAR);
  return space;
}

hid_t vlen_string_type() {
  static const hid_t type = [] {
    const hid_t t = H5Tcopy(H5T_C_S1);
    H5Tset_size(t, H5T_VARIABLE);
    H5Tset_cset(t, H5T_CSET_UTF8);
    return t;
  }();
  return type;
}

void write_attr(const H5::H5Object& obj, const std::string& name, hid_t file_type, hid_t mem_type, hid_t space,
                const void* value) {
  const hid_t a = H5Acreate2(obj.getId(), name.c_str(), file_type, space, H5P_DEFAULT, H5P_DEFAULT);
  if (a < 0) throw H5::AttributeIException("H5Acreate2", "cannot create attribute " + name);
  const herr_t written = value ? H5Awrite(a, mem_type, value) : 0;
  H5Aclose(a);
  if (written < 0) throw H5::AttributeIException("H5Awrite", "cannot write attribute " + name);
}

}  // namespace

void attr_string(H5::H5Object& obj, const std::string& name, const std::string& value) {
  const char* p = value.c_str();
  write_attr(obj, name, vlen_string_type(), vlen_string_type(), scalar_space(), &p);
}

void attr_strings(H5::H5Object& obj, const std::string& name, const std::vector<std::string>& values) {
  const hsize_t n = values.size();
  const hid_t space = H5Screate_simple(1, &n, nullptr);
  if (space < 0) throw H5::AttributeIException("H5Screate_simple", "cannot create attribute " + name);
  std::vector<const char*> p;
  for (const auto& s : values) p.push_back(s.c_str());
  try {
    write_attr(obj, name, vlen_string_type(), vlen_string_type(), space, n ? p.data() : nullptr);
  } catch (...) {
    H5Sclose(space);
    throw;
  }
  H5Sclose(space);
}

void attr_int(H5::H5Object& obj, const std::string& name, int64_t value) {
  write_attr(obj, name, H5T_STD_I64LE, H5T_NATIVE_INT64, scalar_space(), &value);
}

void attr_double(H5::H5Object& obj, const std::string& name, double value) {
  write_attr(obj, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, scalar_space(), &value);
}

H5::Group group(H5::Group& parent, const std::string& name) {
  if (parent.nameExists(name)) return parent.openGroup(name);
  return parent.createGroup(name);
}

void column(H5::Group& g, const std::string& name, const std::vector<double>& v, const std::string& units,
            const std::string& time_axis) {
  write_column(g, name, v, H5::PredType::NATIVE_DOUBLE, H5::PredType::IEEE_F64LE, units, time_axis);
}
void column(H5::Group& g, const std::string& name, const std::vector<int64_t>& v, const std::string& units,
            const std::string& time_axis) {
  write_column(g, name, v, H5::PredType::NATIVE_INT64, H5::PredType::STD_I64LE, units, time_axis);
}
void column(H5::Group& g, const std::string& name, const std::vector<uint8_t>& v, const std::string& units,
            const std::string& time_axis) {
  write_column(g, name, v, H5::PredType::NATIVE_UINT8, H5::PredType::STD_U8LE, units, time_axis);
}

void Table::add(const std::string& name, std::vector<double> v) { cols_.push_back({name, Kind::F64, std::move(v), {}, {}}); }
void Table::add(const std::string& name, std::vector<int64_t> v) { cols_.push_back({name, Kind::I64, {}, std::move(v), {}}); }
void Table::add(const std::string& name, std::vector<std::string> v) {
  cols_.push_back({name, Kind::Str, {}, {}, std::move(v)});
}

size_t Table::rows() const {
  if (cols_.empty()) return 0;
  const Col& c = cols_.front();
  return c.kind == Kind::F64 ? c.f.size() : c.kind == Kind::I64 ? c.i.size() : c.s.size();
}

H5::DataSet Table::write(H5::Group& g, const std::string& name, bool plain_up_to_1mib) const {
  const size_t n = rows();
  size_t size = 0;
  std::vector<size_t> offset;
  for (const Col& c : cols_) {
    const size_t len = c.kind == Kind::F64 ? c.f.size() : c.kind == Kind::I64 ? c.i.size() : c.s.size();
    if (len != n) throw std::logic_error("h5 table " + name + ": column " + c.name + " has a different length");
    offset.push_back(size);
    size += c.kind == Kind::Str ? sizeof(const char*) : 8;
  }
  if (cols_.empty()) throw std::logic_error("h5 table " + name + " has no columns");
  H5::CompType mem(size), file(size);
  const H5::StrType str = vlen_string();
  for (size_t k = 0; k < cols_.size(); ++k) {
    const Col& c = cols_[k];
    if (c.kind == Kind::F64) mem.insertMember(c.name, offset[k], H5::PredType::NATIVE_DOUBLE);
    else if (c.kind == Kind::I64) mem.insertMember(c.name, offset[k], H5::PredType::NATIVE_INT64);
    else mem.insertMember(c.name, offset[k], str);
  }
  // Packed row buffer: strings are pointers into the columns, which outlive the write call.
  std::vector<unsigned char> buf(n * size);
  for (size_t r = 0; r < n; ++r) {
    unsigned char* row = buf.data() + r * size;
    for (size_t k = 0; k < cols_.size(); ++k) {
      const Col& c = cols_[k];
      if (c.kind == Kind::F64) std::memcpy(row + offset[k], &c.f[r], 8);
      else if (c.kind == Kind::I64) std::memcpy(row + offset[k], &c.i[r], 8);
      else {
        const char* p = c.s[r].c_str();
        std::memcpy(row + offset[k], &p, sizeof p);
      }
    }
  }
  const bool plain = plain_up_to_1mib && n > 0 && n * size <= kPlainBytes;
  H5::DataSet ds = g.createDataSet(name, mem, rows_space(n, size, plain), plain ? plain_layout(n, size) : layout(n, size));
  // Each string field takes at most 16 bytes in the file, 8 in memory.
  if (n) ds.write(buf.data(), mem, H5::DataSpace::ALL, H5::DataSpace::ALL, conversion_buffer(n * (size + 16 * cols_.size())));
  return ds;
}

namespace {
size_t kind_bytes(BlockTable::Kind k) {
  return k == BlockTable::U32 || k == BlockTable::I32 || k == BlockTable::F32 ? 4 : k == BlockTable::U8 ? 1 : 8;
}
const H5::PredType& kind_type(BlockTable::Kind k) {
  switch (k) {
    case BlockTable::F64: return H5::PredType::NATIVE_DOUBLE;
    case BlockTable::F32: return H5::PredType::NATIVE_FLOAT;
    case BlockTable::I64: return H5::PredType::NATIVE_INT64;
    case BlockTable::I32: return H5::PredType::NATIVE_INT32;
    case BlockTable::U32: return H5::PredType::NATIVE_UINT32;
    case BlockTable::U8: return H5::PredType::NATIVE_UINT8;
  }
  return H5::PredType::NATIVE_DOUBLE;
}
size_t packed_bytes(const std::vector<std::pair<std::string, BlockTable::Kind>>& columns) {
  size_t n = 0;
  for (const auto& c : columns) n += kind_bytes(c.second);
  return n;
}
}  // namespace

BlockTable::Storage BlockTable::storage_for_shares(const std::vector<std::pair<std::string, Kind>>& columns,
                                                   hsize_t largest_share_rows) {
  return largest_share_rows * packed_bytes(columns) <= kPlainBytes ? Contiguous : Auto;
}

BlockTable::BlockTable(H5::Group& g, const std::string& name, const std::vector<std::pair<std::string, Kind>>& columns,
                       hsize_t rows, Storage storage)
    : ncols_(columns.size()), type_(std::max<size_t>(1, packed_bytes(columns))) {
  if (columns.empty()) throw std::logic_error("h5 table " + name + " has no columns");
  for (const auto& c : columns) {
    kinds_.push_back(c.second);
    offsets_.push_back(row_bytes_);
    type_.insertMember(c.first, row_bytes_, kind_type(c.second));
    row_bytes_ += kind_bytes(c.second);
  }
  if (rows > 0 && (storage == Contiguous || rows * row_bytes_ <= kPlainBytes)) {
    fixed_ = true;
    ds_ = g.createDataSet(name, type_, rows_space(rows, row_bytes_, true), plain_layout(rows, row_bytes_));
    return;
  }
  const hsize_t zero = 0, unlimited = H5S_UNLIMITED;
  H5::DataSpace space(1, &zero, &unlimited);
  ds_ = g.createDataSet(name, type_, space, layout(rows, row_bytes_));
}

BlockTable::~BlockTable() {
  if (pending_bytes_ > 0 && std::uncaught_exceptions() == 0) {
    std::fprintf(stderr, "ccsim: internal error: an HDF5 table was left with unwritten rows (finish() not called)\n");
    std::abort();
  }
}

unsigned char* BlockTable::grow(hsize_t n) {
  const size_t need = pending_bytes_ + static_cast<size_t>(n) * row_bytes_;
  if (need > capacity_) {
    const size_t cap = std::max(need, std::max<size_t>(2 * capacity_, kPlainBytes + kPlainBytes / 4));
    std::unique_ptr<unsigned char[]> bigger(new unsigned char[cap]);
    if (pending_bytes_) std::memcpy(bigger.get(), pending_.get(), pending_bytes_);
    pending_ = std::move(bigger);
    capacity_ = cap;
  }
  unsigned char* at = pending_.get() + pending_bytes_;
  pending_bytes_ = need;
  return at;
}

void BlockTable::written() {
  if (pending_bytes_ >= kPlainBytes) finish();
}

H5::DataSet& BlockTable::finish() {
  if (pending_bytes_ > 0) {
    write_rows(pending_.get(), pending_bytes_ / row_bytes_);
    pending_bytes_ = 0;
  }
  return ds_;
}

void BlockTable::append(const std::vector<Cell>& cells) {
  static_assert(sizeof(Cell) == 8, "a row is its cells back to back");
  if (cells.size() % ncols_ != 0) throw std::logic_error("h5 block table: a block of partial rows");
  const hsize_t n = cells.size() / ncols_;
  if (n == 0) return;
  unsigned char* row = grow(n);
  const Cell* c = cells.data();
  for (hsize_t r = 0; r < n; ++r, row += row_bytes_) {
    for (size_t k = 0; k < ncols_; ++k, ++c) {
      unsigned char* at = row + offsets_[k];
      switch (kinds_[k]) {
        case F64:
        case I64: std::memcpy(at, c, 8); break;
        case F32: {
          const float v = static_cast<float>(c->f);
          std::memcpy(at, &v, 4);
          break;
        }
        case I32: {
          const int32_t v = static_cast<int32_t>(c->i);
          std::memcpy(at, &v, 4);
          break;
        }
        case U32: {
          const uint32_t v = static_cast<uint32_t>(c->i);
          std::memcpy(at, &v, 4);
          break;
        }
        case U8: *at = static_cast<unsigned char>(c->i); break;
      }
    }
  }
  written();
}

void BlockTable::write_rows(const unsigned char* rows, hsize_t n) {
  const hsize_t total = rows_ + n;
  if (!fixed_) ds_.extend(&total);
  H5::DataSpace file = ds_.getSpace();
  file.selectHyperslab(H5S_SELECT_SET, &n, &rows_);
  H5::DataSpace mem(1, &n);
  ds_.write(rows, type_, mem, file);
  rows_ = total;
}

bool is_object_array(const nlohmann::json& v) {
  if (!v.is_array() || v.empty()) return false;
  return std::all_of(v.begin(), v.end(), [](const nlohmann::json& e) { return e.is_object(); });
}

Table table_from_json(const nlohmann::json& rows) {
  Table t;
  if (!rows.is_array()) return t;
  std::vector<std::vector<std::pair<std::string, const nlohmann::json*>>> flat(rows.size());
  std::vector<std::string> names;
  std::map<std::string, size_t> index;
  for (size_t r = 0; r < rows.size(); ++r) {
    flatten(rows[r], "", flat[r]);
    for (const auto& kv : flat[r])
      if (!kv.first.empty() && index.emplace(kv.first, names.size()).second) names.push_back(kv.first);
  }
  // Per column: the cells of each row (nullptr when the row lacks the key).
  std::vector<std::vector<const nlohmann::json*>> cells(names.size(), std::vector<const nlohmann::json*>(rows.size(), nullptr));
  for (size_t r = 0; r < rows.size(); ++r)
    for (const auto& kv : flat[r])
      if (!kv.first.empty()) cells[index[kv.first]][r] = kv.second;
  for (size_t k = 0; k < names.size(); ++k) {
    bool all_int = true, all_num = true, any_null = false;
    for (const nlohmann::json* c : cells[k]) {
      if (!c || c->is_null()) {
        any_null = true;
        continue;
      }
      if (!(c->is_number_integer() || c->is_boolean())) all_int = false;
      if (!(c->is_number() || c->is_boolean())) all_num = false;
    }
    if (all_int && !any_null) {
      std::vector<int64_t> v;
      for (const nlohmann::json* c : cells[k]) v.push_back(c->is_boolean() ? (c->get<bool>() ? 1 : 0) : c->get<int64_t>());
      t.add(names[k], std::move(v));
    } else if (all_num) {
      std::vector<double> v;
      for (const nlohmann::json* c : cells[k])
        v.push_back(!c || c->is_null() ? std::numeric_limits<double>::quiet_NaN()
                                       : c->is_boolean() ? (c->get<bool>() ? 1.0 : 0.0) : c->get<double>());
      t.add(names[k], std::move(v));
    } else {
      std::vector<std::string> v;
      for (const nlohmann::json* c : cells[k])
        v.push_back(!c || c->is_null() ? std::string() : c->is_string() ? c->get<std::string>() : c->dump());
      t.add(names[k], std::move(v));
    }
  }
  return t;
}

}  // namespace ccsim::h5
