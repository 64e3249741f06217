#include "domain/plan_deadline_reader.hpp"

#include <algorithm>
#include <array>
#include <initializer_list>
#include <utility>

// The grammar of one clause of a deadline phrase (docs/plans.md "The rules").
namespace motcua::domain::plan_deadline::internal {
namespace {

class ClauseReader final {
public:
    explicit ClauseReader(std::span<const Token> tokens) : t_(tokens) {}

    Clause Read() {
        while (i_ < t_.size() && error_.empty()) {
            if (Trigger()) {
                event_ = true;
                break;
            }
            Step();
        }
        return Clause{std::move(items_), event_, std::move(error_)};
    }

private:
    [[nodiscard]] bool Is(std::size_t k, std::string_view word) const {
        return k < t_.size() && t_[k].type == TokenType::kWord && t_[k].text == word;
    }
    [[nodiscard]] bool Seq(std::size_t k, std::initializer_list<std::string_view> words) const {
        for (const std::string_view w : words) {
            if (!Is(k++, w)) {
                return false;
            }
        }
        return true;
    }
    [[nodiscard]] bool IsNumber(std::size_t k) const {
        return k < t_.size() && t_[k].type == TokenType::kNumber;
    }
    [[nodiscard]] bool IsPunct(std::size_t k, char p) const {
        return k < t_.size() && t_[k].type == TokenType::kPunct && t_[k].text[0] == p;
    }
    [[nodiscard]] bool Glued(std::size_t k) const { return k < t_.size() && t_[k].glued; }
    // The value of a number token (at most 4 digits), or -1.
    [[nodiscard]] int Number(std::size_t k) const {
        if (!IsNumber(k) || t_[k].text.size() > 4) {
            return -1;
        }
        int v = 0;
        for (const char c : t_[k].text) {
            v = v * 10 + (c - '0');
        }
        return v;
    }
    [[nodiscard]] bool IsYear(std::size_t k) const { return IsNumber(k) && t_[k].text.size() == 4; }
    // A Roman numeral word (i, v, x only) or a number: its value, else -1.
    [[nodiscard]] int Ordinal(std::size_t k) const {
        if (IsNumber(k)) {
            return Number(k);
        }
        if (k >= t_.size() || t_[k].type != TokenType::kWord || t_[k].text.size() > 4) {
            return -1;
        }
        static constexpr std::array<std::string_view, 12> kRoman = {
            "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"};
        const auto it = std::find(kRoman.begin(), kRoman.end(), t_[k].text);
        return it == kRoman.end() ? -1 : static_cast<int>(it - kRoman.begin()) + 1;
    }

    void Fail(std::string message) {
        if (error_.empty()) {
            error_ = std::move(message);
        }
    }

    // Event triggers: the clause names an event, not a date.
    [[nodiscard]] bool Trigger() const {
        static constexpr std::array<std::string_view, 17> kTheo = {
            "ke",    "tien", "lo",    "yeu",  "che",  "quy", "van", "nghi", "quyet",
            "thong", "chi",  "huong", "cong", "tinh", "dot", "ket", "muc"};
        if (Seq(i_, {"sau", "khi"}) || Is(i_, "khi") || Is(i_, "neu") || Seq(i_, {"dot", "xuat"}) ||
            Seq(i_, {"long", "ghep"}) || Seq(i_, {"thuong", "xuyen", "khi"})) {
            return true;
        }
        if (Is(i_, "theo") && i_ + 1 < t_.size() && t_[i_ + 1].type == TokenType::kWord) {
            const std::string& w = t_[i_ + 1].text;
            // "theo quý" alone is not an event ("theo quy định" is).
            if (w == "quy" || w == "qui") {
                return Is(i_ + 2, "dinh");
            }
            return std::find(kTheo.begin(), kTheo.end(), w) != kTheo.end();
        }
        // Relative to an event: "trước 05 ngày tính đến…", "05 ngày làm việc kể từ ngày…".
        if (Is(i_, "truoc") && IsNumber(i_ + 1) && Is(i_ + 2, "ngay")) {
            return true;
        }
        if (IsNumber(i_) && Is(i_ + 1, "ngay")) {
            std::size_t k = i_ + 2;
            if (Seq(k, {"lam", "viec"})) {
                k += 2;
            }
            return Seq(k, {"ke", "tu"}) || Seq(k, {"tinh", "tu"}) || Seq(k, {"tinh", "den"}) ||
                   Is(k, "sau") || Is(k, "truoc");
        }
        return false;
    }

