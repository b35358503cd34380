// Prepared SPI statements, planned once per backend and reused: the ingestion
// path runs the same few statements for every batch.
#pragma once

extern "C" {
#include "postgres.h"
#include "executor/spi.h"
#include "utils/uuid.h"
}

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "../core/json.hpp"

namespace vellum::pg {

class SpiStatement {
public:
    // How the plan cache plans the statement: as PostgreSQL chooses (custom
    // plans while they look cheaper than the generic one), always the
    // generic plan, planned once per backend, or as PostgreSQL chooses but
    // never with a sequential scan (enable_seqscan off while it is planned
    // and run). The last is for reading one file's rows when that file is
    // most of the table: PostgreSQL then prefers a sequential scan, which on
    // a table over a quarter of shared_buffers goes through a small ring of
    // buffers and so reads every page from the kernel again on each call (a
    // 100,000-object file: 257 ms by sequential scan, 185 ms by its key).
    enum class Plan { Chosen, Generic, NoSeqScan };

    SpiStatement(const char* sql, std::initializer_list<Oid> arg_types, Plan plan = Plan::Chosen)
        : sql_(sql), arg_types_(arg_types), plan_mode_(plan) {}

    // Runs the statement with one Datum per argument (nulls: 'n' marks a
    // null, ' ' a value, as SPI wants). Returns the number of rows; the rows
    // are in SPI_tuptable until the next statement.
    uint64 run(const Datum* values, const char* nulls, bool read_only);

private:
    const char* sql_;
    std::vector<Oid> arg_types_;
    Plan plan_mode_;
    SPIPlanPtr plan_ = nullptr;
};

// Connects to SPI for the life of the object.
class SpiConnection {
public:
    SpiConnection();
    ~SpiConnection();
    SpiConnection(const SpiConnection&) = delete;
    SpiConnection& operator=(const SpiConnection&) = delete;
    // Disconnects now (results built afterwards land in the caller's context).
    void finish();

private:
    bool connected_ = false;
};

// Reading the current SPI_tuptable.
bool spi_is_null(uint64 row, int column);
Datum spi_datum(uint64 row, int column);
std::string spi_text(uint64 row, int column);
int64 spi_int64(uint64 row, int column);
core::Json spi_json(uint64 row, int column);

// Datums for arguments, allocated in the current memory context.
Datum text_datum(const std::string& value);
// Null elements: an empty optional, or a null pointer.
Datum text_array_datum(const std::vector<std::optional<std::string>>& values);
Datum jsonb_array_datum(const std::vector<const core::Json*>& values);
Datum int64_array_datum(const std::vector<int64>& values);
// A uuid[] of ids in their canonical text (as uuid_text writes them): passed
// as uuid[] rather than text[] cast in SQL, which PostgreSQL would convert
// element by element on every execution, and for a filter on every row.
Datum uuid_array_datum(const std::vector<std::optional<std::string>>& canonical);
Datum uuid_array_datum(const std::vector<pg_uuid_t>& uuids);

}  // namespace vellum::pg
