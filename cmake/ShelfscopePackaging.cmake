# What `cmake --install` puts where, and the Debian package CPack makes of it
# (`cpack -G DEB` in a build folder; packaging/package.sh makes the portable one and checks it).
include(GNUInstallDirs)

set(SHELFSCOPE_APP_ID io.github.shelfscope.Shelfscope)
# The package's documentation folder is named after the package, not the CMake project.
set(SHELFSCOPE_DOC_DIR ${CMAKE_INSTALL_DATADIR}/doc/shelfscope)

install(TARGETS shelfscope shelfscope-cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(FILES resources/${SHELFSCOPE_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
configure_file(resources/${SHELFSCOPE_APP_ID}.metainfo.xml
               ${PROJECT_BINARY_DIR}/${SHELFSCOPE_APP_ID}.metainfo.xml @ONLY)
install(FILES ${PROJECT_BINARY_DIR}/${SHELFSCOPE_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES resources/shelfscope.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${SHELFSCOPE_APP_ID}.svg)
# PNG sizes rendered from the SVG by packaging/render-icons.sh and committed.
install(DIRECTORY resources/icons/hicolor DESTINATION ${CMAKE_INSTALL_DATADIR}/icons)

# The copyright file (Debian's format) holds the licence and the data set's attribution.
install(FILES packaging/debian/copyright README.md DESTINATION ${SHELFSCOPE_DOC_DIR})
# A native package's changelog (policy 12.7), compressed with gzip -9n (12.3); its newest entry
# must name the project's version (check-deb.sh checks).
find_program(SHELFSCOPE_GZIP gzip REQUIRED)
add_custom_command(
    OUTPUT ${PROJECT_BINARY_DIR}/changelog.gz
    COMMAND ${SHELFSCOPE_GZIP} -9nc ${PROJECT_SOURCE_DIR}/packaging/debian/changelog
            > ${PROJECT_BINARY_DIR}/changelog.gz
    DEPENDS ${PROJECT_SOURCE_DIR}/packaging/debian/changelog
    COMMENT "Compressing the Debian changelog")
add_custom_target(debian_changelog ALL DEPENDS ${PROJECT_BINARY_DIR}/changelog.gz)
install(FILES ${PROJECT_BINARY_DIR}/changelog.gz DESTINATION ${SHELFSCOPE_DOC_DIR})
install(DIRECTORY docs/ DESTINATION ${SHELFSCOPE_DOC_DIR}/docs)

# The man pages are installed by app/CMakeLists.txt (share/man/man1), next to the rule that
# writes them; every install rule goes into the package.

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME shelfscope)
set(CPACK_PACKAGE_VENDOR "The Shelfscope authors")
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${PROJECT_DESCRIPTION}")
# Lines of at most 80 characters (policy 3.4.1); CPack indents each by one space.
set(CPACK_PACKAGE_DESCRIPTION
    "Shelfscope opens the goodbooks-10k ratings (or a built-in demo library),
trains recommendation models on them and shows them learning, maps the learned
book embeddings with t-SNE, UMAP or PCA, and shows which books a reader is
recommended, and why. shelfscope-cli does the same without a display.
The data set is not included: the app downloads it on request.")
set(CPACK_PACKAGE_HOMEPAGE_URL "https://github.com/shelfscope/shelfscope")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
# Debian's Maintainer field needs a mail address (policy 5.6.2). The project has none yet, so the
# default is in the reserved .invalid domain (RFC 2606), which no one can own; set the real one
# (-DSHELFSCOPE_MAINTAINER=...) and in packaging/debian/changelog before handing the package out.
set(SHELFSCOPE_MAINTAINER "The Shelfscope authors <maintainers@shelfscope.invalid>"
    CACHE STRING "The Debian package's Maintainer field: Name <address>")
set(CPACK_DEBIAN_PACKAGE_MAINTAINER "${SHELFSCOPE_MAINTAINER}")
set(CPACK_DEBIAN_PACKAGE_SECTION science)
# dpkg-shlibdeps computes Depends from the libraries the binaries link (Qt 6, zlib, libstdc++),
# so `apt-get -f install` brings the Qt runtime. The SVG icon engine the window icon needs is a
# plugin in libqt6svg6, which the binaries link anyway.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
include(CPack)

if(SHELFSCOPE_BUILD_TESTS)
    # Builds the package and checks its files, control fields and Depends (packaging/check-deb.sh).
    add_test(NAME package_deb
             COMMAND bash ${PROJECT_SOURCE_DIR}/packaging/check-deb.sh --build ${PROJECT_BINARY_DIR}
                     ${PROJECT_VERSION})
    set_tests_properties(package_deb PROPERTIES LABELS package)
endif()
