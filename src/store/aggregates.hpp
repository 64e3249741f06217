#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.hpp"
#include "domain/indicators.hpp"
#include "store/database.hpp"

// The incremental aggregates of the indicators and reports (issue #6; migration
// 0010_aggregates.sql; docs/indicators.md). The rules are in domain/indicators.hpp; app/indicators
// keeps them current.
namespace motcua::store::aggregates {

namespace ind = domain::indicators;

// What the indicators need of the dossiers with id > `after_id`, in id order, at most `limit`:
// the page of dossiers, then one range query each on payments, outside facts, documents and
// ratings, merged by id (InputsOf: one query with joins, for a single dossier).
[[nodiscard]] base::Result<std::vector<ind::Inputs>> Inputs(Transaction& tx, std::int64_t after_id,
                                                            int limit);
// The same for ids in (after_id, upto_id] only.
[[nodiscard]] base::Result<std::vector<ind::Inputs>> Inputs(Transaction& tx, std::int64_t after_id,
                                                            std::int64_t upto_id, int limit);
[[nodiscard]] base::Result<std::optional<ind::Inputs>> InputsOf(Transaction& tx,
                                                                std::int64_t dossier_id);

// ---- The narrow per-dossier rows of `indicator_inputs` (migration 0021) ----
// What the counters last applied for a dossier were computed from (empty: nothing applied yet):
// the contribution applied is domain::indicators::Contribute() of these inputs.
[[nodiscard]] base::Result<std::optional<ind::Inputs>> StoredInputs(Transaction& tx,
                                                                    std::int64_t dossier_id);
[[nodiscard]] base::Status SaveInputs(Transaction& tx, const ind::Inputs& inputs);
// Stored inputs with ids in (after_id, upto_id], in id order, at most `limit`.
[[nodiscard]] base::Result<std::vector<ind::Inputs>> StoredInputsPage(Transaction& tx,
                                                                      std::int64_t after_id,
                                                                      std::int64_t upto_id,
                                                                      int limit);
// Bulk writes of the rebuild: inserts rows for ids that have none; replaces rows; deletes rows.
[[nodiscard]] base::Status InsertInputs(Transaction& tx, const std::vector<ind::Inputs>& rows);
[[nodiscard]] base::Status PutInputs(Transaction& tx, const std::vector<ind::Inputs>& rows);
[[nodiscard]] base::Status DeleteInputs(Transaction& tx, const std::vector<std::int64_t>& ids);
// Empties indicator_inputs and forgets that it was complete.
[[nodiscard]] base::Status ClearInputs(Transaction& tx);
// Whether a rebuild from the dossiers has filled indicator_inputs (since migration 0021).
[[nodiscard]] base::Result<bool> InputsComplete(Transaction& tx);
[[nodiscard]] base::Status SetInputsComplete(Transaction& tx);
// The highest dossier id among the dossiers and the stored inputs (0 when none).
[[nodiscard]] base::Result<std::int64_t> MaxInputId(Transaction& tx);

// ---- Streaming reads of the rebuild (rows handed over as read, nothing allocated per row) ----
// One dossier's inputs as the rebuild reads them: `inputs` with an empty procedure_code (the code
// is `procedure_code`, pointing into the driver's buffer: valid during the callback only).
struct InputsView {
    const ind::Inputs* inputs = nullptr;
    std::string_view procedure_code;
};
// For ForEachDossierInputs: the dossier's inputs and what indicator_inputs holds for it (a null
// `stored.inputs` when it holds no row).
struct DossierInputsView {
    InputsView dossier;
    InputsView stored;
};
using DossierInputsCallback = std::function<base::Status(const DossierInputsView&)>;
using InputsCallback = std::function<base::Status(const InputsView&)>;
// The inputs of every dossier with an id in (after_id, upto_id], in id order, read a span of ids
// at a time (the dossiers through the covering index dossiers_indicator_inputs, migration 0026;
// payments, outside facts, documents and ratings one range query each, merged by id), each
// with its stored indicator_inputs row.
[[nodiscard]] base::Status ForEachDossierInputs(Transaction& tx, std::int64_t after_id,
                                                std::int64_t upto_id,
                                                const DossierInputsCallback& each);
// The stored indicator_inputs rows with ids in (after_id, upto_id], in id order.
[[nodiscard]] base::Status ForEachStoredInputs(Transaction& tx, std::int64_t after_id,
                                               std::int64_t upto_id, const InputsCallback& each);
// The ids in (after_id, upto_id] that have an indicator_inputs row but no dossier.
[[nodiscard]] base::Result<std::vector<std::int64_t>> StoredInputsWithoutDossier(
    Transaction& tx, std::int64_t after_id, std::int64_t upto_id);

// Adds `delta` to one counter (a counter that reaches 0 stays as a 0 row; reads skip it).
[[nodiscard]] base::Status Add(Transaction& tx, std::int64_t unit_id,
                               const std::string& procedure_code, ind::Day day, ind::Metric metric,
                               std::int64_t delta);

// One counter row.
struct Cell {
    std::int64_t unit_id = 0;
    ind::Day day = 0;
    ind::Metric metric = ind::Metric::kReceivedOnline;
    std::string procedure_code;
    std::int64_t value = 0;
    friend bool operator==(const Cell&, const Cell&) = default;
};

// Empties the counter tables and the change log (the rebuild's first step when it rewrites them).
[[nodiscard]] base::Status Clear(Transaction& tx);

// Writes counters into emptied tables, in (unit, day, metric, procedure) order: each row of
// `aggregates` as it comes, each row of `aggregates_unit` (the same summed over procedures) once
// its (unit, day, metric) is complete, in multi-row INSERTs. Memory stays bounded by one
// statement's rows.
class CellWriter final {
public:
    explicit CellWriter(Transaction& tx);
    // kInvalidArgument for a cell out of order (or a repeated key).
    [[nodiscard]] base::Status Add(std::int64_t unit_id, ind::Day day, ind::Metric metric,
                                   std::string_view procedure_code, std::int64_t value);
    // Writes what is still buffered; call once at the end.
    [[nodiscard]] base::Status Finish();
    [[nodiscard]] std::int64_t Written() const { return written_; }

private:
    base::Status FlushUnit();
    Transaction& tx_;
    std::size_t cells_per_statement_;
    std::size_t units_per_statement_;
    std::string cell_sql_;  // the INSERT of a full statement's rows, built once
    std::string unit_sql_;
    std::vector<Value> cell_params_;
    std::vector<Value> unit_params_;
    bool any_ = false;
    std::int64_t unit_id_ = 0;
    ind::Day day_ = 0;
    ind::Metric metric_ = ind::Metric::kReceivedOnline;
    std::string procedure_code_;
    std::int64_t unit_value_ = 0;
    std::int64_t written_ = 0;
};

// Inserts counters (into both tables: `aggregates` and, summed over procedures,
// `aggregates_unit`) into emptied tables (CellWriter; `cells` in any order).
[[nodiscard]] base::Status InsertCells(Transaction& tx, const std::vector<Cell>& cells);
// Every non-zero counter, sorted (tests and checks); AllByUnit: the unit-level table (procedure
// code empty).
[[nodiscard]] base::Result<std::vector<Cell>> All(Transaction& tx);
[[nodiscard]] base::Result<std::vector<Cell>> AllByUnit(Transaction& tx);
// The same a page at a time, for reads whose memory must not grow with the table: the non-zero
// counters after `after` in key order (unit, day, metric, procedure; from the first if empty),
// at most `limit`. Continue from the last one returned; a short page is the last.
[[nodiscard]] base::Result<std::vector<Cell>> Page(Transaction& tx,
                                                   const std::optional<Cell>& after, int limit);
[[nodiscard]] base::Result<std::vector<Cell>> PageByUnit(Transaction& tx,
                                                         const std::optional<Cell>& after,
                                                         int limit);

// The rows of `aggregates` (by_procedure) or `aggregates_unit` whose unit_id is in [unit_from,
// unit_to], zero rows included, after `after` in key order (from the first if empty), at most
// `limit` (the rebuild compares them with its counts).
[[nodiscard]] base::Result<std::vector<Cell>> RangePage(Transaction& tx, bool by_procedure,
                                                        std::int64_t unit_from,
                                                        std::int64_t unit_to,
                                                        const std::optional<Cell>& after,
                                                        int limit);
// One counter row as read (the code points into the driver's buffer: valid during the callback).
struct CellView {
    std::int64_t unit_id = 0;
    ind::Day day = 0;
    std::int64_t metric = 0;  // as stored (a newer version's metric may be out of range)
    std::string_view procedure_code;
    std::int64_t value = 0;
};
using CellCallback = std::function<base::Status(const CellView&)>;
// RangePage streamed: the rows after `cursor` (from the first if empty), at most `limit`, each
// handed to `each`; `cursor` is left at the last row seen. Returns the number of rows.
[[nodiscard]] base::Result<std::int64_t> ScanRange(Transaction& tx, bool by_procedure,
                                                   std::int64_t unit_from, std::int64_t unit_to,
                                                   std::optional<Cell>& cursor, int limit,
                                                   const CellCallback& each);
// Sets counters to the cells' values (inserted or replaced) / deletes the cells' rows, in
// `aggregates` (by_procedure) or `aggregates_unit`. The change log is not written.
[[nodiscard]] base::Status PutCells(Transaction& tx, bool by_procedure,
                                    const std::vector<Cell>& cells);
[[nodiscard]] base::Status DeleteCells(Transaction& tx, bool by_procedure,
                                       const std::vector<Cell>& cells);
// Empties the change log (a rebuild that changed counters; indexes reload on the new epoch).
[[nodiscard]] base::Status ClearChanges(Transaction& tx);

// The change log of aggregates_unit (one row per Add), for in-memory indexes to catch up.
struct Change {
    std::int64_t seq = 0;
    std::int64_t unit_id = 0;
    ind::Day day = 0;
    ind::Metric metric = ind::Metric::kReceivedOnline;
    std::int64_t delta = 0;
    std::string procedure_code;
};
// Changes with seq > `after`, in seq order, at most `limit`.
[[nodiscard]] base::Result<std::vector<Change>> ChangesAfter(Transaction& tx, std::int64_t after,
                                                             int limit);
// The changes among `seqs` that exist (committed) now.
[[nodiscard]] base::Result<std::vector<Change>> ChangesIn(Transaction& tx,
                                                          const std::vector<std::int64_t>& seqs);
// The lowest and highest seq in the log (0, 0 when empty).
[[nodiscard]] base::Result<std::pair<std::int64_t, std::int64_t>> ChangeRange(Transaction& tx);
// Deletes all but the last `keep` seqs; returns the rows deleted.
[[nodiscard]] base::Result<std::int64_t> PruneChanges(Transaction& tx, std::int64_t keep);

// A counter bumped by every rebuild (in-memory indexes reload when it changes).
[[nodiscard]] base::Result<std::int64_t> Epoch(Transaction& tx);
[[nodiscard]] base::Status BumpEpoch(Transaction& tx);

// The domain::indicators::kContributionVersion the aggregates were last built with (0: never).
[[nodiscard]] base::Result<int> BuiltVersion(Transaction& tx);
[[nodiscard]] base::Status SetBuiltVersion(Transaction& tx, int version);

// The sums of the window [from, to] per settling unit of `units` (all units if empty), over the
// procedures `procedures` (all if empty).
[[nodiscard]] base::Result<std::map<std::int64_t, ind::Sums>> SumsByUnit(
    Transaction& tx, const std::vector<std::int64_t>& units, ind::Day from, ind::Day to,
    const std::vector<std::string>& procedures = {});
// The same per procedure over the units.
[[nodiscard]] base::Result<std::map<std::string, ind::Sums>> SumsByProcedure(
    Transaction& tx, const std::vector<std::int64_t>& units, ind::Day from, ind::Day to,
    const std::vector<std::string>& procedures = {});

// What the indicators need of the catalogue: per procedure code, the version in force on `day`
// (else its latest version).
struct ProcedureFacts {
    std::string field;
    std::vector<std::string> levels;  // province, district, commune, ministry
    bool online = false;              // partial or full-process online service
    bool fee = false;                 // fee_amount > 0
};
[[nodiscard]] base::Result<std::map<std::string, ProcedureFacts>> Catalogue(
    Transaction& tx, std::chrono::sys_days day);

}  // namespace motcua::store::aggregates
