#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "base/result.hpp"
#include "calendar/working_time.hpp"
#include "domain/dossier.hpp"
#include "domain/dossier_machine.hpp"
#include "domain/procedure.hpp"
#include "domain/process.hpp"
#include "domain/unit.hpp"
#include "domain/user.hpp"
#include "store/database.hpp"
#include "store/dossier_facts.hpp"
#include "store/payments.hpp"
#include "store/ratings.hpp"

// Internal to app/generate*.cpp: the deterministic random source and the generated
// organisation and catalogue (docs/generate.md).
namespace motcua::app::generate {

// Portable randomness: std::mt19937_64 is specified bit for bit by the standard; the
// distributions below are ours (std:: distributions differ between library versions).
class Rng final {
public:
    explicit Rng(std::uint64_t seed) : engine_(seed) {}
    std::uint64_t Next() { return engine_(); }
    // Uniform in [0, 1), 53 bits.
    double Uniform() { return static_cast<double>(Next() >> 11U) * 0x1.0p-53; }
    // Uniform in [lo, hi] (inclusive); lo ≤ hi.
    std::int64_t Between(std::int64_t lo, std::int64_t hi) {
        const auto span = static_cast<std::uint64_t>(hi - lo) + 1U;
        return lo + static_cast<std::int64_t>(span == 0 ? Next() : Next() % span);
    }
    double Range(double lo, double hi) { return lo + (hi - lo) * Uniform(); }
    bool Chance(double p) { return Uniform() < p; }
    // An index drawn with the weights whose running sums are `cumulative` (non-empty, last > 0).
    size_t Pick(const std::vector<double>& cumulative);

private:
    std::mt19937_64 engine_;
};

// SplitMix64: a stateless mix of one 64-bit value (applicant identities from their index).
[[nodiscard]] std::uint64_t Mix(std::uint64_t x);

// Running sums of Zipf weights 1/(rank+1)^s for `n` ranks.
[[nodiscard]] std::vector<double> ZipfCumulative(size_t n, double s);

struct Officer {
    std::int64_t id = 0;
    std::string name;
};

struct GenUnit {
    domain::Unit unit;  // id set once stored
    int parent = -1;    // index into Org::units
    std::vector<Officer> desk_officers;
    std::vector<Officer> specialists;
    std::vector<Officer> leaders;
};

struct Org {
    std::vector<GenUnit> units;
    int province = 0;
    int centre = 0;
    std::vector<int> departments;         // settle province-level procedures
    std::vector<int> department_desk;     // the counter of departments[i] at the centre
    std::vector<int> communes;            // settle commune-level procedures
    std::vector<int> commune_desk;        // the one-stop desk of communes[i]
    std::vector<double> commune_weights;  // Zipf over communes (population)
    std::int64_t officers = 0;
};

struct GenProcedure {
    domain::Procedure procedure;
    bool commune_level = false;
    int department = 0;  // index into Org::units (province level)
    std::shared_ptr<const domain::Process> process;
};

struct Catalogue {
    std::vector<GenProcedure> procedures;
    // Indexes into `procedures` by level and online eligibility, each in its Zipf rank order.
    std::vector<int> commune_all, commune_online, province_all, province_online;
};

inline constexpr std::string_view kProvinceCode = "99";

// Stores (or finds by code) the generated organisation and its officers. Fixed structure: it
// does not depend on the seed, so later runs with --append reuse it.
[[nodiscard]] base::Result<Org> BuildOrganisation(store::Transaction& tx,
                                                  std::chrono::sys_seconds now);
// Stores (or finds by code) the generated catalogue and a default process per procedure.
[[nodiscard]] base::Result<Catalogue> BuildCatalogue(store::Transaction& tx, const Org& org,
                                                     std::chrono::sys_seconds now);

// What one dossier is, before its story is played (generate.cpp draws these).
struct DossierPlan {
    domain::Channel channel = domain::Channel::kDirect;
    int procedure = 0;  // index into Catalogue::procedures
    int settling = 0;   // index into Org::units
    int desk = 0;       // receiving desk, index into Org::units
    std::int64_t applicant = 0;
    std::chrono::sys_seconds start{};             // submission (online) or receipt (desk, post)
    std::optional<std::int64_t> citizen_user_id;  // online: the applicant's account
    std::string code;                             // <desk>-YYMMDD-NNNN
};

// A played dossier: its final state, its events (seq 1, 2, …; dossier_id unset) and what
// hangs off it.
struct Outcome {
    domain::Dossier dossier;
    std::vector<domain::DossierEvent> events;
    std::optional<store::payments::Payment> payment;
    std::optional<store::ratings::Rating> rating;
    std::optional<store::dossier_facts::Facts> facts;
    std::int64_t refused_actions = 0;
};

// The applicant with index `k` (same k, same person or organisation).
[[nodiscard]] domain::Applicant MakeApplicant(std::int64_t k);

// Plays a dossier's year through domain::Open/Apply (docs/generate.md "Dossier stories"), with
// the deadline sweep's warn/mark_late events, stopping at `cutoff` (nothing at or after it).
[[nodiscard]] base::Result<Outcome> Play(Rng& rng, const Org& org, const Catalogue& catalogue,
                                         const calendar::WorkingCalendar& calendar,
                                         const DossierPlan& plan, std::chrono::sys_seconds cutoff);

}  // namespace motcua::app::generate
