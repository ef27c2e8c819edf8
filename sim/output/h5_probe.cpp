#include "output/h5_probe.hpp"

#include <hdf5.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdlib>
#include <map>
#include <memory>
#include <vector>

#include "core/error.hpp"
#include "output/capacity_h5.hpp"
#include "output/h5_child.hpp"
#include "output/results_h5.hpp"

namespace ccsim {

namespace {

// Bounds on what a ccsim file holds; anything beyond is damage, not data.
constexpr hsize_t kMaxObjects = 1'000'000;
constexpr hsize_t kMaxAttrBytes = 64u << 20;     // one attribute (the scenario text, the JSON sections)
constexpr hsize_t kMaxDatasetBytes = 4ull << 30;  // one column or table read whole, in memory
// Larger 1-D datasets of fixed-size elements are read in blocks of this many bytes, so the probe's memory does
// not grow with a table across replications (a year of minutes of ten replications is ~350 MB); such a table
// is bounded only by kMaxBlockedBytes and the child's time limit.
constexpr hsize_t kBlockBytes = 4u << 20;
constexpr hsize_t kMaxBlockedBytes = 1ull << 40;
constexpr size_t kMaxStringBytes = 64u << 20;
constexpr int kMaxRank = 2;
// Time limit of the child: 3 s plus 1 s per 20 MB, so a large healthy file is never refused for its size (a
// month of month-2000, 1.7 MB, is probed and reported in 0.2 s) and a hanging file is refused within seconds.
constexpr double kBaseSeconds = 3;
constexpr double kBytesPerSecond = 20e6;

[[noreturn]] void refuse(const std::string& path, const std::string& what) {
  throw InputError(SourceLoc{path, 0, 0}, "", what, "an undamaged results file written by `ccsim run` or `ccsim capacity --output`");
}

// Owns an HDF5 id; closes it with the matching call.
struct Id {
  hid_t id = -1;
  herr_t (*close)(hid_t) = nullptr;
  Id(hid_t i, herr_t (*c)(hid_t)) : id(i), close(c) {}
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  ~Id() {
    if (id >= 0 && close) close(id);
  }
  explicit operator bool() const { return id >= 0; }
};

struct Walk {
  std::string path;
  hid_t file = -1;
  hsize_t objects = 0;
  std::map<std::string, hsize_t> rows;                     // dataset path -> points
  std::vector<std::pair<std::string, std::string>> axes;  // dataset path -> its time_axis attribute
  std::string problem;                                     // first problem found by a callback
};

// Points of a simple dataspace, checking rank; -1 when the space is not usable.
hssize_t points(hid_t space) {
  const H5S_class_t cls = H5Sget_simple_extent_type(space);
  if (cls == H5S_SCALAR) return 1;
  if (cls == H5S_NULL) return 0;
  if (cls != H5S_SIMPLE) return -1;
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0 || rank > kMaxRank) return -1;
  return H5Sget_simple_extent_npoints(space);
}

// Reads `n` elements of type `file_type` from an attribute or dataset into memory and frees them again;
// returns the text when it is a scalar string (for format and time_axis), an error message otherwise.
struct ReadOut {
  std::string error, text;
};

// A compound type whose members do not fit inside it (a damaged type message) makes libhdf5's conversion read
// past its buffers: members must lie within the type, and nesting stays shallow.
bool compound_fits(hid_t t, int depth = 0) {
  if (H5Tget_class(t) != H5T_COMPOUND) return true;
  const int members = H5Tget_nmembers(t);
  const size_t size = H5Tget_size(t);
  if (depth > 4 || members <= 0 || members > 1024 || size == 0) return false;
  for (int k = 0; k < members; ++k) {
    Id m(H5Tget_member_type(t, static_cast<unsigned>(k)), H5Tclose);
    if (!m) return false;
    const size_t off = H5Tget_member_offset(t, static_cast<unsigned>(k)), msize = H5Tget_size(m.id);
    if (msize == 0 || off > size || msize > size - off || !compound_fits(m.id, depth + 1)) return false;
  }
  return true;
}

// A contiguous dataset must hold as many bytes as its shape and type say, or a read runs past its storage.
bool storage_fits(hid_t dataset, hid_t file_type, hssize_t n) {
  Id dcpl(H5Dget_create_plist(dataset), H5Pclose);
  if (!dcpl || H5Pget_layout(dcpl.id) != H5D_CONTIGUOUS) return true;
  const hsize_t stored = H5Dget_storage_size(dataset);
  return stored == 0 || stored >= static_cast<hsize_t>(n) * H5Tget_size(file_type);
}

ReadOut read_all(hid_t obj, bool is_attr, hid_t file_type, hid_t space, hssize_t n, hsize_t max_bytes) {
  if (!compound_fits(file_type)) return {"damaged compound data type", ""};
  if (!is_attr && n > 0 && !storage_fits(obj, file_type, n)) return {"stored data shorter than its shape", ""};
  ReadOut out;
  Id mem(H5Tget_native_type(file_type, H5T_DIR_DEFAULT), H5Tclose);
  if (!mem) return {"unsupported data type", ""};
  const size_t size = H5Tget_size(mem.id);
  if (size == 0 || size > (1u << 20)) return {"element size " + std::to_string(size) + " out of range", ""};
  const bool variable = H5Tdetect_class(mem.id, H5T_VLEN) > 0 || H5Tis_variable_str(mem.id) > 0 ||
                        (H5Tget_class(mem.id) == H5T_COMPOUND && H5Tdetect_class(mem.id, H5T_STRING) > 0);
  const bool blocks = !is_attr && !variable && H5Sget_simple_extent_ndims(space) == 1 &&
                      n > 0 && static_cast<hsize_t>(n) * size > kBlockBytes;
  if (n < 0 || static_cast<hsize_t>(n) * size > (blocks ? kMaxBlockedBytes : max_bytes)) return {"size out of range", ""};
  if (n == 0) return out;
  if (blocks) {
    const hsize_t rows = std::max<hsize_t>(1, kBlockBytes / size);
    std::vector<unsigned char> buf(static_cast<size_t>(rows) * size + 16, 0);
    for (hsize_t first = 0; first < static_cast<hsize_t>(n); first += rows) {
      const hsize_t count = std::min<hsize_t>(rows, static_cast<hsize_t>(n) - first);
      Id file(H5Scopy(space), H5Sclose), part(H5Screate_simple(1, &count, nullptr), H5Sclose);
      if (!file || !part || H5Sselect_hyperslab(file.id, H5S_SELECT_SET, &first, nullptr, &count, nullptr) < 0 ||
          H5Dread(obj, mem.id, part.id, file.id, H5P_DEFAULT, buf.data()) < 0)
        return {"unreadable data", ""};
    }
    return out;
  }
  std::vector<unsigned char> buf(static_cast<size_t>(n) * size + 16, 0);
  const herr_t r = is_attr ? H5Aread(obj, mem.id, buf.data()) : H5Dread(obj, mem.id, H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
  if (r < 0) return {"unreadable data", ""};
  const bool is_string = H5Tget_class(file_type) == H5T_STRING;
  if (is_string && n == 1) {
    if (H5Tis_variable_str(mem.id) > 0) {
      const char* s = nullptr;
      std::memcpy(&s, buf.data(), sizeof s);
      if (s) out.text.assign(s, strnlen(s, kMaxStringBytes));
    } else {
      out.text.assign(reinterpret_cast<const char*>(buf.data()), strnlen(reinterpret_cast<const char*>(buf.data()), size));
    }
  }
  if (variable) H5Dvlen_reclaim(mem.id, space, H5P_DEFAULT, buf.data());
  return out;
}

std::string check_attr(hid_t attr, const std::string& where, std::string* text) {
  Id type(H5Aget_type(attr), H5Tclose), space(H5Aget_space(attr), H5Sclose);
  if (!type || !space) return where + ": unreadable type or size";
  const hssize_t n = points(space.id);
  if (n < 0) return where + ": unsupported shape";
  ReadOut r = read_all(attr, true, type.id, space.id, n, kMaxAttrBytes);
  if (!r.error.empty()) return where + ": " + r.error;
  if (text) *text = r.text;
  return "";
}

herr_t visit_attr(hid_t obj, const char* name, const H5A_info_t*, void* data) {
  Walk& w = *static_cast<Walk*>(data);
  Id a(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose);
  const std::string where = "attribute '" + std::string(name, strnlen(name, 256)) + "'";
  if (!a) {
    w.problem = where + ": cannot be opened";
    return -1;
  }
  std::string text;
  w.problem = check_attr(a.id, where, &text);
  return w.problem.empty() ? 0 : -1;
}

herr_t visit_object(hid_t, const char* name, const H5O_info_t* info, void* data) {
  Walk& w = *static_cast<Walk*>(data);
  if (++w.objects > kMaxObjects) {
    w.problem = "more than " + std::to_string(kMaxObjects) + " objects";
    return -1;
  }
  const std::string obj = std::string("/") + (std::string(name) == "." ? "" : name);
  Id o(H5Oopen(w.file, name, H5P_DEFAULT), H5Oclose);
  if (!o) {
    w.problem = obj + ": cannot be opened";
    return -1;
  }
  hsize_t idx = 0;
  if (H5Aiterate2(o.id, H5_INDEX_NAME, H5_ITER_NATIVE, &idx, visit_attr, &w) < 0) {
    if (w.problem.empty()) w.problem = "attributes cannot be listed";
    w.problem = obj + ": " + w.problem;
    return -1;
  }
  if (info->type != H5O_TYPE_DATASET) return 0;
  Id type(H5Dget_type(o.id), H5Tclose), space(H5Dget_space(o.id), H5Sclose);
  if (!type || !space) {
    w.problem = obj + ": unreadable type or size";
    return -1;
  }
  const hssize_t n = points(space.id);
  if (n < 0) {
    w.problem = obj + ": unsupported shape";
    return -1;
  }
  ReadOut r = read_all(o.id, false, type.id, space.id, n, kMaxDatasetBytes);
  if (!r.error.empty()) {
    w.problem = obj + ": " + r.error;
    return -1;
  }
  w.rows[obj] = static_cast<hsize_t>(n);
  if (H5Aexists(o.id, "time_axis") > 0) {
    Id a(H5Aopen(o.id, "time_axis", H5P_DEFAULT), H5Aclose);
    std::string axis;
    if (a) check_attr(a.id, "time_axis", &axis);
    w.axes.emplace_back(obj, axis);
  }
  return 0;
}

// The root attribute `name` as text, checked to be a short scalar string before it is read.
std::string root_string(const Walk& w, const char* name) {
  if (H5Aexists(w.file, name) <= 0) refuse(w.path, std::string("not a ccsim file (root attribute '") + name + "' is missing)");
  Id a(H5Aopen(w.file, name, H5P_DEFAULT), H5Aclose);
  Id type(a ? H5Aget_type(a.id) : -1, H5Tclose), space(a ? H5Aget_space(a.id) : -1, H5Sclose);
  if (!type || !space || H5Tget_class(type.id) != H5T_STRING || H5Sget_simple_extent_type(space.id) != H5S_SCALAR ||
      (H5Tis_variable_str(type.id) <= 0 && H5Tget_size(type.id) > 256))
    refuse(w.path, std::string("not a ccsim file (root attribute '") + name + "' is not a short text)");
  std::string text;
  const std::string err = check_attr(a.id, std::string("root attribute '") + name + "'", &text);
  if (!err.empty()) refuse(w.path, err);
  return text;
}

int64_t root_int(const Walk& w, const char* name) {
  Id a(H5Aexists(w.file, name) > 0 ? H5Aopen(w.file, name, H5P_DEFAULT) : -1, H5Aclose);
  Id type(a ? H5Aget_type(a.id) : -1, H5Tclose), space(a ? H5Aget_space(a.id) : -1, H5Sclose);
  int64_t v = 0;
  if (!type || !space || H5Tget_class(type.id) != H5T_INTEGER || H5Sget_simple_extent_type(space.id) != H5S_SCALAR ||
      H5Aread(a.id, H5T_NATIVE_INT64, &v) < 0)
    refuse(w.path, std::string("root attribute '") + name + "' is missing or not an integer");
  return v;
}

}  // namespace

void check_h5_structure(const std::string& path) {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  if (H5Fis_hdf5(path.c_str()) <= 0) refuse(path, "not an HDF5 file");
  Walk w;
  w.path = path;
  Id file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file) refuse(path, "cannot open the HDF5 file (damaged?)");
  w.file = file.id;
  // The format first: a file that is not ours is refused before anything else in it is read.
  const std::string format = root_string(w, "format");
  const int64_t version = root_int(w, "format_version");
  const int64_t supported = format == kResultsFormat ? kResultsVersion : format == capacity::kCapacityFormat ? capacity::kCapacityVersion : -1;
  if (supported < 0) refuse(path, "not a ccsim file (root attribute 'format' is '" + format.substr(0, 64) + "')");
  if (version < 1 || version > supported)
    refuse(path, format + " format version " + std::to_string(version) + " is not supported (version <= " + std::to_string(supported) + ")");
  if (H5Ovisit(file.id, H5_INDEX_NAME, H5_ITER_NATIVE, visit_object, &w) < 0)
    refuse(path, w.problem.empty() ? "damaged file (the objects cannot be listed)" : "damaged file: " + w.problem);
  // Columns must have one row per entry of their time axis: the report draws them against it.
  for (const auto& [obj, axis] : w.axes) {
    const auto it = w.rows.find(axis);
    if (it == w.rows.end()) refuse(path, "damaged file: " + obj + ": time axis '" + axis.substr(0, 256) + "' is missing");
    if (it->second != w.rows[obj])
      refuse(path, "damaged file: " + obj + " has " + std::to_string(w.rows[obj]) + " rows but its time axis " + axis + " has " +
                       std::to_string(it->second));
  }
}

void probe_h5_input(const std::string& path, const std::function<void()>& reader_work) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) refuse(path, "cannot open the file");
  const double limit = kBaseSeconds + static_cast<double>(st.st_size) / kBytesPerSecond;
  std::optional<std::string> failure;
  try {
    // Two children: the structure walk (format first), then the caller's own reading. Damage can corrupt
    // libhdf5's free lists without a crash until the library shuts down (at exit, as a double free), and
    // whether it shows depends on what ran before: the second child reads exactly as the parent will, then
    // shuts the library down, where a crash only refuses the file.
    failure = h5::run_in_child([&] { check_h5_structure(path); }, limit);
    if (!failure && reader_work)
      failure = h5::run_in_child(
          [&] {
            reader_work();
            H5close();
          },
          limit);
  } catch (const std::runtime_error& e) {
    failure = e.what();
  }
  if (!failure) return;
  // The child's InputError text already names the file; a crash or timeout is said in our words.
  if (failure->rfind(path, 0) == 0) throw InputError(SourceLoc{path, 0, 0}, "", failure->substr(std::min(failure->size(), path.size() + 2)));
  refuse(path, "damaged file: reading it " + *failure + " inside the HDF5 library");
}

}  // namespace ccsim