    // An optional year after a period: "/2024", "-2024", ".2024" or "năm 2024".
    std::optional<int> YearSuffix() {
        if ((IsPunct(i_, '/') || IsPunct(i_, '-') || IsPunct(i_, '.')) && IsYear(i_ + 1)) {
            i_ += 2;
            return Number(i_ - 1);
        }
        if (Is(i_, "nam") && IsYear(i_ + 1)) {
            i_ += 2;
            return Number(i_ - 1);
        }
        return std::nullopt;
    }

    void Add(Item item) {
        item.strict = strict_;
        strict_ = false;
        items_.push_back(item);
    }

    void Every(Recurrence r, int day = 0) { Add(Item{ItemType::kEvery, 0, day, r, {}, false}); }

    // A period list: "quý II, III/2024", "tháng 1, 2 và 3 năm 2024".
    void PeriodList(ItemType type, int max, std::string_view what) {
        while (true) {
            const int n = Ordinal(i_);
            if (n < 1 || n > max) {
                Fail(std::string(what) + " number out of range");
                return;
            }
            ++i_;
            Item item{type, n, 0, Recurrence::kNone, YearSuffix(), false};
            Add(item);
            // Continues with a bare number after ',' or 'và' (not with "quý …": read anew).
            if ((IsPunct(i_, ',') || Is(i_, "va")) && Ordinal(i_ + 1) >= 1 && !IsYear(i_ + 1)) {
                ++i_;
                continue;
            }
            // A range "quý I - III/2024", "tháng 1-3": the periods in between, then its end.
            if (IsPunct(i_, '-') && Ordinal(i_ + 1) > n && Ordinal(i_ + 1) <= max &&
                !IsYear(i_ + 1)) {
                for (int k = n + 1; k < Ordinal(i_ + 1); ++k) {
                    Add(Item{type, k, 0, Recurrence::kNone, std::nullopt, false});
                }
                ++i_;
                continue;
            }
            return;
        }
    }

    // A date "D/M/YYYY", "D-M-YYYY", "D.M.YYYY", "D/M" (no year) or "M/YYYY" at i_.
    bool Date() {
        if (!IsNumber(i_) ||
            !(IsPunct(i_ + 1, '/') || IsPunct(i_ + 1, '-') || IsPunct(i_ + 1, '.')) ||
            !Glued(i_ + 1) || !IsNumber(i_ + 2) || !Glued(i_ + 2)) {
            return false;
        }
        const char sep = t_[i_ + 1].text[0];
        const int a = Number(i_);
        const int b = Number(i_ + 2);
        if (IsYear(i_ + 2)) {  // M/YYYY
            i_ += 3;
            if (a < 1 || a > 12) {
                Fail("month out of range");
                return true;
            }
            Add(Item{ItemType::kMonth, a, 0, Recurrence::kNone, b, false});
            return true;
        }
        std::optional<int> year;
        i_ += 3;
        if (IsPunct(i_, sep) && Glued(i_) && IsNumber(i_ + 1) && Glued(i_ + 1)) {
            if (!IsYear(i_ + 1)) {
                Fail("a date's year must have four digits");
                return true;
            }
            year = Number(i_ + 1);
            i_ += 2;
        }
        Add(Item{ItemType::kDay, b, a, Recurrence::kNone, year, false});
        return true;
    }

