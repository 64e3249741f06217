// Contract of store::units (units.hpp), on every backend.
#include "store/units.hpp"

#include "storage_test_support.hpp"

namespace motcua::store::testing {
namespace {

using base::ErrorCode;
using domain::Unit;
using domain::UnitType;

class UnitsTest : public StoreTest {
protected:
    // Inserts and commits; returns the stored unit.
    Unit Add(const Unit& unit) {
        auto tx = db_->Begin(TxMode::kWrite);
        EXPECT_TRUE(IsOk(tx));
        if (!tx) {
            return {};
        }
        auto stored = units::Insert(**tx, unit);
        EXPECT_TRUE(IsOk(stored)) << unit.code;
        EXPECT_TRUE(IsOk((*tx)->Commit()));
        return stored ? *stored : Unit{};
    }

    std::optional<Unit> Load(std::int64_t id) {
        auto tx = db_->Begin(TxMode::kRead);
        EXPECT_TRUE(IsOk(tx));
        if (!tx) {
            return std::nullopt;
        }
        auto unit = units::Get(**tx, id);
        EXPECT_TRUE(IsOk(unit));
        return unit ? *unit : std::nullopt;
    }

    std::optional<std::int64_t> ParentOn(std::int64_t id, std::chrono::sys_days day) {
        auto tx = db_->Begin(TxMode::kRead);
        EXPECT_TRUE(IsOk(tx));
        if (!tx) {
            return std::nullopt;
        }
        auto parent = units::ParentOn(**tx, id, day);
        EXPECT_TRUE(IsOk(parent));
        return parent ? *parent : std::nullopt;
    }

    bool InSubtree(std::int64_t id, std::int64_t ancestor) {
        auto tx = db_->Begin(TxMode::kRead);
        EXPECT_TRUE(IsOk(tx));
        if (!tx) {
            return false;
        }
        auto inside = units::IsInSubtree(**tx, id, ancestor);
        EXPECT_TRUE(IsOk(inside));
        return inside && *inside;
    }
};
INSTANTIATE_TEST_SUITE_P(Backends, UnitsTest, ::testing::ValuesIn(Backends()), BackendName);

TEST_P(UnitsTest, InsertReturnsIdAndVersionOneAndReadsBack) {
    const Unit province = Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)));
    EXPECT_GT(province.id, 0);
    EXPECT_EQ(province.version, 1);
    Unit ward = MakeUnit("00004", UnitType::kCommune, province.id, D(2025, 7, 1));
    ward.name = "Phường Ba Đình";
    ward.valid_to = D(2030, 12, 31);
    const Unit stored = Add(ward);
    EXPECT_NE(stored.id, province.id);

    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto by_id, units::Get(*tx, stored.id));
    ASSERT_TRUE(by_id.has_value());
    EXPECT_EQ(by_id->code, "00004");
    EXPECT_EQ(by_id->type, UnitType::kCommune);
    EXPECT_EQ(by_id->name, "Phường Ba Đình");
    EXPECT_EQ(by_id->parent_id, province.id);
    EXPECT_EQ(by_id->valid_from, D(2025, 7, 1));
    EXPECT_EQ(by_id->valid_to, D(2030, 12, 31));
    EXPECT_EQ(by_id->merged_into, std::nullopt);
    EXPECT_EQ(by_id->version, 1);
    ASSIGN_OR_FAIL(auto by_code, units::GetByCode(*tx, "00004"));
    ASSERT_TRUE(by_code.has_value());
    EXPECT_EQ(by_code->id, stored.id);
    ASSIGN_OR_FAIL(auto missing, units::Get(*tx, stored.id + 1000));
    EXPECT_FALSE(missing.has_value());
    ASSIGN_OR_FAIL(auto missing_code, units::GetByCode(*tx, "nope"));
    EXPECT_FALSE(missing_code.has_value());
    ASSIGN_OR_FAIL(auto parent, units::ParentOn(*tx, stored.id, D(2025, 7, 1)));
    EXPECT_EQ(parent, province.id);
    ASSIGN_OR_FAIL(auto before, units::ParentOn(*tx, stored.id, D(2025, 6, 30)));
    EXPECT_EQ(before, std::nullopt);
}

