// How one op changes a document: LWW per property, tombstones, the tree's
// rules, the clock guard, and what is reported back (status, old value,
// changed objects) to the glue that writes rows and results.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "document.hpp"
#include "test_support.hpp"

namespace vellum::core {
namespace {

using test::apply_expect;
using test::Contains;
using test::create_op;
using test::delete_op;
using test::ids_of;
using test::J;
using test::move_op;
using test::update_op;
using test::update_props_op;

using Ids = std::vector<std::string>;

TEST(Document, CreateUpdateDeleteMoveAreApplied) {
    Document doc;
    OpOutcome created = apply_expect(doc, create_op("r", "rectangle", 1, "c1", J(R"({"x": 1})")), OpStatus::Applied);
    EXPECT_TRUE(created.old_value.is_null());  // nothing was there
    EXPECT_EQ(doc.live_objects(), std::vector<Json>{J(R"({"id": "r", "type": "rectangle", "x": 1})")});

    apply_expect(doc, update_op("r", "x", J("2"), 2), OpStatus::Applied);
    apply_expect(doc, create_op("f", "frame", 3), OpStatus::Applied);
    apply_expect(doc, move_op("r", "f", "a0", 4), OpStatus::Applied);
    EXPECT_EQ(doc.live_objects(), (std::vector<Json>{J(R"({"id": "f", "type": "frame"})"),
                                                     J(R"({"id": "r", "type": "rectangle", "x": 2,
                                                           "parentId": "f", "index": "a0"})")}));
    apply_expect(doc, delete_op("r", 5), OpStatus::Applied);
    EXPECT_EQ(ids_of(doc.live_objects()), Ids{"f"});
    ASSERT_NE(doc.find("r"), nullptr);
    EXPECT_TRUE(doc.find("r")->deleted());  // a tombstone, not an erasure
}

TEST(Document, StatusNames) {
    EXPECT_STREQ(op_status_name(OpStatus::Applied), "applied");
    EXPECT_STREQ(op_status_name(OpStatus::Superseded), "superseded");
    EXPECT_STREQ(op_status_name(OpStatus::Duplicate), "duplicate");
    EXPECT_STREQ(op_status_name(OpStatus::Rejected), "rejected");
}

TEST(Document, OlderUpdateIsSuperseded) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 1), OpStatus::Applied);
    apply_expect(doc, update_op("r", "x", J("5"), 10, "c1"), OpStatus::Applied);
    OpOutcome late = apply_expect(doc, update_op("r", "x", J("3"), 5, "c2"), OpStatus::Superseded);
    EXPECT_TRUE(late.old_value.is_null());  // only applied ops report one
    EXPECT_EQ(doc.find("r")->value("x"), J("5"));
    // Same clock: the greater client id wins.
    apply_expect(doc, update_op("r", "x", J("7"), 10, "c0"), OpStatus::Superseded);
    apply_expect(doc, update_op("r", "x", J("8"), 10, "c2"), OpStatus::Applied);
    EXPECT_EQ(doc.find("r")->value("x"), J("8"));
    // The very same op again changes nothing.
    apply_expect(doc, update_op("r", "x", J("8"), 10, "c2"), OpStatus::Superseded);
}

TEST(Document, UpdateAppliesWhenAnyPropertyWins) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 1), OpStatus::Applied);
    apply_expect(doc, update_op("r", "x", J("5"), 10), OpStatus::Applied);
    // x loses (older) but y wins: applied, and x keeps the newer value.
    OpOutcome partial = apply_expect(doc, update_props_op("r", J(R"({"x": 1, "y": 2})"), 7), OpStatus::Applied);
    EXPECT_EQ(doc.find("r")->value("x"), J("5"));
    EXPECT_EQ(doc.find("r")->value("y"), J("2"));
    // What is logged and relayed is what took effect: y only.
    EXPECT_EQ(partial.effective_value, J(R"({"y": 2})"));
    // An op that wins whole is logged as sent.
    OpOutcome whole = apply_expect(doc, update_props_op("r", J(R"({"x": 6, "y": 3})"), 11), OpStatus::Applied);
    EXPECT_TRUE(whole.effective_value.is_null());
    EXPECT_TRUE(apply_expect(doc, update_op("r", "x", J("9"), 12), OpStatus::Applied).effective_value.is_null());
}