    // "ngày 15 tháng 12 năm 2024", "ngày 15 của tháng cuối quý", "ngày 20 hàng tháng".
    void DayOfMonth() {
        const int day = Number(i_);
        ++i_;
        if (Is(i_, "cua")) {
            ++i_;
        }
        if (Seq(i_, {"thang", "cuoi"})) {
            i_ += 2;
            if (Is(i_, "moi") || Is(i_, "cua")) {
                ++i_;
            }
            if (Is(i_, "quy") || Is(i_, "qui")) {
                ++i_;
                Every(Recurrence::kQuarterly, day);
                return;
            }
            if (Is(i_, "nam")) {
                ++i_;
                Every(Recurrence::kYearly, day);
                return;
            }
        } else if (Seq(i_, {"hang", "thang"}) || Seq(i_, {"moi", "thang"})) {
            i_ += 2;
            Every(Recurrence::kMonthly, day);
            return;
        } else if (Is(i_, "thang") && Number(i_ + 1) >= 0) {
            const int month = Number(i_ + 1);
            i_ += 2;
            Add(Item{ItemType::kDay, month, day, Recurrence::kNone, YearSuffix(), false});
            return;
        }
        Fail("a day without its month");
    }

    void Step() {
        const std::size_t start = i_;
        // Deadline prepositions.
        if (Is(i_, "truoc")) {
            strict_ = true;
            date_allowed_ = true;
            ++i_;
            return;
        }
        if (Seq(i_, {"cham", "nhat"}) || Seq(i_, {"han", "chot"}) || Is(i_, "den") ||
            Is(i_, "vao") || Is(i_, "trong") || Is(i_, "han")) {
            i_ += Is(i_, "cham") || Seq(i_, {"han", "chot"}) ? 2 : 1;
            date_allowed_ = true;
            return;
        }
        const bool allowed = date_allowed_ || i_ == 0;
        date_allowed_ = false;
        if (Is(i_, "ngay")) {
            ++i_;
            if (allowed && Date()) {
                return;
            }
            if (allowed && IsNumber(i_)) {
                DayOfMonth();
                return;
            }
            date_allowed_ = allowed;  // "trước ngày" keeps its preposition
            SkipCitationDate();
            return;
        }
        if (IsNumber(i_)) {
            if (Number(i_) == 6 && Is(i_ + 1, "thang") &&
                (Is(i_ + 2, "dau") || Is(i_ + 2, "cuoi")) && Is(i_ + 3, "nam")) {
                Half(Is(i_ + 2, "dau") ? 1 : 2, 4);
                return;
            }
            if (Number(i_) == 6 && Is(i_ + 1, "thang") && Seq(i_ + 2, {"mot", "lan"})) {
                i_ += 4;
                Every(Recurrence::kHalfYearly);
                return;
            }
            if (allowed && Date()) {
                return;
            }
            SkipCitationDate();
            return;
        }
        if (Is(i_, "quy") || Is(i_, "qui")) {
            ++i_;
            if (Ordinal(i_) != -1) {
                PeriodList(ItemType::kQuarter, 4, "quarter");
            }
            return;
        }
        if (Is(i_, "thang")) {
            ++i_;
            if (Ordinal(i_) != -1 && IsNumber(i_)) {
                PeriodList(ItemType::kMonth, 12, "month");
            } else if (Seq(i_, {"cuoi", "quy"}) || Seq(i_, {"cuoi", "qui"})) {
                i_ += 2;
                Every(Recurrence::kQuarterly);
            }
            return;
        }
        if (Seq(i_, {"nua", "dau", "nam"}) || Seq(i_, {"nua", "cuoi", "nam"})) {
            Half(Is(i_ + 1, "dau") ? 1 : 2, 3);
            return;
        }
        if (Is(i_, "nam")) {
            ++i_;
            if (IsYear(i_)) {
                ++i_;
                Add(Item{ItemType::kYear, 0, 0, Recurrence::kNone, Number(i_ - 1), false});
            } else if (Is(i_, "nay") || start == 0 || Is(start - 1, "trong") ||
                       Is(start - 1, "ca") || Is(start - 1, "cuoi")) {
                Add(Item{ItemType::kYear, 0, 0, Recurrence::kNone, std::nullopt, false});
            }
            return;
        }
        if (Seq(i_, {"thuong", "xuyen"})) {
            i_ += 2;
            Every(Recurrence::kContinuous);
            return;
        }
        if (Is(i_, "hang") || Is(i_, "moi") || Is(i_, "cuoi") || Seq(i_, {"dinh", "ky"})) {
            Repeat();
            return;
        }
        // A word that is not part of a deadline ends a pending preposition ("là" and ':' do not).
        if (!Is(i_, "la") && !IsPunct(i_, ':')) {
            strict_ = false;
            date_allowed_ = false;
        }
        ++i_;
    }