TEST_P(UnitsTest, ListIsOrderedByCodeBytewise) {
    // Byte order on both backends ("C" collation on PostgreSQL): '.' < '0' < '9' < 'A' < 'a'.
    for (const char* code : {"b", "10", "1.5", "A", "02"}) {
        Add(MakeUnit(code, UnitType::kProvince, std::nullopt, D(2025, 7, 1)));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto all, units::List(*tx));
    std::vector<std::string> codes;
    codes.reserve(all.size());
    for (const Unit& u : all) {
        codes.push_back(u.code);
    }
    EXPECT_EQ(codes, (std::vector<std::string>{"02", "1.5", "10", "A", "b"}));
}

TEST_P(UnitsTest, DuplicateCodeIsAlreadyExists) {
    Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)));
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    const auto duplicate =
        units::Insert(*tx, MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)));
    ASSERT_TRUE(HasCode(duplicate, ErrorCode::kAlreadyExists));
    EXPECT_NE(duplicate.error().message.find("01"), std::string::npos);
}

TEST_P(UnitsTest, UnknownParentIsFailedPrecondition) {
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(units::Insert(*tx, MakeUnit("X", UnitType::kCommune, 4242, D(2025, 7, 1))),
                        ErrorCode::kFailedPrecondition));
}

TEST_P(UnitsTest, DatabaseConstraintsMapToErrorCodes) {
    const Unit province = Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)));
    const std::string insert =
        "INSERT INTO units (code, type, name, parent_id, valid_from) VALUES ($1, $2, $3, $4, $5)";
    const auto run = [&](std::vector<Value> params) -> base::Result<std::int64_t> {
        auto tx = db_->Begin(TxMode::kWrite);
        if (!tx) {
            return std::move(tx).error();
        }
        return (*tx)->Execute(insert, params);
    };
    const Value day{std::string("2025-07-01")};
    // UNIQUE
    EXPECT_TRUE(HasCode(run({Value{std::string("01")}, Value{std::string("province")},
                             Value{std::string("A")}, Value{}, day}),
                        ErrorCode::kAlreadyExists));
    // FOREIGN KEY
    EXPECT_TRUE(HasCode(run({Value{std::string("02")}, Value{std::string("commune")},
                             Value{std::string("B")}, Value{std::int64_t{province.id + 99}}, day}),
                        ErrorCode::kFailedPrecondition));
    // CHECK
    EXPECT_TRUE(HasCode(run({Value{std::string("03")}, Value{std::string("planet")},
                             Value{std::string("C")}, Value{}, day}),
                        ErrorCode::kFailedPrecondition));
    // NOT NULL
    EXPECT_TRUE(HasCode(
        run({Value{std::string("04")}, Value{std::string("province")}, Value{}, Value{}, day}),
        ErrorCode::kFailedPrecondition));
    // PRIMARY KEY
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(tx->Execute("INSERT INTO unit_parents (unit_id, parent_id, valid_from) "
                                    "VALUES ($1, NULL, $2)",
                                    std::vector<Value>{Value{province.id}, day}),
                        ErrorCode::kAlreadyExists));
}

TEST_P(UnitsTest, UpdateChangesFieldsAndBumpsVersion) {
    const Unit province = Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)));
    Unit changed = province;
    changed.name = "Thành phố Hà Nội";
    changed.code = "001";
    changed.valid_from = D(2025, 6, 1);
    changed.valid_to = D(2040, 1, 1);
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto updated, units::Update(*tx, changed));
        EXPECT_EQ(updated.version, 2);
        EXPECT_EQ(updated.name, "Thành phố Hà Nội");
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    const auto loaded = Load(province.id);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->code, "001");
    EXPECT_EQ(loaded->valid_from, D(2025, 6, 1));
    EXPECT_EQ(loaded->valid_to, D(2040, 1, 1));
    EXPECT_EQ(loaded->version, 2);
}

TEST_P(UnitsTest, StaleUpdateIsAbortedAndWritesNothing) {
    const Unit province = Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)));
    Unit first = province;
    first.name = "Lần một";
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(units::Update(*tx, first)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    Unit stale = province;  // still version 1
    stale.name = "Lần hai";
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        const auto result = units::Update(*tx, stale);
        ASSERT_TRUE(HasCode(result, ErrorCode::kAborted));
        EXPECT_NE(result.error().message.find("đã bị thay đổi bởi người khác"), std::string::npos);
        ASSERT_TRUE(IsOk(tx->Commit()));  // even a caller that commits anyway writes nothing
    }
    const auto loaded = Load(province.id);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->name, "Lần một");
    EXPECT_EQ(loaded->version, 2);
}