TEST(Document, PartlyLosingCreateAndMoveReportWhatTookEffect) {
    Document doc;
    apply_expect(doc, create_op("f", "frame", 1), OpStatus::Applied);
    apply_expect(doc, create_op("r", "rectangle", 1, "c1", J(R"({"x": 1})")), OpStatus::Applied);
    apply_expect(doc, update_op("r", "index", J(R"("a5")"), 20), OpStatus::Applied);
    // The move's parentId wins, its index (older than a5's) does not.
    OpOutcome moved = apply_expect(doc, move_op("r", "f", "a0", 10), OpStatus::Applied);
    EXPECT_EQ(moved.effective_value, J(R"({"parentId": "f"})"));
    EXPECT_EQ(doc.find("r")->value("index"), J(R"("a5")"));
    // Re-created with an older x than the one it has: x stays, fill is new.
    apply_expect(doc, update_op("r", "x", J("7"), 30), OpStatus::Applied);
    OpOutcome again = apply_expect(doc, create_op("r", "rectangle", 25, "c1", J(R"({"x": 2, "fill": "#fff"})")), OpStatus::Applied);
    ASSERT_TRUE(again.effective_value.is_object());
    EXPECT_EQ(again.effective_value.members().size(), 2u);
    EXPECT_NE(again.effective_value.find("fill"), nullptr);
    EXPECT_NE(again.effective_value.find("type"), nullptr);
    EXPECT_EQ(again.effective_value.find("x"), nullptr);
    EXPECT_EQ(doc.find("r")->value("x"), J("7"));
}

TEST(Document, NullUnsetsAProperty) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 1, "c1", J(R"({"fill": "#fff"})")), OpStatus::Applied);
    apply_expect(doc, update_op("r", "fill", Json(), 2), OpStatus::Applied);
    EXPECT_EQ(doc.live_objects(), std::vector<Json>{J(R"({"id": "r", "type": "rectangle"})")});
}

TEST(Document, UpdateOrMoveOfUnknownObjectIsRejected) {
    Document doc;
    OpOutcome u = apply_expect(doc, update_op("ghost", "x", J("1"), 1), OpStatus::Rejected);
    EXPECT_TRUE(Contains(u.reason, "object \"ghost\" does not exist"));
    OpOutcome m = apply_expect(doc, move_op("ghost", std::nullopt, "a0", 1), OpStatus::Rejected);
    EXPECT_TRUE(Contains(m.reason, "does not exist"));
    OpOutcome d = apply_expect(doc, delete_op("ghost", 1), OpStatus::Rejected);
    EXPECT_TRUE(Contains(d.reason, "does not exist"));
    EXPECT_TRUE(doc.changed().empty());
    EXPECT_TRUE(doc.live_objects().empty());
}

TEST(Document, UpdateOrMoveOfDeletedObjectIsRejected) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 1), OpStatus::Applied);
    apply_expect(doc, delete_op("r", 2), OpStatus::Applied);
    // Even a newer update: only an undelete (a newer create) brings it back.
    OpOutcome u = apply_expect(doc, update_op("r", "x", J("1"), 3), OpStatus::Rejected);
    EXPECT_TRUE(Contains(u.reason, "object \"r\" is deleted"));
    OpOutcome m = apply_expect(doc, move_op("r", std::nullopt, "a0", 3), OpStatus::Rejected);
    EXPECT_TRUE(Contains(m.reason, "is deleted"));
    EXPECT_TRUE(doc.find("r")->value("x").is_null());
}

TEST(Document, DeleteBeatsAnOlderUpdateInEitherOrder) {
    // Update first, then the newer delete.
    Document a;
    apply_expect(a, create_op("r", "rectangle", 1), OpStatus::Applied);
    apply_expect(a, update_op("r", "x", J("1"), 5), OpStatus::Applied);
    apply_expect(a, delete_op("r", 10), OpStatus::Applied);
    EXPECT_TRUE(a.live_objects().empty());
    // The delete arrives first; the late, older update cannot resurrect it.
    Document b;
    apply_expect(b, create_op("r", "rectangle", 1), OpStatus::Applied);
    apply_expect(b, delete_op("r", 10), OpStatus::Applied);
    apply_expect(b, update_op("r", "x", J("1"), 5), OpStatus::Rejected);
    EXPECT_TRUE(b.live_objects().empty());
    EXPECT_TRUE(b.find("r")->deleted());
}

