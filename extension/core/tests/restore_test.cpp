// Restoring a version is a list of ops; applied in order, they must bring
// the document exactly to the version, never passing through a state the
// document would refuse (a cycle, a child of a missing parent).
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "restore.hpp"
#include "test_support.hpp"

namespace vellum::core {
namespace {

using test::apply_expect;
using test::create_op;
using test::delete_op;
using test::ids_of;
using test::J;
using test::move_op;
using test::update_op;
using test::update_props_op;

// Applies restore_ops as the glue does (live ingestion, clock guard on) and
// checks that none is rejected and that the result is the target.
::testing::AssertionResult RestoresTo(Document& doc, const std::vector<Json>& target) {
    const int64_t t = latest_clock(doc) + 1;
    std::vector<Op> ops = restore_ops(doc, target, t, "vellum-restore");
    for (const Op& op : ops) {
        if (op.timestamp != t && op.timestamp != t + 1)
            return ::testing::AssertionFailure() << "op stamped " << op.timestamp << ", expected " << t << " or "
                                                 << t + 1;
        OpOutcome out = doc.apply(op, t, Limits{});
        if (out.status == OpStatus::Rejected)
            return ::testing::AssertionFailure() << op_type_name(op.type) << " " << op.object_id << " "
                                                 << to_json_text(op.new_value) << " rejected: " << out.reason;
    }
    std::vector<Json> live = doc.live_objects();
    if (live != target) {
        auto failure = ::testing::AssertionFailure() << "after " << ops.size() << " ops\n  live:";
        for (const auto& o : live) failure << " " << to_json_text(o);
        failure << "\n  target:";
        for (const auto& o : target) failure << " " << to_json_text(o);
        return failure;
    }
    return ::testing::AssertionSuccess();
}

TEST(Restore, LatestClockIsTheGreatestStamp) {
    Document doc;
    EXPECT_EQ(latest_clock(doc), 0);
    apply_expect(doc, create_op("a", "rectangle", 5), OpStatus::Applied);
    apply_expect(doc, update_op("a", "x", J("1"), 40), OpStatus::Applied);
    apply_expect(doc, create_op("b", "rectangle", 7), OpStatus::Applied);
    EXPECT_EQ(latest_clock(doc), 40);
    apply_expect(doc, delete_op("b", 90), OpStatus::Applied);  // tombstones count
    EXPECT_EQ(latest_clock(doc), 90);
}

TEST(Restore, NothingToDoWhenAlreadyThere) {
    Document doc;
    apply_expect(doc, create_op("f", "frame", 1), OpStatus::Applied);
    apply_expect(doc, create_op("r", "rectangle", 1, "c1", J(R"({"parentId": "f", "x": 3})")), OpStatus::Applied);
    std::vector<Json> target = doc.live_objects();
    EXPECT_TRUE(restore_ops(doc, target, latest_clock(doc) + 1, "vellum-restore").empty());
}

TEST(Restore, ChangesAndUnsetsProperties) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 1, "c1", J(R"({"x": 1, "fill": "#fff"})")), OpStatus::Applied);
    std::vector<Json> target = doc.live_objects();
    apply_expect(doc, update_props_op("r", J(R"({"x": 5, "stroke": "#000", "name": "later"})"), 2), OpStatus::Applied);
    apply_expect(doc, update_op("r", "fill", Json(), 3), OpStatus::Applied);
    EXPECT_TRUE(RestoresTo(doc, target));
    EXPECT_EQ(doc.live_objects(), std::vector<Json>{J(R"({"id": "r", "type": "rectangle", "x": 1, "fill": "#fff"})")});
}

TEST(Restore, UndeletesWithOnlyTheVersionsProperties) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 1, "c1", J(R"({"x": 1})")), OpStatus::Applied);
    std::vector<Json> target = doc.live_objects();
    // Edited after the version, then deleted: the restored object must not
    // keep the later edits that the tombstone was hiding.
    apply_expect(doc, update_props_op("r", J(R"({"x": 2, "name": "edited"})"), 2), OpStatus::Applied);
    apply_expect(doc, delete_op("r", 3), OpStatus::Applied);
    EXPECT_TRUE(RestoresTo(doc, target));
    EXPECT_FALSE(doc.find("r")->deleted());
}

TEST(Restore, RecreatesObjectsTheDocumentNeverHad) {
    Document version;
    apply_expect(version, create_op("f", "frame", 1), OpStatus::Applied);
    apply_expect(version, create_op("g", "group", 1, "c1", J(R"({"parentId": "f"})")), OpStatus::Applied);
    apply_expect(version, create_op("r", "rectangle", 1, "c1", J(R"({"parentId": "g", "index": "a0"})")),
                 OpStatus::Applied);
    Document empty;
    // Children before parents in id order would fail if attached in one pass.
    EXPECT_TRUE(RestoresTo(empty, version.live_objects()));
}

TEST(Restore, DeletesWhatTheVersionLacks) {
    Document doc;
    apply_expect(doc, create_op("keep", "text", 1), OpStatus::Applied);
    std::vector<Json> target = doc.live_objects();
    apply_expect(doc, create_op("extra1", "frame", 2), OpStatus::Applied);
    apply_expect(doc, create_op("extra2", "ellipse", 2, "c1", J(R"({"parentId": "extra1"})")), OpStatus::Applied);
    EXPECT_TRUE(RestoresTo(doc, target));
    EXPECT_TRUE(doc.find("extra1")->deleted());
    EXPECT_TRUE(doc.find("extra2")->deleted());
    // An empty version empties the document.
    EXPECT_TRUE(RestoresTo(doc, {}));
}

TEST(Restore, ReparentsWhereANaiveOrderWouldMakeACycle) {
    Document doc;
    apply_expect(doc, create_op("A", "group", 1), OpStatus::Applied);
    apply_expect(doc, create_op("B", "group", 1), OpStatus::Applied);
    apply_expect(doc, move_op("A", "B", "a0", 2), OpStatus::Applied);
    std::vector<Json> target = doc.live_objects();  // A inside B
    apply_expect(doc, move_op("A", std::nullopt, "a0", 3), OpStatus::Applied);
    apply_expect(doc, move_op("B", "A", "a0", 4), OpStatus::Applied);  // now B inside A
    // Setting A's parent to B first would be refused as a cycle.
    EXPECT_EQ(doc.apply(update_op("A", "parentId", J("\"B\""), 5), std::nullopt, Limits{}).status, OpStatus::Rejected);
    EXPECT_TRUE(RestoresTo(doc, target));
    EXPECT_EQ(doc.find("A")->value("parentId"), J("\"B\""));
    EXPECT_TRUE(doc.find("B")->value("parentId").is_null());
}

TEST(Restore, RotatesAThreeLevelChain) {
    Document doc;
    for (const char* id : {"A", "B", "C"}) apply_expect(doc, create_op(id, "frame", 1), OpStatus::Applied);
    apply_expect(doc, move_op("B", "A", "a0", 2), OpStatus::Applied);
    apply_expect(doc, move_op("C", "B", "a0", 2), OpStatus::Applied);
    std::vector<Json> target = doc.live_objects();  // A > B > C
    apply_expect(doc, move_op("B", std::nullopt, "a0", 3), OpStatus::Applied);
    apply_expect(doc, move_op("C", std::nullopt, "a0", 3), OpStatus::Applied);
    apply_expect(doc, move_op("B", "C", "a0", 4), OpStatus::Applied);
    apply_expect(doc, move_op("A", "B", "a0", 5), OpStatus::Applied);  // C > B > A
    EXPECT_TRUE(RestoresTo(doc, target));
}

TEST(Restore, UndeletesAParentAndReattachesItsChildren) {
    Document doc;
    apply_expect(doc, create_op("F", "frame", 1), OpStatus::Applied);
    apply_expect(doc, create_op("a", "text", 1, "c1", J(R"({"parentId": "F"})")), OpStatus::Applied);
    apply_expect(doc, create_op("b", "text", 1, "c1", J(R"({"parentId": "F"})")), OpStatus::Applied);
    std::vector<Json> target = doc.live_objects();
    // a moves out, then F is deleted (hiding b).
    apply_expect(doc, move_op("a", std::nullopt, "a0", 2), OpStatus::Applied);
    apply_expect(doc, delete_op("F", 3), OpStatus::Applied);
    ASSERT_EQ(ids_of(doc.live_objects()), std::vector<std::string>{"a"});
    EXPECT_TRUE(RestoresTo(doc, target));
}

TEST(Restore, IsItselfUndoable) {
    // Restore is ordinary ops, so a later restore of the pre-restore state works.
    Document doc;
    apply_expect(doc, create_op("A", "group", 1), OpStatus::Applied);
    apply_expect(doc, create_op("B", "group", 1), OpStatus::Applied);
    apply_expect(doc, move_op("A", "B", "a0", 2), OpStatus::Applied);
    std::vector<Json> v1 = doc.live_objects();
    apply_expect(doc, move_op("A", std::nullopt, "a0", 3), OpStatus::Applied);
    apply_expect(doc, move_op("B", "A", "a0", 4), OpStatus::Applied);
    apply_expect(doc, create_op("C", "text", 5, "c1", J(R"({"parentId": "B"})")), OpStatus::Applied);
    std::vector<Json> v2 = doc.live_objects();
    ASSERT_TRUE(RestoresTo(doc, v1));
    ASSERT_TRUE(RestoresTo(doc, v2));
    ASSERT_TRUE(RestoresTo(doc, v1));
}

// Random histories: snapshot a version midway, keep editing (moves, deletes,
// undeletes, property edits), then restore the version.
TEST(Restore, RandomHistoriesRestoreExactly) {
    test::JsonGen gen(4242);
    const std::vector<std::string> ids = {"a", "b", "c", "d", "e", "f"};
    const std::vector<std::string> types = {"frame", "group", "rectangle", "text"};
    int rejected = 0, restored = 0;
    for (int round = 0; round < 400; ++round) {
        Document doc;
        int64_t clock = 1;
        auto random_op = [&]() -> Op {
            const std::string& id = gen.pick(ids);
            ++clock;
            switch (gen.uniform(0, 5)) {
            case 0: return create_op(id, gen.pick(types), clock, "c1", J(R"({"x": 0})"));
            case 1: return delete_op(id, clock);
            case 2: return move_op(id, gen.chance(0.3) ? std::nullopt : std::optional<std::string>(gen.pick(ids)),
                                   "a" + std::to_string(gen.uniform(0, 9)), clock);
            case 3: return update_op(id, "x", Json::number(static_cast<int64_t>(gen.uniform(0, 3))), clock);
            case 4: return update_op(id, "name", gen.chance(0.5) ? Json() : Json::string(id), clock);
            default: return update_op(id, "fill", gen.chance(0.5) ? J("\"#fff\"") : J("\"#000\""), clock);
            }
        };
        int before = gen.uniform(0, 25), after = gen.uniform(0, 25);
        for (int i = 0; i < before; ++i)
            if (doc.apply(random_op(), std::nullopt, Limits{}).status == OpStatus::Rejected) ++rejected;
        std::vector<Json> target = doc.live_objects();
        for (int i = 0; i < after; ++i)
            if (doc.apply(random_op(), std::nullopt, Limits{}).status == OpStatus::Rejected) ++rejected;
        ASSERT_TRUE(RestoresTo(doc, target)) << "round " << round;
        ++restored;
        // Restoring again is a no-op.
        ASSERT_TRUE(restore_ops(doc, target, latest_clock(doc) + 1, "vellum-restore").empty()) << "round " << round;
    }
    // The histories were rich enough to hit the document's refusals.
    EXPECT_GT(rejected, 100);
    EXPECT_EQ(restored, 400);
}

}  // namespace
}  // namespace vellum::core