TEST_P(UnitsTest, UpdateOfUnknownUnitIsNotFoundAndDuplicateCodeIsAlreadyExists) {
    const Unit a = Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2025, 7, 1)));
    Add(MakeUnit("02", UnitType::kProvince, std::nullopt, D(2025, 7, 1)));
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        Unit ghost = a;
        ghost.id = a.id + 1000;
        EXPECT_TRUE(HasCode(units::Update(*tx, ghost), ErrorCode::kNotFound));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    Unit clash = a;
    clash.code = "02";
    EXPECT_TRUE(HasCode(units::Update(*tx, clash), ErrorCode::kAlreadyExists));
}

TEST_P(UnitsTest, ReparentKeepsTheOldPeriod) {
    const Unit p1 = Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2020, 1, 1)));
    const Unit p2 = Add(MakeUnit("02", UnitType::kProvince, std::nullopt, D(2020, 1, 1)));
    const Unit district = Add(MakeUnit("001", UnitType::kDistrict, p1.id, D(2020, 1, 1)));
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto moved, units::Reparent(*tx, district.id, p2.id, D(2025, 7, 1), 1));
        EXPECT_EQ(moved.parent_id, p2.id);
        EXPECT_EQ(moved.version, 2);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    EXPECT_EQ(ParentOn(district.id, D(2020, 1, 1)), p1.id);
    EXPECT_EQ(ParentOn(district.id, D(2025, 6, 30)), p1.id);
    EXPECT_EQ(ParentOn(district.id, D(2025, 7, 1)), p2.id);
    EXPECT_EQ(ParentOn(district.id, D(2099, 1, 1)), p2.id);
    EXPECT_EQ(ParentOn(district.id, D(2019, 12, 31)), std::nullopt);
    EXPECT_TRUE(InSubtree(district.id, p2.id));
    EXPECT_FALSE(InSubtree(district.id, p1.id));

    // A second move on the same day replaces that period instead of adding one.
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(units::Reparent(*tx, district.id, p1.id, D(2025, 7, 1), 2)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    EXPECT_EQ(ParentOn(district.id, D(2025, 7, 1)), p1.id);
    EXPECT_EQ(ParentOn(district.id, D(2025, 6, 30)), p1.id);
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kRead));
    ASSIGN_OR_FAIL(auto periods,
                   tx->QueryOne("SELECT COUNT(*) FROM unit_parents WHERE unit_id = $1",
                                std::vector<Value>{Value{district.id}}));
    EXPECT_EQ(periods->Int(0), 2);
}

TEST_P(UnitsTest, StaleReparentIsAbortedAndWritesNothing) {
    const Unit p1 = Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2020, 1, 1)));
    const Unit p2 = Add(MakeUnit("02", UnitType::kProvince, std::nullopt, D(2020, 1, 1)));
    const Unit district = Add(MakeUnit("001", UnitType::kDistrict, p1.id, D(2020, 1, 1)));
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(units::Reparent(*tx, district.id, p2.id, D(2025, 7, 1), 7),
                            ErrorCode::kAborted));
        ASSERT_TRUE(IsOk(tx->Commit()));  // even a caller that commits anyway writes nothing
    }
    EXPECT_EQ(ParentOn(district.id, D(2025, 7, 1)), p1.id);
    const auto loaded = Load(district.id);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->parent_id, p1.id);
    EXPECT_EQ(loaded->version, 1);
}

TEST_P(UnitsTest, ReparentRejectsCyclesUnknownParentsAndBackdating) {
    const Unit p = Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2020, 1, 1)));
    const Unit district = Add(MakeUnit("001", UnitType::kDistrict, p.id, D(2020, 1, 1)));
    const Unit commune = Add(MakeUnit("00001", UnitType::kCommune, district.id, D(2020, 1, 1)));
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(units::Reparent(*tx, district.id, commune.id, D(2025, 7, 1), 1),
                            ErrorCode::kFailedPrecondition));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(units::Reparent(*tx, district.id, district.id, D(2025, 7, 1), 1),
                            ErrorCode::kFailedPrecondition));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(units::Reparent(*tx, district.id, 9999, D(2025, 7, 1), 1),
                            ErrorCode::kFailedPrecondition));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(units::Reparent(*tx, district.id, p.id, D(2019, 1, 1), 1),
                            ErrorCode::kFailedPrecondition));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(HasCode(units::Reparent(*tx, 9999, p.id, D(2025, 7, 1), 1), ErrorCode::kNotFound));
}