TEST(Document, DeleteOlderThanTheCreateIsSuperseded) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 10), OpStatus::Applied);
    OpOutcome d = apply_expect(doc, delete_op("r", 5), OpStatus::Superseded);
    EXPECT_TRUE(d.old_value.is_null());
    EXPECT_EQ(ids_of(doc.live_objects()), Ids{"r"});
}

TEST(Document, OlderDeleteOfADeletedObjectIsSuperseded) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 1), OpStatus::Applied);
    apply_expect(doc, delete_op("r", 10), OpStatus::Applied);
    apply_expect(doc, delete_op("r", 5), OpStatus::Superseded);
    EXPECT_EQ(doc.find("r")->tombstone->t, 10);
}

TEST(Document, NewerCreateUndeletesOlderCreateDoesNot) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 1, "c1", J(R"({"x": 1})")), OpStatus::Applied);
    apply_expect(doc, delete_op("r", 10), OpStatus::Applied);
    // An older re-create (say, a delayed retry) does not resurrect it.
    apply_expect(doc, create_op("r", "rectangle", 5), OpStatus::Superseded);
    EXPECT_TRUE(doc.live_objects().empty());
    // Same clock and client as the delete: the delete still wins.
    apply_expect(doc, create_op("r", "rectangle", 10), OpStatus::Superseded);
    EXPECT_TRUE(doc.live_objects().empty());
    // A newer one (an undo) does, and the old registers come back with it.
    OpOutcome undo = apply_expect(doc, create_op("r", "rectangle", 11), OpStatus::Applied);
    EXPECT_EQ(undo.old_value, J(R"({"type": "rectangle"})"));
    EXPECT_EQ(doc.live_objects(), std::vector<Json>{J(R"({"id": "r", "type": "rectangle", "x": 1})")});
    EXPECT_FALSE(doc.find("r")->deleted());
    // And a delete newer than the undo deletes again.
    apply_expect(doc, delete_op("r", 12), OpStatus::Applied);
    EXPECT_TRUE(doc.live_objects().empty());
}

TEST(Document, CreateOfALiveObjectMergesLikeAnUpdate) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 5, "c1", J(R"({"x": 1})")), OpStatus::Applied);
    // Older: nothing wins.
    apply_expect(doc, create_op("r", "rectangle", 3, "c1", J(R"({"x": 9})")), OpStatus::Superseded);
    EXPECT_EQ(doc.find("r")->value("x"), J("1"));
    // Newer: its properties win, with the old values reported.
    OpOutcome out = apply_expect(doc, create_op("r", "rectangle", 7, "c1", J(R"({"x": 9})")), OpStatus::Applied);
    EXPECT_EQ(out.old_value, J(R"({"type": "rectangle", "x": 1})"));
    EXPECT_EQ(doc.find("r")->value("x"), J("9"));
}

// A frame turned into a rectangle would keep children under a non-container,
// so the type is fixed at creation, whatever the op and its clock.
TEST(Document, TypeIsFixedAtCreation) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 5), OpStatus::Applied);
    for (int64_t t : {3, 7}) {
        SCOPED_TRACE(t);
        OpOutcome out = apply_expect(doc, create_op("r", "frame", t), OpStatus::Rejected);
        EXPECT_TRUE(Contains(out.reason, "the type of an object cannot change (it is rectangle)"));
        out = apply_expect(doc, update_op("r", "type", J("\"ellipse\""), t), OpStatus::Rejected);
        EXPECT_TRUE(Contains(out.reason, "cannot change"));
        out = apply_expect(doc, update_props_op("r", J(R"({"x": 1, "type": "group"})"), t), OpStatus::Rejected);
        EXPECT_TRUE(doc.find("r")->value("x").is_null());  // nothing of a rejected op is kept
    }
    // Writing the same type is harmless.
    apply_expect(doc, update_op("r", "type", J("\"rectangle\""), 8), OpStatus::Applied);
    // A deleted object comes back only as what it was.
    apply_expect(doc, delete_op("r", 9), OpStatus::Applied);
    apply_expect(doc, create_op("r", "frame", 10), OpStatus::Rejected);
    EXPECT_TRUE(doc.find("r")->deleted());
    apply_expect(doc, create_op("r", "rectangle", 11), OpStatus::Applied);
    EXPECT_EQ(doc.live_objects(), std::vector<Json>{J(R"({"id": "r", "type": "rectangle"})")});
}

