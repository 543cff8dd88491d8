# DossierInstall.cmake — what the `runtime` component installs besides the program, the
# plugins and the configuration: the manual pages (gzipped without a timestamp, as Debian
# wants) and bash completion.
set(DOSSIER_MAN_PAGES dossier.1)
set(DOSSIER_DEV_MAN_PAGES dossier-check-plugin.1)
set(dossier_man_gz)
foreach(page ${DOSSIER_MAN_PAGES} ${DOSSIER_DEV_MAN_PAGES})
  add_custom_command(OUTPUT "${CMAKE_BINARY_DIR}/man/${page}.gz"
    COMMAND ${CMAKE_COMMAND} -E make_directory "${CMAKE_BINARY_DIR}/man"
    COMMAND gzip -9nc "${PROJECT_SOURCE_DIR}/docs/${page}" > "${CMAKE_BINARY_DIR}/man/${page}.gz"
    DEPENDS "${PROJECT_SOURCE_DIR}/docs/${page}" VERBATIM)
  list(APPEND dossier_man_gz "${CMAKE_BINARY_DIR}/man/${page}.gz")
endforeach()
add_custom_target(dossier_man ALL DEPENDS ${dossier_man_gz})
foreach(page ${DOSSIER_MAN_PAGES})
  install(FILES "${CMAKE_BINARY_DIR}/man/${page}.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
endforeach()
foreach(page ${DOSSIER_DEV_MAN_PAGES})
  install(FILES "${CMAKE_BINARY_DIR}/man/${page}.gz" DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
    COMPONENT dev)
endforeach()

install(FILES scripts/dossier.bash-completion
  DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME dossier)
