#include "pg_bridge.hpp"

#include <cstdio>
#include <new>

extern "C" {
#include "utils/errcodes.h"
}

namespace vellum::pg {

namespace {
void copy_text(char* out, size_t size, const char* text) { std::snprintf(out, size, "%s", text); }
}  // namespace

Datum run_guarded(FunctionBody body, FunctionCallInfo fcinfo) {
    // Only plain buffers survive the catch blocks: the PostgreSQL error is
    // raised after every C++ object of this call has been destroyed.
    ErrorData* pg_error = nullptr;
    int sqlstate = ERRCODE_INTERNAL_ERROR;
    char message[1024] = "";
    char detail[2048] = "";
    char hint[1024] = "";
    try {
        return body(fcinfo);
    } catch (const PgError& e) {
        pg_error = e.data;
    } catch (const SqlError& e) {
        sqlstate = e.sqlstate();
        copy_text(message, sizeof message, e.what());
        copy_text(detail, sizeof detail, e.detail().c_str());
        copy_text(hint, sizeof hint, e.hint().c_str());
    } catch (const std::bad_alloc&) {
        sqlstate = ERRCODE_OUT_OF_MEMORY;
        copy_text(message, sizeof message, "out of memory in the vellum extension");
    } catch (const std::exception& e) {
        copy_text(message, sizeof message, "internal error in the vellum extension");
        copy_text(detail, sizeof detail, e.what());
    } catch (...) {
        copy_text(message, sizeof message, "internal error in the vellum extension");
    }
    if (pg_error) ReThrowError(pg_error);
    ereport(ERROR, (errcode(sqlstate), errmsg("%s", message), detail[0] ? errdetail("%s", detail) : 0,
                    hint[0] ? errhint("%s", hint) : 0));
    return static_cast<Datum>(0);
}

}  // namespace vellum::pg
