#include "domain/plan_units.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "domain/plan_deadline.hpp"
#include "domain/plan_import.hpp"

namespace motcua::domain::plan_units {

namespace {

// ---- Folding

std::size_t CodePointLength(unsigned char lead) {
    if (lead < 0x80) {
        return 1;
    }
    if ((lead & 0xE0) == 0xC0) {
        return 2;
    }
    if ((lead & 0xF0) == 0xE0) {
        return 3;
    }
    if ((lead & 0xF8) == 0xF0) {
        return 4;
    }
    return 1;
}

// The folded text with, per folded byte, the offset of its code point in the original (and the
// original's size at the end), so that spans found in the folded text map back.
struct Folded {
    std::string text;
    std::vector<std::size_t> at;
};

Folded FoldWithOffsets(std::string_view s) {
    Folded f;
    for (std::size_t pos = 0; pos < s.size();) {
        const std::size_t len =
            std::min(CodePointLength(static_cast<unsigned char>(s[pos])), s.size() - pos);
        const std::string piece = plan_deadline::FoldForMatching(s.substr(pos, len));
        for (char c : piece) {
            f.text.push_back(c);
            f.at.push_back(pos);
        }
        pos += len;
    }
    f.at.push_back(s.size());
    return f;
}

const std::map<std::string, std::vector<std::string>>& Abbreviations() {
    static const std::map<std::string, std::vector<std::string>> abbreviations{
        {"ubnd", {"uy", "ban", "nhan", "dan"}},
        {"hdnd", {"hoi", "dong", "nhan", "dan"}},
        {"vp", {"van", "phong"}},
        {"tp", {"thanh", "pho"}},
        {"hcc", {"hanh", "chinh", "cong"}},
        {"nn", {"nha", "nuoc"}},
        {"tttt", {"thong", "tin", "truyen", "thong"}},
    };
    return abbreviations;
}

// Words of a folded text: runs of [a-z0-9]; "tt&tt" is one word (Thông tin và Truyền thông).
std::vector<std::string> Words(std::string folded) {
    for (std::string_view joined : {"tt&tt", "tt-tt", "tt và tt"}) {
        for (std::size_t p = folded.find(joined); p != std::string::npos;
             p = folded.find(joined, p)) {
            folded.replace(p, joined.size(), "tttt");
        }
    }
    std::vector<std::string> out;
    std::string word;
    auto flush = [&] {
        if (word.empty()) {
            return;
        }
        if (auto it = Abbreviations().find(word); it != Abbreviations().end()) {
            out.insert(out.end(), it->second.begin(), it->second.end());
        } else if (word != "va") {
            out.push_back(word);
        }
        word.clear();
    };
    for (char c : folded) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            word.push_back(c);
        } else {
            flush();
        }
    }
    flush();
    return out;
}

std::string Join(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& w : words) {
        if (!out.empty()) {
            out += ' ';
        }
        out += w;
    }
    return out;
}

bool EndsWith(const std::vector<std::string>& words, const std::vector<std::string>& tail) {
    return tail.size() <= words.size() && std::equal(tail.rbegin(), tail.rend(), words.rbegin());
}

// ---- Levels

enum class Level : std::uint8_t { kAny, kProvince, kDistrict, kCommune, kProvinceOrDistrict };

bool IsAdministrative(UnitType t) {
    return t == UnitType::kProvince || t == UnitType::kDistrict || t == UnitType::kCommune;
}

bool Fits(Level level, UnitType admin) {
    switch (level) {
        case Level::kAny:
            return true;
        case Level::kProvince:
            return admin == UnitType::kProvince;
        case Level::kDistrict:
            return admin == UnitType::kDistrict;
        case Level::kCommune:
            return admin == UnitType::kCommune;
        case Level::kProvinceOrDistrict:
            return admin == UnitType::kProvince || admin == UnitType::kDistrict;
    }
    return true;
}