// Two groups and a rectangle: the tree rules.
Document tree_doc() {
    Document doc;
    apply_expect(doc, create_op("A", "group", 1), OpStatus::Applied);
    apply_expect(doc, create_op("B", "group", 1), OpStatus::Applied);
    apply_expect(doc, create_op("C", "frame", 1), OpStatus::Applied);
    apply_expect(doc, create_op("R", "rectangle", 1), OpStatus::Applied);
    return doc;
}

TEST(Document, MoveIntoAContainer) {
    Document doc = tree_doc();
    OpOutcome out = apply_expect(doc, move_op("R", "C", "a0", 2), OpStatus::Applied);
    EXPECT_EQ(out.old_value, J(R"({"parentId": null, "index": null})"));
    EXPECT_EQ(doc.find("R")->value("parentId"), J("\"C\""));
    EXPECT_EQ(doc.find("R")->value("index"), J("\"a0\""));
    // Back to the page.
    out = apply_expect(doc, move_op("R", std::nullopt, "a1", 3), OpStatus::Applied);
    EXPECT_EQ(out.old_value, J(R"({"parentId": "C", "index": "a0"})"));
    EXPECT_TRUE(doc.find("R")->value("parentId").is_null());
    // An older move is superseded.
    apply_expect(doc, move_op("R", "C", "a2", 2), OpStatus::Superseded);
    EXPECT_TRUE(doc.find("R")->value("parentId").is_null());
}

TEST(Document, MoveThatMakesACycleIsRejected) {
    Document doc = tree_doc();
    apply_expect(doc, move_op("A", "B", "a0", 2), OpStatus::Applied);
    OpOutcome out = apply_expect(doc, move_op("B", "A", "a0", 3), OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "would make a cycle"));
    EXPECT_TRUE(doc.find("B")->value("parentId").is_null());
    // Longer loops too: A in B, B in C, then C into A.
    apply_expect(doc, move_op("B", "C", "a0", 4), OpStatus::Applied);
    out = apply_expect(doc, move_op("C", "A", "a0", 5), OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "cycle"));
    // The same check guards parentId written by an update or a create.
    out = apply_expect(doc, update_op("C", "parentId", J("\"A\""), 6), OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "cycle"));
    out = apply_expect(doc, create_op("C", "frame", 7, "c1", J(R"({"parentId": "A"})")), OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "cycle"));
    EXPECT_TRUE(doc.find("C")->value("parentId").is_null());
}

TEST(Document, ObjectCannotBeItsOwnParent) {
    Document doc = tree_doc();
    OpOutcome out = apply_expect(doc, move_op("A", "A", "a0", 2), OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "object \"A\" cannot be its own parent"));
    out = apply_expect(doc, update_op("A", "parentId", J("\"A\""), 2), OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "its own parent"));
}

TEST(Document, ParentMustBeALiveContainer) {
    Document doc = tree_doc();
    OpOutcome out = apply_expect(doc, move_op("A", "R", "a0", 2), OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "parent \"R\" is a rectangle; only frames and groups hold children"));
    apply_expect(doc, create_op("E", "ellipse", 1), OpStatus::Applied);
    out = apply_expect(doc, move_op("A", "E", "a0", 2), OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "parent \"E\" is an ellipse; only frames and groups hold children"));
    out = apply_expect(doc, move_op("A", "nowhere", "a0", 2), OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "parent \"nowhere\" does not exist"));
    apply_expect(doc, delete_op("B", 2), OpStatus::Applied);
    out = apply_expect(doc, move_op("A", "B", "a0", 3), OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "parent \"B\" is deleted"));
    out = apply_expect(doc, create_op("N", "text", 3, "c1", J(R"({"parentId": "B"})")), OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "parent \"B\" is deleted"));
    // A rejected create leaves no object behind.
    EXPECT_EQ(doc.find("N"), nullptr);
    EXPECT_TRUE(doc.find("A")->value("parentId").is_null());
    // Frames and groups both hold children.
    apply_expect(doc, move_op("R", "C", "a0", 4), OpStatus::Applied);
    apply_expect(doc, move_op("C", "A", "a0", 4), OpStatus::Applied);
}

