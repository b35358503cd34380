// libFuzzer target: the last-writer-wins register merge, the rule every
// replica converges by. The bytes are decoded into three register maps
// (writes with timestamps, client ids and values, over few keys so that they
// collide), and the merge laws are checked on them: commutative, associative,
// idempotent, and the merge keeps per key the greatest of the writes. The
// order under it (compare) must be a total order, and maps must survive
// their JSON form (to_json, text, registers_from_json) unchanged.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "fuzz_check.hpp"
#include "registers.hpp"

using namespace vellum::core;

namespace {

// Values that collide (equal numbers spelt differently, null, containers),
// or any JSON the input spells out.
Json decode_value(FuzzedDataProvider& in) {
    static const char* const common[] = {"null", "true", "false", "0", "-0", "1", "1.0", "1e0", "2", "1e400",
                                         "-1e400", "\"x\"", "\"y\"", "[1]", "{\"k\": 1}"};
    size_t pick = in.ConsumeIntegralInRange<size_t>(0, std::size(common));
    if (pick < std::size(common)) return *parse_json(common[pick]);
    auto parsed = parse_json(in.ConsumeRandomLengthString(64));
    return parsed ? *parsed : Json();
}

Register decode_register(FuzzedDataProvider& in) {
    static const char* const clients[] = {"", "p", "q", "\xc3\xa9"};
    Register r;
    r.t = in.ConsumeBool() ? in.ConsumeIntegralInRange<int64_t>(0, 3) : in.ConsumeIntegral<int64_t>();
    if (in.ConsumeBool()) {
        r.c = clients[in.ConsumeIntegralInRange<size_t>(0, std::size(clients) - 1)];
    } else {
        // Client ids come from parsed JSON or PostgreSQL text: UTF-8, no NUL.
        for (char ch : in.ConsumeRandomLengthString(8))
            if (ch > 0) r.c += ch;
    }
    r.value = decode_value(in);
    return r;
}

RegisterMap decode_map(FuzzedDataProvider& in) {
    static const char* const keys[] = {"a", "b", "c", "x"};
    RegisterMap map;
    size_t writes = in.ConsumeIntegralInRange<size_t>(0, 6);
    for (size_t i = 0; i < writes && in.remaining_bytes() > 0; ++i)
        merge_register(map, keys[in.ConsumeIntegralInRange<size_t>(0, std::size(keys) - 1)], decode_register(in));
    return map;
}

bool same(const RegisterMap& a, const RegisterMap& b) {
    if (a.size() != b.size()) return false;
    for (auto ia = a.begin(), ib = b.begin(); ia != a.end(); ++ia, ++ib)
        if (ia->first != ib->first || compare(ia->second, ib->second) != 0) return false;
    return true;
}

std::string show(const RegisterMap& m) { return to_json_text(to_json(m)); }

int sign(int c) { return (c > 0) - (c < 0); }

void check_order(const Register& a, const Register& b, const Register& c) {
    // Said only when a property fails: building it every run would cost more than the checks.
    auto abc = [&] { return to_json_text(to_json(a)) + " " + to_json_text(to_json(b)) + " " + to_json_text(to_json(c)); };
    FUZZ_CHECK(compare(a, a) == 0, "a register differs from itself: " + abc());
    FUZZ_CHECK(sign(compare(a, b)) == -sign(compare(b, a)), "compare is not antisymmetric: " + abc());
    if (compare(a, b) <= 0 && compare(b, c) <= 0) FUZZ_CHECK(compare(a, c) <= 0, "compare is not transitive: " + abc());
    if (compare(a, b) == 0) FUZZ_CHECK(sign(compare(a, c)) == sign(compare(b, c)), "equal registers order apart: " + abc());
}

// compare is a total order on these three, in whatever order they come.
void check_total_order(const Register& a, const Register& b, const Register& c) {
    check_order(a, b, c);
    check_order(a, c, b);
    check_order(b, a, c);
    check_order(b, c, a);
    check_order(c, a, b);
    check_order(c, b, a);
}

void check_round_trip(const RegisterMap& m) {
    std::string text = show(m);
    auto json = parse_json(text);
    FUZZ_CHECK(json.has_value(), "a map's JSON does not parse: " + text);
    std::string error;
    auto back = registers_from_json(*json, &error);
    FUZZ_CHECK(back.has_value(), "a map's JSON is refused: " + error + ": " + text);
    FUZZ_CHECK(same(*back, m), "a map changed through its JSON: " + text);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    FuzzedDataProvider in(data, size);
    RegisterMap a = decode_map(in), b = decode_map(in), c = decode_map(in);
    auto abc = [&] { return "a=" + show(a) + " b=" + show(b) + " c=" + show(c); };

    RegisterMap ab = merge(a, b);
    FUZZ_CHECK(same(ab, merge(b, a)), "merge is not commutative: " + abc());
    FUZZ_CHECK(same(merge(ab, c), merge(a, merge(b, c))), "merge is not associative: " + abc());
    FUZZ_CHECK(same(merge(a, a), a), "merge is not idempotent: " + abc());
    FUZZ_CHECK(same(merge(ab, a), ab) && same(merge(ab, b), ab), "merging again changes the result: " + abc());
    // Per key, the result is the greatest of the writes that were merged.
    for (const auto& [key, reg] : ab) {
        auto ia = a.find(key), ib = b.find(key);
        FUZZ_CHECK(ia != a.end() || ib != b.end(), "merge invented key " + key + ": " + abc());
        if (ia != a.end()) FUZZ_CHECK(compare(reg, ia->second) >= 0, "merge lost a greater write to " + key + ": " + abc());
        if (ib != b.end()) FUZZ_CHECK(compare(reg, ib->second) >= 0, "merge lost a greater write to " + key + ": " + abc());
    }
    FUZZ_CHECK(ab.size() >= a.size() && ab.size() >= b.size(), "merge dropped a key: " + abc());
    // merge_register says whether it changed the map.
    for (const auto& [key, reg] : b) {
        RegisterMap m = a;
        RegisterMap before = m;
        bool changed = merge_register(m, key, reg);
        FUZZ_CHECK(changed == !same(m, before), "merge_register's answer is wrong for " + key + ": " + abc());
    }

    std::vector<Register> regs;
    for (const auto* m : {&a, &b, &c})
        for (const auto& [key, reg] : *m) regs.push_back(reg);
    for (size_t i = 0; i + 2 < regs.size(); ++i) check_total_order(regs[i], regs[i + 1], regs[i + 2]);
    if (regs.size() >= 2) check_total_order(regs.back(), regs.front(), regs[regs.size() / 2]);

    for (const auto* m : {&a, &b, &c, &ab}) check_round_trip(*m);
    return 0;
}