// Strips one trailing level word from a plan's name; returns the level it names.
Level StripLevel(std::vector<std::string>& words) {
    struct Suffix {
        std::vector<std::string> words;
        Level level;
    };
    static const std::vector<Suffix> suffixes{
        {{"cap", "tinh"}, Level::kProvince}, {{"cap", "huyen"}, Level::kDistrict},
        {{"cap", "xa"}, Level::kCommune},    {{"thanh", "pho"}, Level::kProvinceOrDistrict},
        {{"thi", "xa"}, Level::kDistrict},   {{"thi", "tran"}, Level::kCommune},
        {{"tinh"}, Level::kProvince},        {{"huyen"}, Level::kDistrict},
        {{"xa"}, Level::kCommune},           {{"phuong"}, Level::kCommune},
    };
    for (const Suffix& s : suffixes) {
        if (words.size() > s.words.size() && EndsWith(words, s.words)) {
            words.resize(words.size() - s.words.size());
            return s.level;
        }
    }
    return Level::kAny;
}

// ---- The tree around the issuing unit

struct Tree {
    const std::vector<Unit>* units = nullptr;
    std::map<std::int64_t, std::size_t> index;
    std::int64_t issuer = 0;
    std::map<std::int64_t, std::vector<std::int64_t>> path;  // unit → itself up to the root
    std::set<std::int64_t> below_issuer;                     // the issuer's subtree
    std::map<std::string, std::vector<std::int64_t>> by_key;

    [[nodiscard]] const Unit& Get(std::int64_t id) const { return (*units)[index.at(id)]; }

    // The nearest administrative unit strictly above `id` (or itself when `self`).
    [[nodiscard]] std::optional<std::int64_t> AdminOf(std::int64_t id, bool self) const {
        const auto& p = path.at(id);
        for (std::size_t i = self ? 0 : 1; i < p.size(); ++i) {
            if (IsAdministrative(Get(p[i]).type)) {
                return p[i];
            }
        }
        return std::nullopt;
    }

    [[nodiscard]] int Distance(std::int64_t id) const {
        const auto& a = path.at(id);
        const auto& b = path.at(issuer);
        // Paths go up to the root: walk back from the root while they agree.
        std::size_t common = 0;
        while (common < a.size() && common < b.size() &&
               a[a.size() - 1 - common] == b[b.size() - 1 - common]) {
            ++common;
        }
        return static_cast<int>(a.size() + b.size() - 2 * common);
    }
};

Tree BuildTree(const std::vector<Unit>& units, std::int64_t issuer) {
    Tree t;
    t.units = &units;
    t.issuer = issuer;
    for (std::size_t i = 0; i < units.size(); ++i) {
        t.index[units[i].id] = i;
    }
    for (const Unit& u : units) {
        std::vector<std::int64_t> p{u.id};
        std::optional<std::int64_t> parent = u.parent_id;
        while (parent && t.index.contains(*parent) && p.size() < 64 &&
               std::find(p.begin(), p.end(), *parent) == p.end()) {
            p.push_back(*parent);
            parent = units[t.index[*parent]].parent_id;
        }
        if (std::find(p.begin(), p.end(), issuer) != p.end()) {
            t.below_issuer.insert(u.id);
        }
        t.path[u.id] = std::move(p);
    }
    for (const Unit& u : units) {
        std::vector<std::string> words = Words(plan_deadline::FoldForMatching(u.name));
        if (IsAdministrative(u.type)) {
            t.by_key["uy ban nhan dan"].push_back(u.id);
            t.by_key[Join(words)].push_back(u.id);
            std::vector<std::string> ubnd{"uy", "ban", "nhan", "dan"};
            ubnd.insert(ubnd.end(), words.begin(), words.end());
            t.by_key[Join(ubnd)].push_back(u.id);
            continue;
        }
        if (auto admin = t.AdminOf(u.id, false)) {
            const std::vector<std::string> place =
                Words(plan_deadline::FoldForMatching(t.Get(*admin).name));
            if (!place.empty() && words.size() > place.size() && EndsWith(words, place)) {
                words.resize(words.size() - place.size());
            }
        }
        t.by_key[Join(words)].push_back(u.id);
    }
    return t;
}

// ---- Single names

