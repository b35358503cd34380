// The one place where C++ exceptions and PostgreSQL errors meet.
//
// PostgreSQL reports errors with longjmp, which skips C++ destructors; C++
// reports them with exceptions, which PostgreSQL cannot catch. So:
//  - every SQL-callable function is declared with VELLUM_FUNCTION, whose
//    boundary catches every C++ exception and raises the PostgreSQL error only
//    after all C++ scopes have closed;
//  - C++ code that must call PostgreSQL does it inside pg_guard(), which turns
//    a PostgreSQL error into a PgError exception (and a C++ exception thrown
//    inside it is carried across the PG_TRY frame untouched).
#pragma once

extern "C" {
#include "postgres.h"
#include "fmgr.h"
#include "utils/elog.h"
}

#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

namespace vellum::pg {

// A PostgreSQL error caught by pg_guard, rethrown at the boundary unchanged.
struct PgError {
    ErrorData* data;
};

// An error of ours, raised at the boundary with this SQLSTATE.
class SqlError : public std::runtime_error {
public:
    SqlError(int sqlstate, std::string message, std::string detail = {}, std::string hint = {})
        : std::runtime_error(std::move(message)), sqlstate_(sqlstate), detail_(std::move(detail)),
          hint_(std::move(hint)) {}
    int sqlstate() const { return sqlstate_; }
    const std::string& detail() const { return detail_; }
    const std::string& hint() const { return hint_; }

private:
    int sqlstate_;
    std::string detail_;
    std::string hint_;
};

// Runs f, which calls PostgreSQL; a PostgreSQL error becomes PgError.
// f must keep only trivially destructible locals of its own.
template <typename F>
void pg_guard(F&& f) {
    MemoryContext context = CurrentMemoryContext;
    ErrorData* volatile pg_error = nullptr;
    std::exception_ptr cpp_error;
    PG_TRY();
    {
        try {
            f();
        } catch (...) {
            cpp_error = std::current_exception();
        }
    }
    PG_CATCH();
    {
        MemoryContextSwitchTo(context);
        pg_error = CopyErrorData();
        FlushErrorState();
    }
    PG_END_TRY();
    if (pg_error) throw PgError{pg_error};
    if (cpp_error) std::rethrow_exception(cpp_error);
}

using FunctionBody = Datum (*)(FunctionCallInfo);

// Calls body and turns whatever it throws into a PostgreSQL error.
Datum run_guarded(FunctionBody body, FunctionCallInfo fcinfo);

}  // namespace vellum::pg

// Declares a SQL-callable function with the error boundary around its body.
#define VELLUM_FUNCTION(name)                                                         \
    extern "C" {                                                                      \
    PG_FUNCTION_INFO_V1(name);                                                        \
    }                                                                                 \
    static Datum name##_body([[maybe_unused]] FunctionCallInfo fcinfo);               \
    extern "C" Datum name(PG_FUNCTION_ARGS) { return vellum::pg::run_guarded(name##_body, fcinfo); } \
    static Datum name##_body([[maybe_unused]] FunctionCallInfo fcinfo)
