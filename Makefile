# Vellum: the PostgreSQL extension (PGXS) and the umbrella targets.
#
#   make            build the extension        make install   install it
#   make installcheck   pg_regress and isolation specs against a running server
#   make run        everything, locally         make test      every suite
#   make bench      benchmarks that print figures
#   make bench-editor   the editor benchmark alone (Vellum, a Canvas2D floor, Excalidraw)
#   make chaos      gateway kills, PostgreSQL crashes, Redis restarts under editing
#   make fuzz       every fuzzer: convergence (10,000 in-process runs, 500 end to end)
#                   and the coverage-guided ones (libFuzzer, FUZZ_SECONDS each)

PG_CONFIG ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)

MODULE_big = vellum
CORE_SOURCES = $(wildcard extension/core/*.cpp)
GLUE_SOURCES = $(wildcard extension/src/*.cpp)
OBJS = $(CORE_SOURCES:.cpp=.o) $(GLUE_SOURCES:.cpp=.o)

MODULEDIR = extension
DATA = extension/sql/vellum--0.1.0.sql extension/sql/vellum--0.1.0--0.2.0.sql extension/sql/vellum--0.2.0--0.3.0.sql extension/sql/vellum--0.3.0--0.4.0.sql
EXTRA_INSTALL =

# pg_regress: one test per feature, listed in regress/schedule.
REGRESS = $(shell sed -n 's/^test: //p' regress/schedule)
REGRESS_OPTS = --inputdir=. --load-extension=vellum
ISOLATION = $(basename $(notdir $(wildcard regress/specs/*.spec)))
ISOLATION_OPTS = --inputdir=regress --load-extension=vellum

SHLIB_LINK = -lstdc++

# No LLVM bitcode: the JIT gains nothing here and it would need clang.
override with_llvm = no

PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
# A fresh machine: `make run` and `make test` install the packages first.
all install installcheck:
	@echo "PostgreSQL 15 development files are missing: run 'make deps' (or make run / make test)" >&2; exit 1
endif

# Our C++ with every warning an error; PostgreSQL's headers as system headers
# so that their warnings are not ours.
VELLUM_CXXFLAGS = -std=c++17 -O2 -g -fPIC -Wall -Wextra -Werror \
	-Wno-missing-field-initializers -isystem $(includedir_server) -isystem $(includedir_internal)

extension/%.o: extension/%.cpp $(wildcard extension/core/*.hpp extension/src/*.hpp)
	$(CXX) $(VELLUM_CXXFLAGS) -c -o $@ $<

# The control file lives in extension/ (the top level is fixed), so PGXS's
# EXTENSION variable, which expects it at the top, is not used.
install: install-control
install-control:
	$(INSTALL_DATA) extension/vellum.control '$(DESTDIR)$(datadir)/extension/'
.PHONY: install-control

.PHONY: run stop test bench bench-editor deps chaos fuzz fuzz-convergence fuzz-e2e fuzz-libfuzzer
deps:
	bash regress/install_deps.sh
run:
	bash regress/run.sh
stop:
	bash regress/stop.sh
test:
	bash regress/test.sh
bench:
	bash regress/install_deps.sh
	$(MAKE) -s all install
	cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null && cmake --build build -j2 --target vellum-gateway
	bash regress/bench.sh
	VELLUM_GATEWAY=build/vellum-gateway bash regress/bench/gateway_bench.sh
	BENCH_SCENARIOS=2 BENCH_S2_FILES=200 VELLUM_GATEWAY=build/vellum-gateway bash regress/bench/gateway_bench.sh
	RATE_LIMIT=5000 BENCH_SCENARIOS=4 VELLUM_GATEWAY=build/vellum-gateway bash regress/bench/gateway_bench.sh
	bash regress/bench/log_size_bench.sh
	bash regress/bench/autosave_bench.sh
	bash regress/bench/editor/editor_bench.sh
	bash regress/bench/around_canvas_bench.sh
bench-editor:
	bash regress/bench/editor/editor_bench.sh
chaos:
	bash regress/chaos/chaos.sh chaos
fuzz: fuzz-convergence fuzz-e2e fuzz-libfuzzer
# The client's document layer against a model of the server's merge, 10,000 seeded runs.
fuzz-convergence:
	bash gateway/web/scripts/fuzz-convergence.sh
# 500 seeded runs of 3 to 6 editors and a SQL writer against the real gateway and PostgreSQL.
fuzz-e2e:
	bash regress/chaos/chaos.sh fuzz --runs 500
# The coverage-guided fuzzers (libFuzzer), FUZZ_SECONDS a target (default 60).
fuzz-libfuzzer:
	bash regress/fuzz/libfuzzer.sh
