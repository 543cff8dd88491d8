# DossierPackage.cmake — Debian packages with CPack (`cpack -G DEB` in the build folder):
#   dossier_<version>_amd64.deb      the CLI, the plugins, /etc/dossier/dossier.ini (a conffile),
#                                    the schema, the man page, bash completion
#   dossier-dev_<version>_amd64.deb  the plugin SDK: headers, dossier-plugin.pc, the CMake
#                                    package, dossier-check-plugin and its fixture profiles
# Every install() rule without a COMPONENT belongs to `runtime` (CMAKE_INSTALL_DEFAULT_COMPONENT_NAME,
# set before the subdirectories); the SDK's rules name COMPONENT dev.
#
# Whatever prefix the build was configured with, the packages install under /usr
# (CPACK_PACKAGING_INSTALL_PREFIX) and the configuration under /etc: cmake/DossierDebFixup.cmake
# moves <staging>/usr/etc to <staging>/etc before the packages are made (a sysconfdir relative to
# the prefix is right for `cmake --install --prefix`, and /etc is right for a package).

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME dossier)
set(CPACK_PACKAGE_VENDOR "dossier maintainers")
set(CPACK_PACKAGE_CONTACT "dossier maintainers <maintainers@users.noreply.r-seed-d884a681.example>")
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
# No CPACK_PACKAGE_DESCRIPTION_SUMMARY: each package's description starts with its own summary.
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)

set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL runtime dev)
set(CPACK_COMPONENTS_GROUPING IGNORE)
set(CPACK_COMPONENT_RUNTIME_DISPLAY_NAME "dossier")
set(CPACK_COMPONENT_DEV_DISPLAY_NAME "dossier plugin SDK")
set(CPACK_COMPONENT_DEV_DEPENDS runtime)

set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)              # <name>_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Depends computed by dpkg-shlibdeps from the binary and the plugins (libhpdf, libxlsxwriter,
# libharfbuzz-subset0, libfontconfig1, libzip4, libjansson4 …); what no ELF file names is added.
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_GENERATE_SHLIBS OFF)

set(CPACK_DEBIAN_RUNTIME_PACKAGE_NAME dossier)
set(CPACK_DEBIAN_RUNTIME_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_RUNTIME_PACKAGE_SECTION text)
# The pdf plugin's default fonts (AR PL UMing, AR PL UKai, WenQuanYi Zen Hei), found through
# fontconfig at run time.
set(DOSSIER_DEB_RUNTIME_DEPENDS "fonts-arphic-uming, fonts-arphic-ukai, fonts-wqy-zenhei")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_DEPENDS "${DOSSIER_DEB_RUNTIME_DEPENDS}")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_RECOMMENDS "bash-completion")
set(CPACK_DEBIAN_RUNTIME_DESCRIPTION
"district profiles (JSON) to official PDF, Word, XLSX, HTML, text and CSV
dossier turns a structured district profile (JSON) into the documents people
hand over: official PDF briefs after GB/T 9704-2012, Word documents, XLSX
workbooks, plain text, Markdown, self-contained HTML and CSV. Formats are
plugins loaded with dlopen through a small versioned ABI.")

set(CPACK_DEBIAN_DEV_PACKAGE_NAME dossier-dev)
set(CPACK_DEBIAN_DEV_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_DEV_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_DEV_PACKAGE_ARCHITECTURE all)
# dossier-check-plugin runs the installed dossier; plugins build with a C compiler and
# pkg-config or CMake.
set(CPACK_DEBIAN_DEV_PACKAGE_DEPENDS "dossier (= ${PROJECT_VERSION})")
set(CPACK_DEBIAN_DEV_PACKAGE_RECOMMENDS "pkg-config, cmake")
set(CPACK_DEBIAN_DEV_DESCRIPTION
"SDK for dossier export plugins
Headers of the dossier plugin ABI and the brief tree, the dossier-plugin
pkg-config file, the CMake package (find_package(Dossier) and
dossier_add_plugin), and dossier-check-plugin, the plugin test kit, with its
fixture profiles.")

# /etc/dossier/dossier.ini is a conffile: an edited copy survives upgrades.
file(WRITE "${CMAKE_BINARY_DIR}/debian/runtime/conffiles" "/etc/dossier/dossier.ini\n")
set(CPACK_DEBIAN_RUNTIME_PACKAGE_CONTROL_EXTRA "${CMAKE_BINARY_DIR}/debian/runtime/conffiles")

# Each package's /usr/share/doc/<package>: copyright and the (native) changelog, gzipped
# without a timestamp as Debian wants.
foreach(component runtime dev)
  set(pkg dossier)
  if(component STREQUAL dev)
    set(pkg dossier-dev)
  endif()
  install(FILES "${PROJECT_SOURCE_DIR}/packaging/debian/copyright"
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${pkg} COMPONENT ${component} EXCLUDE_FROM_ALL)
  install(FILES "${CMAKE_BINARY_DIR}/debian/changelog.gz"
    DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/${pkg} COMPONENT ${component} EXCLUDE_FROM_ALL)
endforeach()
add_custom_command(OUTPUT "${CMAKE_BINARY_DIR}/debian/changelog.gz"
  COMMAND gzip -9nc "${PROJECT_SOURCE_DIR}/packaging/debian/changelog"
          > "${CMAKE_BINARY_DIR}/debian/changelog.gz"
  DEPENDS "${PROJECT_SOURCE_DIR}/packaging/debian/changelog" VERBATIM)
add_custom_target(dossier_deb_changelog ALL DEPENDS "${CMAKE_BINARY_DIR}/debian/changelog.gz")

set(CPACK_PRE_BUILD_SCRIPTS "${CMAKE_CURRENT_LIST_DIR}/DossierDebFixup.cmake")
include(CPack)