std::optional<std::int64_t> MatchKey(const Tree& tree, const std::string& key, Level level) {
    auto it = tree.by_key.find(key);
    if (it == tree.by_key.end()) {
        return std::nullopt;
    }
    std::vector<std::int64_t> best;
    int best_distance = 1 << 20;
    for (std::int64_t id : it->second) {
        const Unit& u = tree.Get(id);
        const auto admin = tree.AdminOf(id, IsAdministrative(u.type));
        if (level != Level::kAny && (!admin || !Fits(level, tree.Get(*admin).type))) {
            continue;
        }
        const int d = tree.Distance(id);
        if (d < best_distance) {
            best_distance = d;
            best = {id};
        } else if (d == best_distance) {
            best.push_back(id);
        }
    }
    if (best.size() != 1) {
        return std::nullopt;  // none, or a tie
    }
    return best.front();
}

std::optional<std::int64_t> MatchWords(const Tree& tree, std::vector<std::string> words) {
    if (words.empty()) {
        return std::nullopt;
    }
    if (auto exact = MatchKey(tree, Join(words), Level::kAny)) {
        return exact;
    }
    // The name of the issuing unit or of an administrative unit above it written out: "Sở Tư
    // pháp thành phố Huế".
    for (std::int64_t id : tree.path.at(tree.issuer)) {
        const Unit& admin = tree.Get(id);
        if (!IsAdministrative(admin.type)) {
            continue;
        }
        const std::vector<std::string> place = Words(plan_deadline::FoldForMatching(admin.name));
        if (!place.empty() && words.size() > place.size() && EndsWith(words, place)) {
            std::vector<std::string> head(words.begin(),
                                          words.end() - static_cast<std::ptrdiff_t>(place.size()));
            const Level level = admin.type == UnitType::kProvince   ? Level::kProvince
                                : admin.type == UnitType::kDistrict ? Level::kDistrict
                                                                    : Level::kCommune;
            if (auto id_match = MatchKey(tree, Join(head), level)) {
                return id_match;
            }
        }
    }
    const Level level = StripLevel(words);
    if (level == Level::kAny || words.empty()) {
        return std::nullopt;
    }
    return MatchKey(tree, Join(words), level);
}

// Names run together without separators ("Sở Nội vụ Sở Tư pháp Văn phòng UBND tỉnh"): split
// before each head word and match every part.
std::optional<std::vector<std::int64_t>> MatchRunTogether(const Tree& tree,
                                                          const std::vector<std::string>& words) {
    std::vector<std::size_t> starts{0};
    for (std::size_t i = 1; i < words.size(); ++i) {
        const bool head = words[i] == "so" ||
                          (words[i] == "van" && i + 1 < words.size() && words[i + 1] == "phong") ||
                          (words[i] == "phong" && words[i - 1] != "van");
        if (head) {
            starts.push_back(i);
        }
    }
    if (starts.size() < 2) {
        return std::nullopt;
    }
    std::vector<std::int64_t> ids;
    for (std::size_t k = 0; k < starts.size(); ++k) {
        const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : words.size();
        auto id = MatchWords(tree, {words.begin() + static_cast<std::ptrdiff_t>(starts[k]),
                                    words.begin() + static_cast<std::ptrdiff_t>(end)});
        if (!id) {
            return std::nullopt;
        }
        ids.push_back(*id);
    }
    return ids;
}

// Filler words around a name: "chủ trì", "theo dõi".
std::vector<std::string> Clean(std::vector<std::string> words) {
    while (words.size() >= 2 && words[words.size() - 2] == "chu" && words.back() == "tri") {
        words.resize(words.size() - 2);
    }
    if (words.size() >= 2 && words[0] == "theo" && words[1] == "doi") {
        words.erase(words.begin(), words.begin() + 2);
    }
    return words;
}

