# The wasm build: an ES module (MODULARIZE + EXPORT_ES6) that loads in browsers, workers and Node
# (Node passes the bytes as wasmBinary). No embind, no ports, no filesystem.
file(GLOB OC_ABI_SOURCES CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/wasm/*.cpp")

set(OC_WASM_LINK
  -sMODULARIZE=1 -sEXPORT_ES6=1 -sENVIRONMENT=web,worker
  -sALLOW_MEMORY_GROWTH=1 -sINITIAL_MEMORY=33554432 -sMAXIMUM_MEMORY=2147483648
  -sFILESYSTEM=0 -sEXIT_RUNTIME=0 -sDISABLE_EXCEPTION_CATCHING=1
  -sEXPORTED_FUNCTIONS=_malloc,_free
  --no-entry
  # Keeps the instance's export names (oc_pool_alloc, ...) unminified at -O3, so that engine/ calls the
  # wasm exports directly instead of the glue's JS wrappers (emcc turns export-name minification off
  # when library_exports.js is linked; the library itself adds nothing unless called).
  -lexports.js)

add_executable(openclaw_core_wasm ${OC_ABI_SOURCES})
target_link_libraries(openclaw_core_wasm PRIVATE openclaw_core)
target_compile_options(openclaw_core_wasm PRIVATE ${OC_WARNINGS} -fno-exceptions -fno-rtti)
target_link_options(openclaw_core_wasm PRIVATE ${OC_WASM_LINK} -sEXPORT_NAME=createCore)
set_target_properties(openclaw_core_wasm PROPERTIES OUTPUT_NAME "openclaw_core" SUFFIX ".mjs")

# The shared-memory core: the same ABI over a SharedArrayBuffer memory, so that workers can write
# decoded assets straight into the cache (docs/streaming.md). Emscripten 3.1.6 has no -sSHARED_MEMORY:
# -pthread is what gives a shared memory (imported as env.memory, not exported). No thread is ever
# started; the .worker.js emcc writes next to it is unused but shipped with it. Every object linked
# into a shared memory needs atomics, hence a core library of its own compiled with -pthread.
oc_core_library(openclaw_core_shared)
target_compile_options(openclaw_core_shared PRIVATE -pthread)
add_executable(openclaw_core_shared_wasm ${OC_ABI_SOURCES})
target_link_libraries(openclaw_core_shared_wasm PRIVATE openclaw_core_shared)
target_compile_options(openclaw_core_shared_wasm PRIVATE ${OC_WARNINGS} -fno-exceptions -fno-rtti -pthread)
target_link_options(openclaw_core_shared_wasm PRIVATE ${OC_WASM_LINK} -pthread -sEXPORT_NAME=createCore)
set_target_properties(openclaw_core_shared_wasm PROPERTIES OUTPUT_NAME "openclaw_core_shared" SUFFIX ".mjs")

# The wasm side of `npm run bench`: the same core plus the benchmark loops, in a module of its own
# so that the shipped core stays small.
file(GLOB OC_WASM_BENCH_SOURCES CONFIGURE_DEPENDS "${CMAKE_CURRENT_SOURCE_DIR}/bench/*.cpp")
if(OC_WASM_BENCH_SOURCES)
  add_executable(openclaw_bench_wasm ${OC_WASM_BENCH_SOURCES})
  target_link_libraries(openclaw_bench_wasm PRIVATE openclaw_core)
  target_compile_options(openclaw_bench_wasm PRIVATE ${OC_WARNINGS} -fno-exceptions -fno-rtti)
  target_link_options(openclaw_bench_wasm PRIVATE ${OC_WASM_LINK} -sEXPORT_NAME=createBench)
  set_target_properties(openclaw_bench_wasm PROPERTIES OUTPUT_NAME "openclaw_bench" SUFFIX ".mjs")
endif()