TEST(Document, ClockGuardRejectsTheFarFutureButReplayAcceptsIt) {
    Limits limits;  // 60 s of skew
    const int64_t now = 1'700'000'000'000;
    Document doc;
    EXPECT_EQ(doc.apply(create_op("r", "rectangle", now), now, limits).status, OpStatus::Applied);
    // Exactly at the allowance: accepted.
    EXPECT_EQ(doc.apply(update_op("r", "x", J("1"), now + 60000), now, limits).status, OpStatus::Applied);
    // One millisecond beyond: rejected, saying by how much.
    OpOutcome out = doc.apply(update_op("r", "x", J("2"), now + 60001), now, limits);
    EXPECT_EQ(out.status, OpStatus::Rejected);
    EXPECT_TRUE(Contains(out.reason, "60001 ms ahead of the server clock"));
    EXPECT_TRUE(Contains(out.reason, "allows 60000"));
    EXPECT_EQ(doc.find("r")->value("x"), J("1"));
    // Replay passes no clock: the op was accepted once, so it applies.
    EXPECT_EQ(doc.apply(update_op("r", "x", J("2"), now + 60001), std::nullopt, limits).status, OpStatus::Applied);
    EXPECT_EQ(doc.find("r")->value("x"), J("2"));
    // The allowance is a setting.
    limits.max_clock_skew_ms = 0;
    EXPECT_EQ(doc.apply(update_op("r", "y", J("1"), now + 1), now, limits).status, OpStatus::Rejected);
    EXPECT_EQ(doc.apply(update_op("r", "y", J("1"), now), now, limits).status, OpStatus::Applied);
    // Every op type is guarded.
    EXPECT_EQ(doc.apply(delete_op("r", now + 1), now, limits).status, OpStatus::Rejected);
    EXPECT_EQ(doc.apply(create_op("s", "text", now + 1), now, limits).status, OpStatus::Rejected);
    EXPECT_EQ(doc.apply(move_op("r", std::nullopt, "a0", now + 1), now, limits).status, OpStatus::Rejected);
    EXPECT_EQ(doc.find("s"), nullptr);
}

TEST(Document, LiveObjectsHidesDescendantsOfDeletedAncestors) {
    Document doc;
    apply_expect(doc, create_op("F", "frame", 1), OpStatus::Applied);
    apply_expect(doc, create_op("G", "group", 1, "c1", J(R"({"parentId": "F"})")), OpStatus::Applied);
    apply_expect(doc, create_op("R", "rectangle", 1, "c1", J(R"({"parentId": "G"})")), OpStatus::Applied);
    apply_expect(doc, create_op("S", "ellipse", 1), OpStatus::Applied);
    EXPECT_EQ(ids_of(doc.live_objects()), (Ids{"F", "G", "R", "S"}));
    apply_expect(doc, delete_op("F", 2), OpStatus::Applied);
    EXPECT_EQ(ids_of(doc.live_objects()), Ids{"S"});
    // The children are not deleted themselves, only hidden...
    EXPECT_FALSE(doc.find("R")->deleted());
    // ...so undoing the delete brings back the whole subtree.
    apply_expect(doc, create_op("F", "frame", 3), OpStatus::Applied);
    EXPECT_EQ(ids_of(doc.live_objects()), (Ids{"F", "G", "R", "S"}));
    // Deleting the middle hides only below it.
    apply_expect(doc, delete_op("G", 4), OpStatus::Applied);
    EXPECT_EQ(ids_of(doc.live_objects()), (Ids{"F", "S"}));
}

