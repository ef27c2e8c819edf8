# ctest `layering.external_includes`: system headers are visible to every layer, so the compiler cannot stop a
# layer from including SimGrid or HDF5 (it would then fail only at link time, or not at all for header-only
# use). This check does: SimGrid headers only under sim/engine, HDF5 headers only in sim/output's .cpp files,
# and no JSON (nlohmann) in the capability models sla/, seats/, platform/: they return typed results and
# output/ renders them (docs/architecture.md "Typed results").
# Usage: cmake -DSIM=<path to sim/> -P check_external_includes.cmake
file(GLOB_RECURSE files ${SIM}/*.hpp ${SIM}/*.cpp)
set(bad "")
foreach(f ${files})
  file(STRINGS ${f} lines REGEX "^[ \t]*#[ \t]*include[ \t]*<(simgrid|xbt|H5|hdf5|nlohmann)")
  if(NOT lines)
    continue()
  endif()
  file(RELATIVE_PATH rel ${SIM} ${f})
  foreach(l ${lines})
    if(l MATCHES "<(simgrid|xbt)" AND NOT rel MATCHES "^engine/")
      list(APPEND bad "sim/${rel}: ${l} (SimGrid belongs to engine/)")
    elseif(l MATCHES "<(H5|hdf5)" AND NOT rel MATCHES "^output/.*\\.cpp$" AND NOT rel STREQUAL "output/h5_write_util.hpp")
      list(APPEND bad "sim/${rel}: ${l} (HDF5 belongs to output/'s sources)")
    elseif(l MATCHES "<nlohmann" AND rel MATCHES "^(sla|seats|platform)/")
      list(APPEND bad "sim/${rel}: ${l} (capabilities return typed results, JSON belongs to output/)")
    endif()
  endforeach()
endforeach()
if(bad)
  string(REPLACE ";" "\n" msg "${bad}")
  message(FATAL_ERROR "external includes outside their layer:\n${msg}")
endif()
message(STATUS "external includes: SimGrid only in engine/, HDF5 only in output/, no JSON in sla/ seats/ platform/")