TEST_P(UnitsTest, MergeEndsTheUnitAndMovesItsChildrenKeepingHistory) {
    const Unit province = Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2020, 1, 1)));
    const Unit x = Add(MakeUnit("001", UnitType::kDistrict, province.id, D(2020, 1, 1)));
    const Unit y = Add(MakeUnit("002", UnitType::kDistrict, province.id, D(2020, 1, 1)));
    const Unit c1 = Add(MakeUnit("00001", UnitType::kCommune, x.id, D(2020, 1, 1)));
    const Unit c2 = Add(MakeUnit("00002", UnitType::kCommune, x.id, D(2020, 1, 1)));
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSIGN_OR_FAIL(auto merged, units::Merge(*tx, x.id, y.id, D(2025, 7, 1), 1));
        EXPECT_EQ(merged.valid_to, D(2025, 6, 30));
        EXPECT_EQ(merged.merged_into, y.id);
        EXPECT_EQ(merged.version, 2);
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    for (const Unit& child : {c1, c2}) {
        const auto loaded = Load(child.id);
        ASSERT_TRUE(loaded.has_value());
        EXPECT_EQ(loaded->parent_id, y.id);
        EXPECT_EQ(loaded->version, 2);
        EXPECT_EQ(ParentOn(child.id, D(2025, 6, 30)), x.id);
        EXPECT_EQ(ParentOn(child.id, D(2025, 7, 1)), y.id);
        EXPECT_TRUE(InSubtree(child.id, y.id));
        EXPECT_FALSE(InSubtree(child.id, x.id));
    }
    // The merged unit's own period ends the day before.
    EXPECT_EQ(ParentOn(x.id, D(2025, 6, 30)), province.id);
    EXPECT_EQ(ParentOn(x.id, D(2025, 7, 1)), std::nullopt);
}

TEST_P(UnitsTest, MergeRejectsStaleSelfRepeatedAndDescendantTargets) {
    const Unit province = Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2020, 1, 1)));
    const Unit x = Add(MakeUnit("001", UnitType::kDistrict, province.id, D(2020, 1, 1)));
    const Unit y = Add(MakeUnit("002", UnitType::kDistrict, province.id, D(2020, 1, 1)));
    const Unit c = Add(MakeUnit("00001", UnitType::kCommune, x.id, D(2020, 1, 1)));
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(units::Merge(*tx, x.id, y.id, D(2025, 7, 1), 5), ErrorCode::kAborted));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(
            HasCode(units::Merge(*tx, x.id, x.id, D(2025, 7, 1), 1), ErrorCode::kInvalidArgument));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(units::Merge(*tx, x.id, c.id, D(2025, 7, 1), 1),
                            ErrorCode::kFailedPrecondition));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        EXPECT_TRUE(HasCode(units::Merge(*tx, x.id, 9999, D(2025, 7, 1), 1), ErrorCode::kNotFound));
    }
    {
        ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
        ASSERT_TRUE(IsOk(units::Merge(*tx, x.id, y.id, D(2025, 7, 1), 1)));
        ASSERT_TRUE(IsOk(tx->Commit()));
    }
    ASSIGN_OR_FAIL(auto tx, db_->Begin(TxMode::kWrite));
    EXPECT_TRUE(
        HasCode(units::Merge(*tx, x.id, y.id, D(2026, 1, 1), 2), ErrorCode::kFailedPrecondition));
    // Nothing changed by the failed attempts: the unit was merged once, at version 2.
    const auto loaded = Load(x.id);
    ASSERT_TRUE(loaded.has_value());
    EXPECT_EQ(loaded->version, 2);
    EXPECT_EQ(loaded->valid_to, D(2025, 6, 30));
}

TEST_P(UnitsTest, IsInSubtreeFollowsTheCurrentTree) {
    const Unit province = Add(MakeUnit("01", UnitType::kProvince, std::nullopt, D(2020, 1, 1)));
    const Unit other = Add(MakeUnit("02", UnitType::kProvince, std::nullopt, D(2020, 1, 1)));
    const Unit centre = Add(MakeUnit("C01", UnitType::kServiceCentre, province.id, D(2020, 1, 1)));
    const Unit desk = Add(MakeUnit("D01", UnitType::kOneStopDesk, centre.id, D(2020, 1, 1)));
    EXPECT_TRUE(InSubtree(desk.id, desk.id));
    EXPECT_TRUE(InSubtree(desk.id, centre.id));
    EXPECT_TRUE(InSubtree(desk.id, province.id));
    EXPECT_FALSE(InSubtree(province.id, desk.id));
    EXPECT_FALSE(InSubtree(desk.id, other.id));
    EXPECT_FALSE(InSubtree(9999, province.id));
}

}  // namespace
}  // namespace motcua::store::testing
