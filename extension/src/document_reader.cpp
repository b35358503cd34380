// vellum.document() and vellum.document_text() straight from the stored
// registers: the value of each register is taken as it is stored, without the
// C++ document in between (which is for merging, and costs a tree of copies
// per object: opening a 100,000-object file spent most of its time there).
// Both list what Document::live_objects lists: live objects whose ancestors
// are all live, their set properties and their id, sorted by id.
#include "document_reader.hpp"

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pg_bridge.hpp"
#include "pg_values.hpp"
#include "spi_statement.hpp"

extern "C" {
#include "catalog/pg_type.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"
#include "utils/numeric.h"
}

namespace vellum::pg {

namespace {

// As in core/document.cpp: deeper than this, the tree is taken as broken and
// the object as hidden.
constexpr int kMaxTreeDepth = 10000;

JsonbValue string_value(const char* s, size_t n) {
    JsonbValue v;
    v.type = jbvString;
    v.val.string.val = const_cast<char*>(s);
    v.val.string.len = static_cast<int>(n);
    return v;
}

// The "v" of register `name` of a registers object, or nullptr when it has none.
JsonbValue* register_value(JsonbContainer* registers, const char* name, size_t len, JsonbValue* reg, JsonbValue* out) {
    if (!getKeyJsonValueFromContainer(registers, name, static_cast<uint32>(len), reg) || reg->type != jbvBinary)
        return nullptr;
    return getKeyJsonValueFromContainer(reg->val.binary.data, "v", 1, out);
}

struct Row {
    std::string id;
    std::string parent;  // empty: at the page
    Jsonb* registers;
};

// The live rows whose ancestors are all live, sorted by id; they point into
// SPI's memory, so they are read before SPI_finish.
struct ShownRows {
    std::vector<Row> rows;
    std::vector<const Row*> shown;
};

ShownRows read_shown_rows(const pg_uuid_t& file_id) {
    // Unordered: sorted below by id. An ORDER BY sorts the whole rows, registers
    // and all, which for a large file spills to disk (a third of the time to
    // read a 100,000-object file); here only pointers move.
    static SpiStatement select_live(
        "SELECT object_id, registers FROM vellum.objects WHERE file_id = $1 AND NOT deleted", {UUIDOID},
        SpiStatement::Plan::NoSeqScan);
    Datum args[1] = {UUIDPGetDatum(&file_id)};
    uint64 n = select_live.run(args, " ", true);

    ShownRows out;
    std::vector<Row>& rows = out.rows;
    rows.reserve(n);
    bool any_parent = false;
    for (uint64 r = 0; r < n; ++r) {
        Row row{spi_text(r, 1), std::string(), nullptr};
        Datum registers = spi_datum(r, 2);
        pg_guard([&] {
            row.registers = DatumGetJsonbP(registers);
            JsonbValue reg, parent;
            JsonbValue* p = register_value(&row.registers->root, "parentId", 8, &reg, &parent);
            if (p && p->type == jbvString) row.parent.assign(p->val.string.val, p->val.string.len);
        });
        any_parent |= !row.parent.empty();
        rows.push_back(std::move(row));
    }
    out.shown.reserve(rows.size());
    if (!any_parent) {
        // All at the page (a flat file): nothing can be hidden by an ancestor.
        for (const Row& row : rows) out.shown.push_back(&row);
    } else {
        std::unordered_map<std::string_view, size_t> live;
        live.reserve(n);
        for (size_t i = 0; i < rows.size(); ++i) live.emplace(rows[i].id, i);
        // Hidden: an ancestor missing or deleted (not among the live rows), or a chain too deep.
        auto hidden = [&](const Row& row) {
            const Row* node = &row;
            for (int depth = 0; depth < kMaxTreeDepth; ++depth) {
                if (node->parent.empty()) return false;
                auto up = live.find(node->parent);
                if (up == live.end()) return true;
                node = &rows[up->second];
            }
            return true;
        };
        for (const Row& row : rows)
            if (!hidden(row)) out.shown.push_back(&row);
    }
    // Byte order of ids (std::string compares bytes), as the C++ document sorts
    // them, whatever the database's collation.
    std::sort(out.shown.begin(), out.shown.end(), [](const Row* a, const Row* b) { return a->id < b->id; });
    return out;
}

// Calls f(name, value) for each register that holds a value, in the stored order.
template <typename F>
void for_each_value(const Row& row, F&& f) {
    JsonbIterator* it = JsonbIteratorInit(&row.registers->root);
    JsonbValue v;
    JsonbIteratorToken token;
    while ((token = JsonbIteratorNext(&it, &v, true)) != WJB_DONE) {
        if (token != WJB_KEY) continue;
        JsonbValue name = v;
        token = JsonbIteratorNext(&it, &v, true);
        if (token != WJB_VALUE || v.type != jbvBinary) continue;
        // "id" is the object's id, never a property (apply_ops refuses it); the row's id stands.
        if (name.val.string.len == 2 && memcmp(name.val.string.val, "id", 2) == 0) continue;
        JsonbValue value;
        if (!getKeyJsonValueFromContainer(v.val.binary.data, "v", 1, &value) || value.type == jbvNull) continue;
        f(name, value);
    }
}

// Pushes {"id": id, name: value...} for each register holding a value.
void push_object(JsonbParseState** state, const Row& row) {
    pushJsonbValue(state, WJB_BEGIN_OBJECT, nullptr);
    JsonbValue key = string_value("id", 2);
    JsonbValue id = string_value(row.id.data(), row.id.size());
    pushJsonbValue(state, WJB_KEY, &key);
    pushJsonbValue(state, WJB_VALUE, &id);
    for_each_value(row, [&](JsonbValue& name, JsonbValue& value) {
        pushJsonbValue(state, WJB_KEY, &name);
        pushJsonbValue(state, WJB_VALUE, &value);
    });
    pushJsonbValue(state, WJB_END_OBJECT, nullptr);
}

// One register value as JSON text, as jsonb_out writes it.
void append_value(std::string& out, const JsonbValue& value) {
    switch (value.type) {
    case jbvString: core::append_json_string(out, std::string_view(value.val.string.val, value.val.string.len)); break;
    case jbvNumeric: {
        char* text = DatumGetCString(DirectFunctionCall1(numeric_out, NumericGetDatum(value.val.numeric)));
        out += text;
        pfree(text);
        break;
    }
    case jbvBool: out += value.val.boolean ? "true" : "false"; break;
    case jbvBinary: {
        char* text = JsonbToCString(nullptr, value.val.binary.data, value.val.binary.len);
        out += text;
        pfree(text);
        break;
    }
    default: out += "null"; break;
    }
}

}  // namespace

Jsonb* document_jsonb(const pg_uuid_t& file_id, int64 seq, MemoryContext result_context) {
    ShownRows read = read_shown_rows(file_id);
    const std::vector<const Row*>& shown = read.shown;
    // Built in the caller's memory context (SPI's goes at SPI_finish), while the
    // rows it points into are still there.
    Jsonb* out = nullptr;
    std::string file_text = uuid_text(file_id);
    pg_guard([&] {
        MemoryContext old = MemoryContextSwitchTo(result_context);
        JsonbParseState* state = nullptr;
        pushJsonbValue(&state, WJB_BEGIN_OBJECT, nullptr);
        JsonbValue key = string_value("fileId", 6);
        JsonbValue file = string_value(file_text.data(), file_text.size());
        pushJsonbValue(&state, WJB_KEY, &key);
        pushJsonbValue(&state, WJB_VALUE, &file);
        key = string_value("seq", 3);
        JsonbValue seq_value;
        seq_value.type = jbvNumeric;
        seq_value.val.numeric = DatumGetNumeric(DirectFunctionCall1(int8_numeric, Int64GetDatum(seq)));
        pushJsonbValue(&state, WJB_KEY, &key);
        pushJsonbValue(&state, WJB_VALUE, &seq_value);
        key = string_value("objects", 7);
        pushJsonbValue(&state, WJB_KEY, &key);
        pushJsonbValue(&state, WJB_BEGIN_ARRAY, nullptr);
        for (const Row* row : shown) push_object(&state, *row);
        pushJsonbValue(&state, WJB_END_ARRAY, nullptr);
        JsonbValue* root = pushJsonbValue(&state, WJB_END_OBJECT, nullptr);
        out = JsonbValueToJsonb(root);
        MemoryContextSwitchTo(old);
    });
    return out;
}

std::string document_text(const pg_uuid_t& file_id, int64 seq) {
    ShownRows read = read_shown_rows(file_id);
    std::string out;
    out.reserve(64 + read.rows.size() * 160);
    out += "{\"fileId\": \"" + uuid_text(file_id) + "\", \"seq\": " + std::to_string(seq) + ", \"objects\": [";
    bool first = true;
    for (const Row* row : read.shown) {
        out += first ? "{\"id\": " : ", {\"id\": ";
        first = false;
        core::append_json_string(out, row->id);
        pg_guard([&] {
            for_each_value(*row, [&](JsonbValue& name, JsonbValue& value) {
                out += ", ";
                core::append_json_string(out, std::string_view(name.val.string.val, name.val.string.len));
                out += ": ";
                append_value(out, value);
            });
        });
        out += '}';
    }
    out += "]}";
    return out;
}

}  // namespace vellum::pg