TEST(Document, LiveObjectsHidesOrphansAndCycles) {
    // Rows a bug or a hand edit left behind must not crash or show.
    ObjectState orphan;
    orphan.registers["type"] = Register{J("\"rectangle\""), 1, "c"};
    orphan.registers["parentId"] = Register{J("\"missing\""), 1, "c"};
    ObjectState loop_a;
    loop_a.registers["type"] = Register{J("\"group\""), 1, "c"};
    loop_a.registers["parentId"] = Register{J("\"loop-b\""), 1, "c"};
    ObjectState loop_b = loop_a;
    loop_b.registers["parentId"] = Register{J("\"loop-a\""), 1, "c"};
    ObjectState fine;
    fine.registers["type"] = Register{J("\"text\""), 1, "c"};
    Document doc;
    doc.preload("orphan", orphan);
    doc.preload("loop-a", loop_a);
    doc.preload("loop-b", loop_b);
    doc.preload("fine", fine);
    doc.preload("absent", std::nullopt);
    EXPECT_EQ(ids_of(doc.live_objects()), Ids{"fine"});
    // Preloading is not a change.
    EXPECT_TRUE(doc.changed().empty());
    // And a move into the corrupted loop is refused rather than looping forever.
    OpOutcome out = apply_expect(doc, move_op("fine", "loop-a", "a0", 2), OpStatus::Rejected);
    EXPECT_FALSE(out.reason.empty());
}

TEST(Document, LiveObjectsAreSortedById) {
    Document doc;
    for (const char* id : {"m", "b", "z", "a", "B", "a1"}) apply_expect(doc, create_op(id, "text", 1), OpStatus::Applied);
    EXPECT_EQ(ids_of(doc.live_objects()), (Ids{"B", "a", "a1", "b", "m", "z"}));
}