std::string Trim(std::string_view s) {
    auto strip = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '.' ||
               c == ',' || c == ';' || c == ':' || c == '*';
    };
    while (!s.empty() && strip(s.front())) {
        s.remove_prefix(1);
    }
    while (!s.empty() && strip(s.back())) {
        s.remove_suffix(1);
    }
    // A dangling "và" left by a collective taken out of the cell.
    for (std::string_view tail : {" và", " Và"}) {
        if (s.size() > tail.size() && s.ends_with(tail)) {
            s.remove_suffix(tail.size());
        }
    }
    return std::string(s);
}

std::vector<std::int64_t> SortedUnique(std::vector<std::int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    return ids;
}

// ---- Collective names

enum class Collective : std::uint8_t {
    kAgencies,              // the issuing unit's agencies
    kDistrictsAndCommunes,  // UBND cấp huyện, cấp xã
    kCommunes,
    kDistricts,
    kDesks,   // one-stop desks of the levels captured
    kBodies,  // every agency and administrative unit
};

struct CollectivePattern {
    std::regex re;
    Collective kind;
};

const std::vector<CollectivePattern>& Patterns() {
    static const std::vector<CollectivePattern> patterns = [] {
        const std::string u = "(?:ubnd|uy ban nhan dan)";
        const std::string q =
            "(?:,? (?:cap tinh|cap huyen|tinh|huyen|(?:truc )?thuoc " + u +
            " (?:tinh|huyen)|co lien quan|lien quan|chu tri(?: theo nganh, linh vuc)?|giai quyet "
            "tthc(?: o cac cap)?|duoc (?:" +
            u + " (?:tinh|huyen) )?giao chu tri soan thao(?: van ban qppl)?))*";
        const std::string p = "(?: ?\\([^)]*\\))?";
        const auto flags = std::regex::ECMAScript | std::regex::optimize;
        std::vector<CollectivePattern> out;
        out.push_back(
            {std::regex("\\bbo phan (?:mot cua|tiep nhan va tra ket qua)(?: hien dai)?(?: "
                        "cua " +
                            u + ")? cap (huyen|xa)(?:(?:,| va) ?(?:cap )?(huyen|xa))?" + p,
                        flags),
             Collective::kDesks});
        out.push_back(
            {std::regex("\\b(?:cac )?(?:so|phong)(?:, ?(?:ban|nganh|don vi|co quan))+" + q + p,
                        flags),
             Collective::kAgencies});
        out.push_back({std::regex("\\bcac co quan chuyen mon (?:truc )?thuoc " + u +
                                      " (?:tinh|huyen)" + q + p,
                                  flags),
                       Collective::kAgencies});
        out.push_back({std::regex("\\bcac phong quan ly chuyen nganh" + q + p, flags),
                       Collective::kAgencies});
        out.push_back({std::regex("\\bcac co quan, don vi" + q + p, flags), Collective::kBodies});
        out.push_back(
            {std::regex("\\b" + u + " cap huyen(?:,| va) ?(?:" + u + " )?(?:cap )?xa" + p, flags),
             Collective::kDistrictsAndCommunes});
        out.push_back({std::regex("\\b" + u +
                                      " (?:cac (?:xa|phuong|thi tran)(?:, ?(?:xa|phuong|thi "
                                      "tran))*|cap xa)" +
                                      p,
                                  flags),
                       Collective::kCommunes});
        out.push_back({std::regex("\\b" + u + " cap huyen" + p, flags), Collective::kDistricts});
        return out;
    }();
    return patterns;
}

std::vector<std::int64_t> Expand(const Tree& tree, Collective kind, bool district_desks,
                                 bool commune_desks) {
    std::vector<std::int64_t> out;
    for (std::int64_t id : tree.below_issuer) {
        const Unit& u = tree.Get(id);
        const bool agency = u.type == UnitType::kAgency && u.parent_id == tree.issuer;
        switch (kind) {
            case Collective::kAgencies:
                if (agency) {
                    out.push_back(id);
                }
                break;
            case Collective::kDistrictsAndCommunes:
                if (u.type == UnitType::kDistrict || u.type == UnitType::kCommune) {
                    out.push_back(id);
                }
                break;
            case Collective::kCommunes:
                if (u.type == UnitType::kCommune) {
                    out.push_back(id);
                }
                break;
            case Collective::kDistricts:
                if (u.type == UnitType::kDistrict) {
                    out.push_back(id);
                }
                break;
            case Collective::kDesks:
                if (u.type == UnitType::kOneStopDesk || u.type == UnitType::kServiceCentre) {
                    const auto admin = tree.AdminOf(id, false);
                    const UnitType level = admin ? tree.Get(*admin).type : UnitType::kProvince;
                    if ((district_desks && level == UnitType::kDistrict) ||
                        (commune_desks && level == UnitType::kCommune)) {
                        out.push_back(id);
                    }
                }
                break;
            case Collective::kBodies:
                if (agency || (id != tree.issuer && IsAdministrative(u.type))) {
                    out.push_back(id);
                }
                break;
        }
    }
    return SortedUnique(std::move(out));
}

