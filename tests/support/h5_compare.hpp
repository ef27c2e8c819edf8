#pragma once
// Two HDF5 files (or subtrees) compared object by object: the same groups, datasets and attributes, with the
// same types, shapes and values (variable-length strings compared as text, numbers as bytes). The storage
// layout (compact, chunked, compressed) is not content and is ignored. Returns the first difference, or "".
#include <H5Cpp.h>

#include <cstring>
#include <set>
#include <string>
#include <vector>

namespace ccsim::test {

namespace h5cmp_detail {

// Values of `n` elements of `type` in `a` and `b`: "" when equal, else a description. Members of compound types
// named in `skip` are not compared.
inline std::string compare_values(const H5::DataType& type, const unsigned char* a, const unsigned char* b, size_t n,
                                  const std::set<std::string>& skip = {}) {
  const size_t size = type.getSize();
  if (type.getClass() == H5T_STRING && H5Tis_variable_str(type.getId()) > 0) {
    for (size_t i = 0; i < n; ++i) {
      const char *x, *y;
      std::memcpy(&x, a + i * size, sizeof x);
      std::memcpy(&y, b + i * size, sizeof y);
      if (std::string(x ? x : "") != std::string(y ? y : "")) return "string '" + std::string(x ? x : "") + "' vs '" + (y ? y : "") + "'";
    }
    return "";
  }
  if (type.getClass() == H5T_COMPOUND) {
    const H5::CompType ct(type.getId());
    for (int m = 0; m < ct.getNmembers(); ++m) {
      if (skip.count(ct.getMemberName(static_cast<unsigned>(m)))) continue;
      const H5::DataType mt = ct.getMemberDataType(static_cast<unsigned>(m));
      const size_t off = ct.getMemberOffset(static_cast<unsigned>(m));
      for (size_t i = 0; i < n; ++i) {
        const std::string d = compare_values(mt, a + i * size + off, b + i * size + off, 1);
        if (!d.empty()) return "member " + ct.getMemberName(static_cast<unsigned>(m)) + " row " + std::to_string(i) + ": " + d;
      }
    }
    return "";
  }
  return std::memcmp(a, b, n * size) == 0 ? "" : "values differ";
}

inline size_t elements(const H5::DataSpace& s) { return static_cast<size_t>(s.getSimpleExtentNpoints()); }

template <class Obj>
std::string compare_attributes(const Obj& a, const Obj& b, const std::string& path, const std::set<std::string>& skip) {
  if (a.getNumAttrs() != b.getNumAttrs()) return path + ": number of attributes";
  for (int i = 0; i < a.getNumAttrs(); ++i) {
    H5::Attribute x = a.openAttribute(static_cast<unsigned>(i));
    const std::string name = x.getName();
    if (skip.count(name)) continue;
    if (!b.attrExists(name)) return path + ": attribute " + name + " missing";
    H5::Attribute y = b.openAttribute(name);
    const H5::DataType t = x.getDataType();
    if (!(t == y.getDataType())) return path + "@" + name + ": type";
    const size_t n = elements(x.getSpace());
    if (n != elements(y.getSpace())) return path + "@" + name + ": shape";
    std::vector<unsigned char> bx(n * t.getSize() + 1), by(n * t.getSize() + 1);
    x.read(t, bx.data());
    y.read(t, by.data());
    const std::string d = compare_values(t, bx.data(), by.data(), n);
    if (!d.empty()) return path + "@" + name + ": " + d;
  }
  return "";
}

inline std::string compare_dataset(const H5::DataSet& a, const H5::DataSet& b, const std::string& path,
                                   const std::set<std::string>& skip) {
  const H5::DataType t = a.getDataType();
  if (!(t == b.getDataType())) return path + ": type";
  const size_t n = elements(a.getSpace());
  if (n != elements(b.getSpace())) return path + ": " + std::to_string(n) + " vs " + std::to_string(elements(b.getSpace())) + " elements";
  std::vector<unsigned char> bx(n * t.getSize() + 1), by(n * t.getSize() + 1);
  if (n) {
    a.read(bx.data(), t);
    b.read(by.data(), t);
  }
  const std::string d = compare_values(t, bx.data(), by.data(), n, skip);
  if (!d.empty()) return path + ": " + d;
  return compare_attributes(a, b, path, skip);
}

inline std::string compare_group(const H5::Group& a, const H5::Group& b, const std::string& path,
                                 const std::set<std::string>& skip) {
  if (a.getNumObjs() != b.getNumObjs()) return path + ": number of members";
  std::string d = compare_attributes(a, b, path, skip);
  if (!d.empty()) return d;
  for (hsize_t i = 0; i < a.getNumObjs(); ++i) {
    const std::string name = a.getObjnameByIdx(i);
    const std::string p = path + (path == "/" ? "" : "/") + name;
    if (!b.nameExists(name)) return p + ": missing";
    const H5O_type_t ta = a.childObjType(name), tb = b.childObjType(name);
    if (ta != tb) return p + ": object type";
    d = ta == H5O_TYPE_GROUP ? compare_group(a.openGroup(name), b.openGroup(name), p, skip)
                             : compare_dataset(a.openDataSet(name), b.openDataSet(name), p, skip);
    if (!d.empty()) return d;
  }
  return "";
}

}  // namespace h5cmp_detail

// Compares group `group` of two files; attributes and table fields named in `skip` (wall-clock figures) are not
// compared.
inline std::string h5_difference(const std::string& file_a, const std::string& file_b, const std::string& group = "/",
                                 const std::set<std::string>& skip = {}) {
  H5::H5File a(file_a, H5F_ACC_RDONLY), b(file_b, H5F_ACC_RDONLY);
  return h5cmp_detail::compare_group(a.openGroup(group), b.openGroup(group), group, skip);
}

}  // namespace ccsim::test
