// The LWW merge is the whole consistency model: replicas converge only if
// merge is commutative, associative and idempotent. The domains below are
// tiny so that equal keys, equal (t, c) stamps with different values, and
// equal values with different stamps all happen often.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "registers.hpp"
#include "test_support.hpp"

namespace vellum::core {
namespace {

using test::Contains;
using test::J;
using test::JsonGen;
using test::same_registers;

constexpr int kIterations = 4000;

class RegisterGen {
public:
    explicit RegisterGen(uint32_t seed) : gen_(seed) {}

    Register reg() {
        static const std::vector<Json> values = {
            Json(), J("true"), J("false"), J("0"), J("1"), J("1.0"), J("2"), J("\"x\""), J("\"y\""),
            J("[1]"), J(R"({"k": 1})"),
        };
        static const std::vector<std::string> clients = {"", "p", "q"};
        return Register{gen_.pick(values), gen_.uniform(0, 3), gen_.pick(clients)};
    }

    RegisterMap map() {
        static const std::vector<std::string> keys = {"a", "b", "c", "d"};
        RegisterMap m;
        for (const auto& k : keys)
            if (gen_.chance(0.6)) m[k] = reg();
        return m;
    }

    JsonGen& gen() { return gen_; }

private:
    JsonGen gen_;
};

::testing::AssertionResult SameMaps(const RegisterMap& a, const RegisterMap& b) {
    if (same_registers(a, b)) return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << to_json_text(to_json(a)) << "\n  !=\n" << to_json_text(to_json(b));
}

TEST(MergeLaws, Commutative) {
    RegisterGen g(1);
    for (int i = 0; i < kIterations; ++i) {
        RegisterMap a = g.map(), b = g.map();
        ASSERT_TRUE(SameMaps(merge(a, b), merge(b, a)))
            << "a=" << to_json_text(to_json(a)) << " b=" << to_json_text(to_json(b));
    }
}

TEST(MergeLaws, Associative) {
    RegisterGen g(2);
    for (int i = 0; i < kIterations; ++i) {
        RegisterMap a = g.map(), b = g.map(), c = g.map();
        ASSERT_TRUE(SameMaps(merge(merge(a, b), c), merge(a, merge(b, c))))
            << "a=" << to_json_text(to_json(a)) << " b=" << to_json_text(to_json(b))
            << " c=" << to_json_text(to_json(c));
    }
}

TEST(MergeLaws, Idempotent) {
    RegisterGen g(3);
    for (int i = 0; i < kIterations; ++i) {
        RegisterMap a = g.map(), b = g.map();
        ASSERT_TRUE(SameMaps(merge(a, a), a));
        RegisterMap ab = merge(a, b);
        // Merging in something already merged changes nothing.
        ASSERT_TRUE(SameMaps(merge(ab, b), ab));
        ASSERT_TRUE(SameMaps(merge(ab, a), ab));
    }
}

TEST(MergeLaws, EmptyMapIsTheIdentity) {
    RegisterGen g(4);
    for (int i = 0; i < kIterations / 4; ++i) {
        RegisterMap a = g.map();
        ASSERT_TRUE(SameMaps(merge(a, {}), a));
        ASSERT_TRUE(SameMaps(merge({}, a), a));
    }
}

TEST(MergeLaws, EachKeyHoldsTheMaximumByCompare) {
    RegisterGen g(5);
    for (int i = 0; i < kIterations; ++i) {
        RegisterMap a = g.map(), b = g.map();
        RegisterMap m = merge(a, b);
        for (const auto* side : {&a, &b})
            for (const auto& [k, reg] : *side) ASSERT_TRUE(m.count(k)) << "lost key " << k;
        for (const auto& [k, reg] : m) {
            auto ia = a.find(k), ib = b.find(k);
            ASSERT_TRUE(ia != a.end() || ib != b.end()) << "invented key " << k;
            const Register* expected = nullptr;
            if (ia != a.end()) expected = &ia->second;
            if (ib != b.end() && (!expected || compare(ib->second, *expected) > 0)) expected = &ib->second;
            ASSERT_EQ(compare(reg, *expected), 0) << k;
            if (ia != a.end()) { ASSERT_GE(compare(reg, ia->second), 0); }
            if (ib != b.end()) { ASSERT_GE(compare(reg, ib->second), 0); }
        }
    }
}

TEST(MergeLaws, ManyReplicasConvergeInAnyOrder) {
    // Five replicas' maps folded in random orders give one result.
    RegisterGen g(6);
    for (int i = 0; i < kIterations / 4; ++i) {
        std::vector<RegisterMap> maps;
        for (int k = 0; k < 5; ++k) maps.push_back(g.map());
        RegisterMap first;
        for (const auto& m : maps) first = merge(first, m);
        std::shuffle(maps.begin(), maps.end(), g.gen().rng());
        RegisterMap second;
        for (auto it = maps.rbegin(); it != maps.rend(); ++it) second = merge(*it, second);
        ASSERT_TRUE(SameMaps(first, second));
    }
}

TEST(MergeRegister, ReturnsTrueExactlyWhenTheMapChanged) {
    RegisterGen g(7);
    int changed = 0, unchanged = 0;
    for (int i = 0; i < kIterations; ++i) {
        RegisterMap map = g.map();
        RegisterMap before = map;
        std::string key = std::string(1, static_cast<char>('a' + g.gen().uniform(0, 4)));  // 'e' is never present
        Register candidate = g.reg();
        bool result = merge_register(map, key, candidate);
        ASSERT_EQ(result, !same_registers(before, map))
            << "key " << key << " candidate " << to_json_text(to_json(candidate)) << " map "
            << to_json_text(to_json(before));
        // Only that key may change, and when it does it holds the candidate.
        for (const auto& [k, reg] : before)
            if (k != key) { ASSERT_EQ(compare(map.at(k), reg), 0); }
        if (result) {
            ASSERT_EQ(compare(map.at(key), candidate), 0);
            ++changed;
        } else {
            ASSERT_GE(compare(map.at(key), candidate), 0);
            ++unchanged;
        }
    }
    // The domain is small enough that both outcomes are exercised.
    EXPECT_GT(changed, kIterations / 10);
    EXPECT_GT(unchanged, kIterations / 10);
}

TEST(MergeRegister, EqualStampsResolveByValueWhateverTheOrder) {
    // Two writers that share (t, c) must still agree on one value.
    Register low{J("\"apple\""), 5, "c"};
    Register high{J("\"banana\""), 5, "c"};
    RegisterMap one, two;
    EXPECT_TRUE(merge_register(one, "fill", low));
    EXPECT_TRUE(merge_register(one, "fill", high));
    EXPECT_TRUE(merge_register(two, "fill", high));
    EXPECT_FALSE(merge_register(two, "fill", low));
    EXPECT_EQ(one.at("fill").value, J("\"banana\""));
    EXPECT_EQ(two.at("fill").value, J("\"banana\""));
    // An identical register is not a change.
    EXPECT_FALSE(merge_register(two, "fill", high));
}

TEST(MergeRegister, ClockThenClientThenValue) {
    RegisterMap m;
    merge_register(m, "x", Register{J("9"), 5, "b"});
    // Smaller clock loses even with a greater client and value.
    EXPECT_FALSE(merge_register(m, "x", Register{J("99"), 4, "z"}));
    // Same clock, greater client wins even with a smaller value.
    EXPECT_TRUE(merge_register(m, "x", Register{J("1"), 5, "c"}));
    EXPECT_EQ(m.at("x").value, J("1"));
    // Greater clock wins even with a smaller client.
    EXPECT_TRUE(merge_register(m, "x", Register{J("0"), 6, "a"}));
    EXPECT_EQ(m.at("x").c, "a");
    // null is a value like any other: a newer null (unset) wins.
    EXPECT_TRUE(merge_register(m, "x", Register{Json(), 7, "a"}));
    EXPECT_TRUE(m.at("x").value.is_null());
}

// 1e400 is valid jsonb (numeric); jsonb prints it as "1" and 400 zeros. With
// equal stamps the merge falls back to comparing values, and the three values
// below must not form a cycle, or the order of merges decides the winner.
TEST(MergeLaws, AssociativeForNumbersBeyondDoubleRange) {
    const Json huge = Json::number("1" + std::string(400, '0'));
    RegisterMap a{{"x", Register{huge, 1, "c"}}};
    RegisterMap b{{"x", Register{J("2"), 1, "c"}}};
    RegisterMap c{{"x", Register{J("10"), 1, "c"}}};
    EXPECT_TRUE(SameMaps(merge(merge(a, b), c), merge(a, merge(b, c))));
    EXPECT_TRUE(SameMaps(merge(merge(a, c), b), merge(merge(b, c), a)));
}

TEST(RegisterJson, RoundTripsRandomMaps) {
    RegisterGen g(8);
    for (int i = 0; i < kIterations / 4; ++i) {
        RegisterMap m = g.map();
        Json j = to_json(m);
        std::string error;
        auto back = registers_from_json(j, &error);
        ASSERT_TRUE(back.has_value()) << error;
        ASSERT_TRUE(SameMaps(*back, m));
        // And through text, as a payload would travel.
        auto reparsed = parse_json(to_json_text(j));
        ASSERT_TRUE(reparsed.has_value());
        auto back2 = registers_from_json(*reparsed, &error);
        ASSERT_TRUE(back2.has_value()) << error;
        ASSERT_TRUE(SameMaps(*back2, m));
    }
}

TEST(RegisterJson, WritesVTC) {
    EXPECT_EQ(to_json(Register{J("\"#fff\""), 12, "cl"}), J(R"({"v": "#fff", "t": 12, "c": "cl"})"));
    RegisterMap m{{"fill", Register{J("\"#fff\""), 12, "cl"}}, {"x", Register{Json(), 3, "d"}}};
    EXPECT_EQ(to_json(m), J(R"({"fill": {"v": "#fff", "t": 12, "c": "cl"}, "x": {"v": null, "t": 3, "c": "d"}})"));
    EXPECT_EQ(to_json(RegisterMap{}), J("{}"));
}

TEST(RegisterJson, AcceptsWellFormedEdgeCases) {
    std::string error;
    // A null value (an unset property), a negative clock, an empty client,
    // and an integer clock written with a zero scale, as jsonb may keep it.
    auto m = registers_from_json(
        J(R"({"a": {"v": null, "t": 0, "c": ""}, "b": {"v": [1], "t": -5, "c": "x"}, "c": {"v": 1, "t": 7.00, "c": "y"}})"),
        &error);
    ASSERT_TRUE(m.has_value()) << error;
    EXPECT_TRUE(m->at("a").value.is_null());
    EXPECT_EQ(m->at("b").t, -5);
    EXPECT_EQ(m->at("c").t, 7);
    EXPECT_TRUE(registers_from_json(J("{}"), &error).has_value());
}

struct BadMap {
    const char* json;
    const char* error;
};

TEST(RegisterJson, RejectsMalformedMapsNamingTheProblem) {
    const std::vector<BadMap> cases = {
        {"[]", "a register map must be a JSON object, not array"},
        {"null", "a register map must be a JSON object, not null"},
        {"\"x\"", "a register map must be a JSON object, not string"},
        {"3", "a register map must be a JSON object, not number"},
        {R"({"x": 1})", R"(property "x": a register must be an object {"v", "t", "c"})"},
        {R"({"x": [1, 2, "c"]})", R"(property "x": a register must be an object {"v", "t", "c"})"},
        {R"({"x": {"t": 1, "c": "a"}})", R"(property "x": a register needs "v" (its value))"},
        {R"({"x": {"v": 1, "c": "a"}})", R"(property "x": a register needs "t" (its clock, integer milliseconds))"},
        {R"({"x": {"v": 1, "t": 1}})", R"(property "x": a register needs "c" (its client id))"},
        {R"({"x": {"v": 1, "t": 1.5, "c": "a"}})", R"(property "x": "t" must be an integer number of milliseconds)"},
        {R"({"x": {"v": 1, "t": "1", "c": "a"}})", R"(property "x": "t" must be an integer number of milliseconds)"},
        {R"({"x": {"v": 1, "t": null, "c": "a"}})", R"(property "x": "t" must be an integer number of milliseconds)"},
        {R"({"x": {"v": 1, "t": 1e3, "c": "a"}})", R"(property "x": "t" must be an integer number of milliseconds)"},
        {R"({"x": {"v": 1, "t": 99999999999999999999, "c": "a"}})",
         R"(property "x": "t" must be an integer number of milliseconds)"},
        {R"({"x": {"v": 1, "t": 1, "c": 5}})", R"(property "x": "c" must be a string)"},
        {R"({"x": {"v": 1, "t": 1, "c": null}})", R"(property "x": "c" must be a string)"},
        {R"({"x": {"v": 1, "t": 1, "c": "a", "w": 0}})", R"(property "x": a register has only "v", "t" and "c")"},
        // The first bad property is the one named.
        {R"({"a": {"v": 1, "t": 1, "c": "a"}, "b": {"v": 1}, "c": 7})", R"(property "b": a register needs "t" (its clock, integer milliseconds))"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.json);
        std::string error;
        EXPECT_FALSE(registers_from_json(J(c.json), &error).has_value());
        EXPECT_EQ(error, c.error);
        // No error out-parameter is allowed too.
        EXPECT_FALSE(registers_from_json(J(c.json), nullptr).has_value());
    }
}

TEST(RegisterJson, ValuesOfOmitsUnsetProperties) {
    RegisterMap m{{"fill", Register{J("\"#fff\""), 1, "a"}},
                  {"name", Register{Json(), 2, "a"}},
                  {"x", Register{J("0"), 3, "a"}},
                  {"visible", Register{J("false"), 4, "a"}}};
    EXPECT_EQ(values_of(m), J(R"({"fill": "#fff", "visible": false, "x": 0})"));
    EXPECT_EQ(values_of(RegisterMap{}), J("{}"));
}

}  // namespace
}  // namespace vellum::core