void AddUnmatched(CellMatch& out, std::string name) {
    if (!name.empty() &&
        std::find(out.unmatched.begin(), out.unmatched.end(), name) == out.unmatched.end()) {
        out.unmatched.push_back(std::move(name));
    }
}

// One name left once the collectives are out: "Sở Tư pháp", "Văn phòng UBND tỉnh (Trung tâm
// Phục vụ HCC tỉnh)".
void MatchOne(const Tree& tree, const std::string& name, CellMatch& out) {
    std::string outer = name;
    std::string inner;
    if (const auto open = name.find('('); open != std::string::npos) {
        const auto close = name.find(')', open);
        inner = Trim(name.substr(
            open + 1, close == std::string::npos ? std::string::npos : close - open - 1));
        outer = Trim(name.substr(0, open) +
                     (close == std::string::npos ? std::string() : name.substr(close + 1)));
    }
    const std::vector<std::string> words = Clean(Words(plan_deadline::FoldForMatching(outer)));
    if (words.empty()) {
        return;  // filler only ("chủ trì")
    }
    if (auto id = MatchWords(tree, words)) {
        out.matched.push_back(NameMatch{outer, {*id}, false});
    } else if (auto ids = MatchRunTogether(tree, words)) {
        out.matched.push_back(NameMatch{outer, SortedUnique(*ids), false});
    } else {
        AddUnmatched(out, name);
        return;
    }
    if (!inner.empty()) {
        if (auto id = MatchWords(tree, Clean(Words(plan_deadline::FoldForMatching(inner))))) {
            out.matched.push_back(NameMatch{inner, {*id}, false});
        }
    }
}

}  // namespace

std::vector<std::int64_t> CellMatch::UnitIds() const {
    std::vector<std::int64_t> ids;
    for (const NameMatch& m : matched) {
        ids.insert(ids.end(), m.unit_ids.begin(), m.unit_ids.end());
    }
    return SortedUnique(std::move(ids));
}

std::string NormaliseName(std::string_view name) {
    return Join(Words(plan_deadline::FoldForMatching(name)));
}