    // "6 tháng đầu năm [2024] và cuối năm 2024", "nửa cuối năm": `skip` tokens before "năm".
    void Half(int half, std::size_t skip) {
        i_ += skip;
        Add(Item{ItemType::kHalf, half, 0, Recurrence::kNone, YearSuffixBare(), false});
        while ((IsPunct(i_, ',') || Is(i_, "va")) && (Is(i_ + 1, "dau") || Is(i_ + 1, "cuoi")) &&
               Is(i_ + 2, "nam")) {
            const int other = Is(i_ + 1, "dau") ? 1 : 2;
            i_ += 3;
            Add(Item{ItemType::kHalf, other, 0, Recurrence::kNone, YearSuffixBare(), false});
        }
    }
    // After "năm": "2024" or "/2024".
    std::optional<int> YearSuffixBare() {
        if (IsYear(i_)) {
            ++i_;
            return Number(i_ - 1);
        }
        return YearSuffix();
    }

    // "hàng tháng", "mỗi quý", "định kỳ 6 tháng", "cuối mỗi tháng", "hàng năm", "hằng tuần".
    void Repeat() {
        const bool end_of = Is(i_, "cuoi");
        i_ += Is(i_, "dinh") ? 2 : 1;
        if (Is(i_, "hang") || Is(i_, "moi")) {
            ++i_;
        }
        if (Number(i_) == 6 && Is(i_ + 1, "thang")) {
            i_ += 2;
            Every(Recurrence::kHalfYearly);
        } else if (Is(i_, "thang") && !IsNumber(i_ + 1)) {
            ++i_;
            Every(Recurrence::kMonthly);
        } else if ((Is(i_, "quy") || Is(i_, "qui")) && Ordinal(i_ + 1) == -1) {
            ++i_;
            Every(Recurrence::kQuarterly);
        } else if (Is(i_, "nam") && !IsYear(i_ + 1) && !end_of) {
            ++i_;
            Every(Recurrence::kYearly);
        } else if (Is(i_, "tuan") || Is(i_, "ngay")) {
            Fail("weekly and daily recurrences are not supported");
        }
    }

    // A number not in a deadline context (a document number, a citation date): skipped whole.
    void SkipCitationDate() {
        while (i_ < t_.size() &&
               (IsNumber(i_) || ((IsPunct(i_, '/') || IsPunct(i_, '-') || IsPunct(i_, '.')) &&
                                 Glued(i_) && IsNumber(i_ + 1)))) {
            ++i_;
        }
    }

    std::span<const Token> t_;
    std::vector<Item> items_;
    bool event_ = false;
    std::string error_;
    std::size_t i_ = 0;
    bool strict_ = false;
    bool date_allowed_ = false;
};

}  // namespace

Clause ReadClause(std::span<const Token> tokens) {
    return ClauseReader(tokens).Read();
}

}  // namespace motcua::domain::plan_deadline::internal
