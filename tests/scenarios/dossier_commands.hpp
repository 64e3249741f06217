// Dossier commands of the scenario runner (docs/scenarios.md "Dossier commands"): declare a
// procedure, its internal process and a dossier, act on the dossier through the pure domain API
// (domain::Open / domain::Apply) and check what the rules decided.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "calendar/working_time.hpp"
#include "domain/dossier.hpp"
#include "domain/dossier_machine.hpp"
#include "domain/procedure.hpp"
#include "domain/process.hpp"
#include "domain/rule_set.hpp"
#include "scenario.hpp"

namespace motcua::scenario {

class DossierScenario final {
public:
    // `calendar` gives the calendar the file has set up (nullptr after reporting a failure).
    using CalendarSource = std::function<const calendar::WorkingCalendar*()>;

    DossierScenario(Report& report, CalendarSource calendar);

    // Runs `line` if it is a dossier command; false if the command is not one.
    bool Execute(const Line& line);

private:
    enum class ProcessMode { kDefault, kNone, kDeclared };

    void Procedure(const Line& line);
    void ProcessLine(const Line& line);
    void Step(const Line& line);
    void StartDossier(const Line& line);
    void Act(const Line& line, domain::ActionKind kind);
    std::optional<domain::Action> BuildAction(const Line& line, domain::ActionKind kind);
    void Judge(const Line& line, base::Result<domain::Transition> result);
    void Expect(const Line& line);
    void ExpectForm(const Line& line);
    void ExpectTask(const Line& line);

    std::optional<std::chrono::sys_seconds> Instant(const std::string& text);
    std::int64_t Unit(const std::string& name);
    std::string UnitName(std::int64_t id) const;
    std::optional<std::vector<domain::TaskRequest>> Tasks(const Line& line, size_t first);
    // `subject expected` against `subject actual`, instants compared in their shown form.
    void CheckValue(const std::string& subject, const std::string& expected,
                    const std::string& actual);

    Report& report_;
    CalendarSource calendar_;
    std::shared_ptr<const domain::RuleBook> book_ = domain::RuleBook::Embedded();
    std::optional<domain::Procedure> procedure_;
    ProcessMode mode_ = ProcessMode::kDefault;
    std::vector<domain::ProcessStep> declared_;
    std::map<std::string, std::int64_t> units_;
    std::optional<domain::Dossier> draft_;  // from the `dossier` line, until it is opened
    std::optional<domain::Dossier> dossier_;
    std::optional<domain::Process> process_;  // the process the dossier follows
    std::optional<domain::DossierEvent> last_event_;
};

}  // namespace motcua::scenario
