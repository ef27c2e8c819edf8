# The layers of sim/ as build targets (docs/architecture.md). Each folder is one static library that sees, through
# an include root of its own made of symlinks, only its own folder and the folders it depends on (directly or
# through them). An include that points up the layering therefore fails to compile, and a library links only
# what it declares: only engine/ links SimGrid, only output/ links HDF5.
#
#   ccsim_layer(NAME DEPS <folders below it> [LIBS <external libraries>] [EXCLUDE <regex>])
#
# Declare a layer after the layers it depends on.
function(ccsim_layer name)
  cmake_parse_arguments(L "" "EXCLUDE" "DEPS;LIBS" ${ARGN})
  file(GLOB srcs CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/sim/${name}/*.cpp)
  if(L_EXCLUDE)
    list(FILTER srcs EXCLUDE REGEX "${L_EXCLUDE}")
  endif()
  set(visible ${name})
  foreach(dep ${L_DEPS})
    get_property(dep_visible GLOBAL PROPERTY CCSIM_LAYER_VISIBLE_${dep} SET)
    if(NOT dep_visible)
      message(FATAL_ERROR "layer ${name}: dependency ${dep} is not declared before it")
    endif()
    get_property(dep_visible GLOBAL PROPERTY CCSIM_LAYER_VISIBLE_${dep})
    list(APPEND visible ${dep_visible})
  endforeach()
  list(REMOVE_DUPLICATES visible)
  set_property(GLOBAL PROPERTY CCSIM_LAYER_VISIBLE_${name} ${visible})
  set_property(GLOBAL APPEND PROPERTY CCSIM_LAYERS ${name})

  set(root ${CMAKE_BINARY_DIR}/layers/${name})
  file(REMOVE_RECURSE ${root})
  file(MAKE_DIRECTORY ${root})
  foreach(v ${visible})
    file(CREATE_LINK ${CMAKE_SOURCE_DIR}/sim/${v} ${root}/${v} SYMBOLIC)
  endforeach()

  add_library(ccsim_${name} STATIC ${srcs})
  target_include_directories(ccsim_${name} PRIVATE ${root})
  foreach(dep ${L_DEPS})
    target_link_libraries(ccsim_${name} PRIVATE ccsim_${dep})
  endforeach()
  if(L_LIBS)
    target_link_libraries(ccsim_${name} PRIVATE ${L_LIBS})
  endif()
endfunction()
