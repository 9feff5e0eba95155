# Toolchain file for the WebAssembly build of native-legacy/ (used by tools/setup/build.mjs):
#   cmake -S native-legacy -B build/wasm -DCMAKE_TOOLCHAIN_FILE=emscripten.cmake
# Emscripten comes from $EMSDK when a user has emsdk, otherwise from `emcc` on PATH (Debian's
# package, 3.1.6). Ports are never used: they download, and this project must build offline.

if(DEFINED ENV{EMSDK} AND EXISTS "$ENV{EMSDK}/upstream/emscripten/emcc")
  set(OC_EMSCRIPTEN_ROOT "$ENV{EMSDK}/upstream/emscripten")
else()
  find_program(OC_EMCC emcc)
  if(NOT OC_EMCC)
    message(FATAL_ERROR "emcc not found: install Debian's 'emscripten node-acorn' packages or set EMSDK")
  endif()
  get_filename_component(OC_EMCC_REAL "${OC_EMCC}" REALPATH)
  get_filename_component(OC_EMSCRIPTEN_ROOT "${OC_EMCC_REAL}" DIRECTORY)
endif()

set(OC_EMSCRIPTEN_PLATFORM "${OC_EMSCRIPTEN_ROOT}/cmake/Modules/Platform/Emscripten.cmake")
if(NOT EXISTS "${OC_EMSCRIPTEN_PLATFORM}")
  message(FATAL_ERROR "Emscripten's CMake platform file is missing: ${OC_EMSCRIPTEN_PLATFORM}")
endif()
include("${OC_EMSCRIPTEN_PLATFORM}")

# Debian's emcc runs its JS optimizer with the system's node and needs acorn from /usr/share/nodejs;
# without it linking at -O2/-O3 fails with "Cannot find module 'acorn'". Launchers carry the setting
# into every compile and link, so a plain `cmake --build` works from any shell.
if(EXISTS "/usr/share/nodejs/acorn")
  set(OC_EM_ENV "${CMAKE_COMMAND}" -E env "NODE_PATH=/usr/share/nodejs")
  set(CMAKE_C_COMPILER_LAUNCHER ${OC_EM_ENV} CACHE STRING "" FORCE)
  set(CMAKE_CXX_COMPILER_LAUNCHER ${OC_EM_ENV} CACHE STRING "" FORCE)
  set(CMAKE_CXX_LINKER_LAUNCHER ${OC_EM_ENV} CACHE STRING "" FORCE)
endif()
