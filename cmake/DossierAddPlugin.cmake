# DossierAddPlugin.cmake — dossier_add_plugin(NAME SOURCES…): builds a dossier export plugin,
# a MODULE library named dossier-NAME.so that links the header-only SDK target Dossier::plugin
# and nothing else of dossier's. Used by the in-tree formats and, installed, by plugins built
# outside this repository (find_package(Dossier)).
function(dossier_add_plugin name)
  if(NOT name MATCHES "^[a-z0-9_-]+$")
    message(FATAL_ERROR "dossier_add_plugin: \"${name}\" is not a format name ([a-z0-9_-]+)")
  endif()
  add_library(dossier-${name} MODULE ${ARGN})
  target_link_libraries(dossier-${name} PRIVATE Dossier::plugin)
  set_target_properties(dossier-${name} PROPERTIES
    PREFIX "" OUTPUT_NAME "dossier-${name}" SUFFIX ".so"
    C_VISIBILITY_PRESET hidden)
endfunction()
