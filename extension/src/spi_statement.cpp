#include "spi_statement.hpp"

#include <memory>

#include "jsonb_codec.hpp"
#include "pg_bridge.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/errcodes.h"
#include "utils/guc.h"
#include "utils/uuid.h"
}

namespace vellum::pg {

uint64 SpiStatement::run(const Datum* values, const char* nulls, bool read_only) {
    int rc = 0;
    pg_guard([&] {
        // Set for this statement only, as a function's SET clause does; an
        // error on the way out is undone with the transaction's GUC state.
        int guc_level = -1;
        if (plan_mode_ == Plan::NoSeqScan) {
            guc_level = NewGUCNestLevel();
            (void)set_config_option("enable_seqscan", "off", PGC_USERSET, PGC_S_SESSION, GUC_ACTION_SAVE, true, 0,
                                    false);
        }
        if (!plan_) {
            SPIPlanPtr plan = SPI_prepare_cursor(sql_, static_cast<int>(arg_types_.size()), arg_types_.data(),
                                                 plan_mode_ == Plan::Generic ? CURSOR_OPT_GENERIC_PLAN : 0);
            if (!plan) elog(ERROR, "vellum: could not prepare \"%s\": %s", sql_, SPI_result_code_string(SPI_result));
            SPI_keepplan(plan);
            plan_ = plan;
        }
        rc = SPI_execute_plan(plan_, const_cast<Datum*>(values), nulls, read_only, 0);
        if (guc_level >= 0) AtEOXact_GUC(true, guc_level);
    });
    if (rc < 0) throw SqlError(ERRCODE_INTERNAL_ERROR, std::string("vellum: statement failed: ") + SPI_result_code_string(rc));
    return SPI_processed;
}

SpiConnection::SpiConnection() {
    pg_guard([] {
        if (SPI_connect() != SPI_OK_CONNECT) elog(ERROR, "vellum: SPI_connect failed");
    });
    connected_ = true;
}

SpiConnection::~SpiConnection() {
    // On an error path the transaction's abort cleans SPI up; finishing here
    // could raise an error inside a destructor.
    if (connected_ && !std::uncaught_exceptions()) {
        try {
            finish();
        } catch (...) {
        }
    }
}

void SpiConnection::finish() {
    if (!connected_) return;
    connected_ = false;
    pg_guard([] { SPI_finish(); });
}

bool spi_is_null(uint64 row, int column) {
    bool isnull = true;
    SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column, &isnull);
    return isnull;
}

Datum spi_datum(uint64 row, int column) {
    bool isnull = true;
    return SPI_getbinval(SPI_tuptable->vals[row], SPI_tuptable->tupdesc, column, &isnull);
}

std::string spi_text(uint64 row, int column) {
    std::string out;
    Datum d = spi_datum(row, column);
    text* t = nullptr;
    pg_guard([&] { t = DatumGetTextPP(d); });
    out.assign(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t));
    return out;
}

int64 spi_int64(uint64 row, int column) { return DatumGetInt64(spi_datum(row, column)); }

core::Json spi_json(uint64 row, int column) {
    if (spi_is_null(row, column)) return core::Json();
    return datum_to_json(spi_datum(row, column));
}

Datum text_datum(const std::string& value) {
    Datum d = 0;
    pg_guard([&] { d = PointerGetDatum(cstring_to_text_with_len(value.data(), static_cast<int>(value.size()))); });
    return d;
}

namespace {
// A one-dimensional array; a null pointer in present marks a null element.
Datum build_array(std::vector<Datum>& elements, const std::vector<bool>& present, Oid type, int16 len, bool byval,
                  char align) {
    std::unique_ptr<bool[]> nulls(new bool[elements.size() + 1]);
    for (size_t i = 0; i < elements.size(); ++i) nulls[i] = !present[i];
    int dims[1] = {static_cast<int>(elements.size())};
    int lbs[1] = {1};
    bool* null_flags = nulls.get();
    Datum d = 0;
    pg_guard([&] {
        d = PointerGetDatum(construct_md_array(elements.data(), null_flags, 1, dims, lbs, type, len, byval, align));
    });
    return d;
}
}  // namespace

Datum text_array_datum(const std::vector<std::optional<std::string>>& values) {
    std::vector<Datum> elements;
    std::vector<bool> present;
    for (const auto& v : values) {
        elements.push_back(v ? text_datum(*v) : Datum(0));
        present.push_back(v.has_value());
    }
    return build_array(elements, present, TEXTOID, -1, false, TYPALIGN_INT);
}

Datum jsonb_array_datum(const std::vector<const core::Json*>& values) {
    std::vector<Datum> elements;
    std::vector<bool> present;
    for (const auto* v : values) {
        elements.push_back(v ? PointerGetDatum(json_to_jsonb(*v)) : Datum(0));
        present.push_back(v != nullptr);
    }
    return build_array(elements, present, JSONBOID, -1, false, TYPALIGN_INT);
}

namespace {
int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// 8-4-4-4-12 hex digits; the ids come from uuid_text, so anything else is a bug.
pg_uuid_t parse_canonical_uuid(const std::string& text) {
    pg_uuid_t out;
    size_t at = 0;
    for (size_t i = 0; i < UUID_LEN; ++i) {
        if (at == 8 || at == 13 || at == 18 || at == 23) {
            if (at >= text.size() || text[at] != '-') break;
            ++at;
        }
        int hi = at < text.size() ? hex_digit(text[at]) : -1;
        int lo = at + 1 < text.size() ? hex_digit(text[at + 1]) : -1;
        if (hi < 0 || lo < 0) throw SqlError(ERRCODE_INTERNAL_ERROR, "vellum: \"" + text + "\" is not a canonical uuid");
        out.data[i] = static_cast<unsigned char>(hi * 16 + lo);
        at += 2;
    }
    if (at != text.size()) throw SqlError(ERRCODE_INTERNAL_ERROR, "vellum: \"" + text + "\" is not a canonical uuid");
    return out;
}
}  // namespace

Datum uuid_array_datum(const std::vector<pg_uuid_t>& uuids) {
    std::vector<Datum> elements;
    for (const auto& u : uuids) elements.push_back(UUIDPGetDatum(&u));
    return build_array(elements, std::vector<bool>(uuids.size(), true), UUIDOID, UUID_LEN, false, TYPALIGN_CHAR);
}

Datum uuid_array_datum(const std::vector<std::optional<std::string>>& canonical) {
    // The uuids live in this vector until construct_md_array has copied them.
    std::vector<pg_uuid_t> uuids;
    uuids.reserve(canonical.size());
    std::vector<Datum> elements;
    std::vector<bool> present;
    for (const auto& v : canonical) {
        uuids.push_back(v ? parse_canonical_uuid(*v) : pg_uuid_t{});
        elements.push_back(v ? UUIDPGetDatum(&uuids.back()) : Datum(0));
        present.push_back(v.has_value());
    }
    return build_array(elements, present, UUIDOID, UUID_LEN, false, TYPALIGN_CHAR);
}

Datum int64_array_datum(const std::vector<int64>& values) {
    std::vector<Datum> elements;
    for (auto v : values) elements.push_back(Int64GetDatum(v));
    return build_array(elements, std::vector<bool>(values.size(), true), INT8OID, 8, true, TYPALIGN_DOUBLE);
}

}  // namespace vellum::pg
