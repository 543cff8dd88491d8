# DossierDebFixup.cmake — a CPack pre-build script (cmake/DossierPackage.cmake): in the staging
# tree of each component, moves <prefix>/etc (the configuration, installed relative to the
# prefix as GNUInstallDirs' sysconfdir "etc") to /etc, where Debian packages keep it.
file(GLOB dossier_staged_etc LIST_DIRECTORIES true
  "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/usr/etc"
  "${CPACK_TEMPORARY_INSTALL_DIRECTORY}/*/usr/etc")
foreach(dir IN LISTS dossier_staged_etc)
  get_filename_component(usr "${dir}" DIRECTORY)
  get_filename_component(root "${usr}" DIRECTORY)
  if(EXISTS "${root}/etc")
    message(FATAL_ERROR "DossierDebFixup: both ${dir} and ${root}/etc exist")
  endif()
  file(RENAME "${dir}" "${root}/etc")
  message(STATUS "DossierDebFixup: ${dir} -> ${root}/etc")
endforeach()