TEST(Document, ReportsOldValues) {
    Document doc;
    apply_expect(doc, create_op("r", "rectangle", 1, "c1", J(R"({"x": 1, "fill": "#000"})")), OpStatus::Applied);
    // With a path: the old value itself.
    EXPECT_EQ(apply_expect(doc, update_op("r", "x", J("2"), 2), OpStatus::Applied).old_value, J("1"));
    EXPECT_EQ(apply_expect(doc, update_op("r", "name", J("\"n\""), 3), OpStatus::Applied).old_value, Json());
    // Without: an object of the old values of what was written.
    EXPECT_EQ(apply_expect(doc, update_props_op("r", J(R"({"x": 3, "y": 4})"), 4), OpStatus::Applied).old_value,
              J(R"({"x": 2, "y": null})"));
    // A delete reports what the object was (unset properties left out).
    apply_expect(doc, update_op("r", "name", Json(), 5), OpStatus::Applied);
    EXPECT_EQ(apply_expect(doc, delete_op("r", 6), OpStatus::Applied).old_value,
              J(R"({"type": "rectangle", "x": 3, "y": 4, "fill": "#000"})"));
    // Rejections report none.
    EXPECT_TRUE(apply_expect(doc, update_op("r", "x", J("5"), 7), OpStatus::Rejected).old_value.is_null());
}

TEST(Document, ChangedListsExactlyTheChangedObjects) {
    Document doc;
    ObjectState a, b;
    a.registers["type"] = Register{J("\"rectangle\""), 1, "c"};
    a.tombstone = Register{J("false"), 1, "c"};
    b = a;
    doc.preload("a", a);
    doc.preload("b", b);
    EXPECT_TRUE(doc.changed().empty());

    apply_expect(doc, update_op("a", "x", J("1"), 5), OpStatus::Applied);
    // A superseded op after an applied one on the same object keeps it changed.
    apply_expect(doc, update_op("a", "x", J("0"), 4), OpStatus::Superseded);
    EXPECT_EQ(doc.changed(), std::set<std::string>{"a"});
    // Superseded and rejected ops on another object do not mark it.
    apply_expect(doc, update_op("b", "type", J("\"rectangle\""), 0), OpStatus::Superseded);
    apply_expect(doc, move_op("b", "b", "a0", 9), OpStatus::Rejected);
    apply_expect(doc, update_op("nope", "x", J("1"), 9), OpStatus::Rejected);
    EXPECT_EQ(doc.changed(), std::set<std::string>{"a"});
    // A read (find, live_objects) does not mark anything.
    doc.find("b");
    doc.live_objects();
    EXPECT_EQ(doc.changed(), std::set<std::string>{"a"});
    // Creates and deletes do.
    apply_expect(doc, create_op("c", "text", 1), OpStatus::Applied);
    apply_expect(doc, delete_op("b", 9), OpStatus::Applied);
    EXPECT_EQ(doc.changed(), (std::set<std::string>{"a", "b", "c"}));
}

TEST(Document, LoadsObjectsOnDemandOnce) {
    int loads = 0;
    Document doc([&](const std::string& id) -> std::optional<ObjectState> {
        ++loads;
        if (id != "stored") return std::nullopt;
        ObjectState s;
        s.registers["type"] = Register{J("\"frame\""), 1, "c"};
        s.tombstone = Register{J("false"), 1, "c"};
        return s;
    });
    apply_expect(doc, update_op("stored", "x", J("1"), 2), OpStatus::Applied);
    apply_expect(doc, update_op("stored", "y", J("1"), 2), OpStatus::Applied);
    EXPECT_EQ(loads, 1);
    // A miss is remembered too.
    apply_expect(doc, update_op("missing", "x", J("1"), 2), OpStatus::Rejected);
    apply_expect(doc, update_op("missing", "x", J("1"), 2), OpStatus::Rejected);
    EXPECT_EQ(loads, 2);
    // Parents are loaded for the tree check.
    apply_expect(doc, create_op("child", "text", 3, "c1", J(R"({"parentId": "stored"})")), OpStatus::Applied);
    EXPECT_EQ(doc.changed(), (std::set<std::string>{"child", "stored"}));
}

// Convergence: the same set of updates, applied in two different orders,
// leaves equal registers.
TEST(Document, UpdatesConvergeWhateverTheirOrder) {
    test::JsonGen gen(99);
    const std::vector<std::string> ids = {"a", "b", "c"};
    const std::vector<std::string> props = {"x", "fill", "name", "visible", "custom"};
    const std::vector<std::string> clients = {"c1", "c2", "c3"};
    const std::vector<Json> values = {J("1"), J("2"), J("\"#fff\""), J("\"#000\""), J("true"), J("false"),
                                      Json(), J("\"n\""), J("[1]")};
    for (int round = 0; round < 300; ++round) {
        std::vector<Op> ops;
        int n = gen.uniform(1, 25);
        for (int i = 0; i < n; ++i) {
            const std::string& prop = gen.pick(props);
            Json value = gen.pick(values);
            // Keep only values the property accepts, so every op is valid.
            while (validate_property(prop, value)) value = gen.pick(values);
            if (gen.chance(0.5)) {
                ops.push_back(update_op(gen.pick(ids), prop, value, gen.uniform(2, 5), gen.pick(clients)));
            } else {
                Json p = Json::object();
                p.set(prop, value);
                const std::string& other = gen.pick(props);
                Json v2 = gen.pick(values);
                if (!validate_property(other, v2)) p.set(other, v2);
                ops.push_back(update_props_op(gen.pick(ids), p, gen.uniform(2, 5), gen.pick(clients)));
            }
        }
        Document one, two;
        for (auto* doc : {&one, &two})
            for (const auto& id : ids) apply_expect(*doc, create_op(id, "rectangle", 1), OpStatus::Applied);
        std::vector<Op> shuffled = ops;
        std::shuffle(shuffled.begin(), shuffled.end(), gen.rng());
        for (const auto& op : ops) ASSERT_NE(one.apply(op, std::nullopt, Limits{}).status, OpStatus::Rejected);
        for (const auto& op : shuffled) ASSERT_NE(two.apply(op, std::nullopt, Limits{}).status, OpStatus::Rejected);
        for (const auto& id : ids) {
            ASSERT_TRUE(test::same_registers(one.find(id)->registers, two.find(id)->registers))
                << "round " << round << " object " << id << ":\n"
                << to_json_text(to_json(one.find(id)->registers)) << "\n"
                << to_json_text(to_json(two.find(id)->registers));
        }
        ASSERT_EQ(one.live_objects(), two.live_objects());
    }
}

}  // namespace
}  // namespace vellum::core