CellMatch MatchCell(std::string_view cell, const std::vector<Unit>& units,
                    std::int64_t issuing_unit_id) {
    CellMatch out;
    if (cell.size() > 8000) {
        AddUnmatched(out, Trim(cell.substr(0, 200)));
        return out;
    }
    std::string rest(cell);
    const Folded folded = FoldWithOffsets(cell);
    const bool known = std::any_of(units.begin(), units.end(),
                                   [&](const Unit& u) { return u.id == issuing_unit_id; });
    if (!known) {
        for (const std::string& name : plan_import::SplitUnits(cell)) {
            AddUnmatched(out, Trim(name));
        }
        return out;
    }
    const Tree tree = BuildTree(units, issuing_unit_id);
    std::string work = folded.text;  // matched spans are blanked with ';' (offsets kept)
    struct Found {
        std::size_t begin;
        NameMatch match;
    };
    std::vector<Found> found;
    for (const CollectivePattern& pattern : Patterns()) {
        std::vector<std::pair<std::size_t, std::size_t>> spans;  // folded [begin, end)
        for (auto it = std::sregex_iterator(work.begin(), work.end(), pattern.re);
             it != std::sregex_iterator(); ++it) {
            const std::smatch& m = *it;
            const auto fb = static_cast<std::size_t>(m.position(0));
            const std::size_t fe = fb + static_cast<std::size_t>(m.length(0));
            bool district_desks = false;
            bool commune_desks = false;
            for (std::size_t g = 1; g < m.size(); ++g) {
                district_desks = district_desks || (m[g].matched && m[g].str() == "huyen");
                commune_desks = commune_desks || (m[g].matched && m[g].str() == "xa");
            }
            const std::size_t ob = folded.at[fb];
            const std::size_t oe = folded.at[fe];
            NameMatch nm{Trim(cell.substr(ob, oe - ob)),
                         Expand(tree, pattern.kind, district_desks, commune_desks), true};
            found.push_back(Found{ob, std::move(nm)});
            spans.emplace_back(fb, fe);
        }
        for (const auto& [fb, fe] : spans) {
            std::fill(work.begin() + static_cast<std::ptrdiff_t>(fb),
                      work.begin() + static_cast<std::ptrdiff_t>(fe), ';');
        }
    }
    // Separators written as words: "phối hợp (với)", "chủ trì,", "theo dõi:".
    static const std::regex separators("\\b(?:phoi hop(?: voi)?|theo doi:)(?= |$)",
                                       std::regex::ECMAScript | std::regex::optimize);
    for (auto it = std::sregex_iterator(work.begin(), work.end(), separators);
         it != std::sregex_iterator(); ++it) {
        const auto fb = static_cast<std::size_t>(it->position(0));
        const auto len = static_cast<std::size_t>(it->length(0));
        std::fill(work.begin() + static_cast<std::ptrdiff_t>(fb),
                  work.begin() + static_cast<std::ptrdiff_t>(fb + len), ';');
    }
    // Blank the same spans in the original text (whole code points).
    for (std::size_t i = 0; i < work.size(); ++i) {
        if (work[i] == ';' && folded.text[i] != ';') {
            const std::size_t ob = folded.at[i];
            std::size_t oe = folded.at[i + 1];
            if (oe == ob) {  // several folded bytes from one code point
                continue;
            }
            std::fill(rest.begin() + static_cast<std::ptrdiff_t>(ob),
                      rest.begin() + static_cast<std::ptrdiff_t>(oe), ';');
        }
    }
    // "HĐND - UBND" is one office, not two names around a bullet.
    for (std::string_view spaced : {"HĐND - UBND", "HĐND – UBND", "HĐND -UBND", "HĐND- UBND"}) {
        for (std::size_t p = rest.find(spaced); p != std::string::npos; p = rest.find(spaced, p)) {
            rest.replace(p, spaced.size(), "HĐND-UBND");
        }
    }
    // Collectives and single names in the cell's order.
    std::sort(found.begin(), found.end(),
              [](const Found& a, const Found& b) { return a.begin < b.begin; });
    std::vector<std::pair<std::size_t, std::string>> singles;
    {
        std::size_t pos = 0;
        for (const std::string& piece : plan_import::SplitUnits(rest)) {
            const std::size_t at = rest.find(piece, pos);
            pos = at == std::string::npos ? pos : at + piece.size();
            singles.emplace_back(at == std::string::npos ? pos : at, piece);
        }
    }
    std::size_t s = 0;
    for (std::size_t f = 0; f <= found.size(); ++f) {
        const std::size_t until = f < found.size() ? found[f].begin : std::string::npos;
        for (; s < singles.size() && singles[s].first < until; ++s) {
            std::string name = Trim(singles[s].second);
            // Pieces of a blanked span.
            name.erase(std::remove(name.begin(), name.end(), ';'), name.end());
            name = Trim(name);
            if (!name.empty()) {
                MatchOne(tree, name, out);
            }
        }
        if (f < found.size()) {
            if (found[f].match.unit_ids.empty()) {
                AddUnmatched(out, found[f].match.name);
            } else {
                out.matched.push_back(std::move(found[f].match));
            }
        }
    }
    return out;
}

}  // namespace motcua::domain::plan_units
