#include "app/citizens.hpp"

#include <algorithm>
#include <array>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "app/audit_util.hpp"
#include "app/catalogue.hpp"
#include "app/crypto.hpp"
#include "app/indicators.hpp"
#include "store/citizens.hpp"
#include "store/documents.hpp"
#include "store/dossiers.hpp"
#include "store/procedures.hpp"
#include "store/units.hpp"
#include "store/users.hpp"
#include "text/unicode.hpp"

namespace motcua::app {

namespace {

namespace json = boost::json;
using std::chrono::sys_seconds;

constexpr std::chrono::minutes kCodeLifetime{15};
constexpr std::chrono::seconds kResendInterval{60};
constexpr int kMaxCodeAttempts = 5;
constexpr std::size_t kMaxDraftBody = std::size_t{64} * 1024;
constexpr std::string_view kBadCode = "Mã xác thực không đúng hoặc đã hết hạn.";

// Sign-ups and verification attempts per client address (in memory, per process).
LoginThrottle& SignUpThrottle() {
    static LoginThrottle throttle(10, std::chrono::hours{1});
    return throttle;
}
LoginThrottle& VerifyThrottle() {
    static LoginThrottle throttle(30, std::chrono::minutes{15});
    return throttle;
}

std::string Lower(std::string_view s) {
    std::string out;
    for (const char c : s) {
        if (c == ' ' || c == '\t') {
            continue;
        }
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
}

std::string Mask(std::string_view destination) {
    if (const auto at = destination.find('@'); at != std::string_view::npos) {
        return std::string(destination.substr(0, std::min<std::size_t>(2, at))) + "***" +
               std::string(destination.substr(at));
    }
    if (destination.size() <= 4) {
        return "***";
    }
    return std::string(destination.substr(0, 3)) + "****" +
           std::string(destination.substr(destination.size() - 3));
}

Actor ClientActor(const ClientInfo& client) {
    Actor a;
    a.ip = client.ip;
    a.user_agent = client.user_agent;
    return a;
}

// Queues a fresh code for `user` and records its hash.
base::Status SendCode(store::Transaction& tx, const domain::User& user, std::string_view channel,
                      sys_seconds now) {
    std::array<char, 8> digits{};
    const std::string random = RandomToken(16);
    // Six decimal digits from the CSPRNG token's bytes (bias below 0.01%: 2^48 % 10^6 is small).
    std::uint64_t n = 0;
    for (const char c : random.substr(0, 8)) {
        n = n * 64 + static_cast<unsigned char>(c);
    }
    std::snprintf(digits.data(), digits.size(), "%06llu",
                  static_cast<unsigned long long>(n % 1'000'000));
    const std::string code = digits.data();
    store::citizens::Code c;
    c.user_id = user.id;
    c.channel = std::string(channel);
    c.destination = channel == "email" ? user.email : user.phone;
    c.code_hash = Sha256Hex(code);
    c.created_at = now;
    c.expires_at = now + kCodeLifetime;
    auto id = store::citizens::InsertCode(tx, c);
    if (!id) {
        return id.error();
    }
    store::outbox::Message m;
    m.recipient_user_id = user.id;
    m.kind = "verification";
    m.channel = c.channel;
    m.destination = c.destination;
    m.subject = "Mã xác thực tài khoản dịch vụ công";
    m.message = "Mã xác thực tài khoản của ông/bà là " + code +
                " (hiệu lực 15 phút). Không cung cấp mã này cho bất kỳ ai.";
    m.created_at = now;
    auto queued = store::outbox::Enqueue(tx, m);
    if (!queued) {
        return queued.error();
    }
    return {};
}

base::Result<domain::User> RequireCitizen(const Actor& actor) {
    if (!actor.SignedIn()) {
        return base::Error{base::ErrorCode::kUnauthenticated, "Bạn cần đăng nhập."};
    }
    const bool citizen =
        std::any_of(actor.user->roles.begin(), actor.user->roles.end(),
                    [](const domain::RoleGrant& g) { return g.role == domain::Role::kCitizen; });
    if (!citizen) {
        return base::Error{base::ErrorCode::kPermissionDenied,
                           "Chức năng này dành cho tài khoản công dân, doanh nghiệp."};
    }
    return *actor.user;
}

std::string StringField(const json::object& o, std::string_view key) {
    if (const json::value* v = o.if_contains(key); v && v->is_string()) {
        return std::string(v->as_string());
    }
    return {};
}

base::Result<store::citizens::Draft> OwnDraft(store::Transaction& tx, const Actor& actor,
                                              std::int64_t id) {
    auto draft = store::citizens::GetDraft(tx, id);
    if (!draft) {
        return std::move(draft).error();
    }
    if (!*draft || (*draft)->user_id != actor.user->id) {
        return base::NotFound("không có bản nháp " + std::to_string(id));
    }
    return std::move(**draft);
}

}  // namespace

base::Result<SignUpResult> SignUpCitizen(AppContext& ctx, const SignUpRequest& r,
                                         const ClientInfo& client) {
    const sys_seconds now = ctx.clock->Now();
    if (const base::Status allowed = SignUpThrottle().Check(client.ip, now); !allowed) {
        return allowed.error();
    }
    domain::Applicant applicant;
    applicant.kind = r.kind;
    auto name = text::Nfc(text::TrimAndCollapseSpaces(r.full_name));
    if (!name) {
        return std::move(name).error();
    }
    applicant.name = *name;
    applicant.id_number = text::TrimAndCollapseSpaces(r.id_number);
    applicant.email = Lower(r.email);
    applicant.phone = text::TrimAndCollapseSpaces(r.phone);
    auto address = text::Nfc(text::TrimAndCollapseSpaces(r.address));
    if (!address) {
        return std::move(address).error();
    }
    applicant.address = *address;
    if (base::Status s = domain::ValidateApplicant(applicant); !s) {
        return s.error();
    }
    if (r.verify_by != "email" && r.verify_by != "sms") {
        return base::InvalidArgument("chọn nhận mã xác thực qua \"email\" hoặc \"sms\"");
    }
    if (r.verify_by == "email" && applicant.email.empty()) {
        return base::InvalidArgument("cần địa chỉ thư điện tử để nhận mã xác thực");
    }
    if (r.verify_by == "sms" && applicant.phone.empty()) {
        return base::InvalidArgument("cần số điện thoại để nhận mã xác thực");
    }
    if (base::Status s = CheckPasswordPolicy(r.password); !s) {
        return s.error();
    }
    domain::User user;
    user.username = r.verify_by == "email" ? applicant.email : applicant.phone;
    if (base::Status s = domain::ValidateUsername(user.username); !s) {
        return base::InvalidArgument(
            "địa chỉ thư điện tử hoặc số điện thoại không dùng được làm "
            "tên đăng nhập");
    }
    user.display_name = applicant.name;
    user.email = applicant.email;
    user.phone = applicant.phone;
    user.active = false;  // until the code is verified
    user.roles = {domain::RoleGrant{domain::Role::kCitizen, std::nullopt}};
    user.created_at = now;
    SignUpThrottle().RecordFailure(client.ip, now);  // counts every attempt
    auto hash = HashPassword(r.password);
    if (!hash) {
        return std::move(hash).error();
    }
    user.password_hash = std::move(*hash);
    return InWriteTransaction<SignUpResult>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<SignUpResult> {
            auto holder = store::citizens::UserWithIdNumber(tx, applicant.id_number);
            if (!holder) {
                return std::move(holder).error();
            }
            if (*holder) {
                return base::Error{base::ErrorCode::kAlreadyExists,
                                   "Số định danh (mã số thuế) này đã có tài khoản; hãy đăng nhập "
                                   "hoặc lấy lại mật khẩu."};
            }
            auto stored = store::users::Insert(tx, user);
            if (!stored) {
                if (stored.error().code == base::ErrorCode::kAlreadyExists) {
                    return base::Error{base::ErrorCode::kAlreadyExists,
                                       "Địa chỉ thư điện tử hoặc số điện thoại đã có tài khoản."};
                }
                return std::move(stored).error();
            }
            store::citizens::Profile p;
            p.user_id = stored->id;
            p.kind = r.kind == domain::ApplicantKind::kPerson ? "person" : "organisation";
            p.id_number = applicant.id_number;
            p.address = applicant.address;
            p.created_at = now;
            if (base::Status s = store::citizens::InsertProfile(tx, p); !s) {
                return s.error();
            }
            if (base::Status s = SendCode(tx, *stored, r.verify_by, now); !s) {
                return s.error();
            }
            Actor self = ClientActor(client);
            self.user = *stored;
            if (base::Status s =
                    Audit(tx, self, now, "citizen.sign_up", "user", std::to_string(stored->id),
                          "{\"verify_by\":" + JsonQuote(r.verify_by) + "}");
                !s) {
                return s.error();
            }
            const std::string destination = r.verify_by == "email" ? user.email : user.phone;
            return SignUpResult{stored->id, stored->username, Mask(destination)};
        });
}

base::Status VerifyCitizen(AppContext& ctx, std::string_view username, std::string_view code,
                           const ClientInfo& client) {
    const sys_seconds now = ctx.clock->Now();
    if (const base::Status allowed = VerifyThrottle().Check(client.ip, now); !allowed) {
        return allowed.error();
    }
    const std::string name = Lower(username);
    auto outcome =
        InWriteTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
            auto user = store::users::GetByUsername(tx, name);
            if (!user) {
                return std::move(user).error();
            }
            if (!*user) {
                return false;
            }
            auto profile = store::citizens::GetProfile(tx, (*user)->id);
            if (!profile) {
                return std::move(profile).error();
            }
            if (!*profile || (*profile)->verified_at) {
                return false;
            }
            auto latest = store::citizens::LatestCode(tx, (*user)->id);
            if (!latest) {
                return std::move(latest).error();
            }
            if (!*latest || (*latest)->used_at || (*latest)->expires_at <= now ||
                (*latest)->attempts >= kMaxCodeAttempts) {
                return false;
            }
            if (code.size() != 6 || !ConstantTimeEquals(Sha256Hex(code), (*latest)->code_hash)) {
                if (base::Status s = store::citizens::CountAttempt(tx, (*latest)->id); !s) {
                    return s.error();
                }
                return false;
            }
            if (base::Status s = store::citizens::MarkCodeUsed(tx, (*latest)->id, now); !s) {
                return s.error();
            }
            if (base::Status s = store::citizens::SetVerified(tx, (*user)->id, now); !s) {
                return s.error();
            }
            domain::User activated = **user;
            activated.active = true;
            auto updated = store::users::Update(tx, activated);
            if (!updated) {
                return std::move(updated).error();
            }
            Actor self = ClientActor(client);
            self.user = *updated;
            if (base::Status s = Audit(tx, self, now, "citizen.verify", "user",
                                       std::to_string((*user)->id), "{}");
                !s) {
                return s.error();
            }
            return true;
        });
    if (!outcome) {
        return outcome.error();
    }
    if (!*outcome) {
        VerifyThrottle().RecordFailure(client.ip, now);
        return base::InvalidArgument(std::string(kBadCode));
    }
    return {};
}

base::Status ResendVerification(AppContext& ctx, std::string_view username,
                                const ClientInfo& client) {
    const sys_seconds now = ctx.clock->Now();
    if (const base::Status allowed = VerifyThrottle().Check(client.ip, now); !allowed) {
        return allowed.error();
    }
    VerifyThrottle().RecordFailure(client.ip, now);
    const std::string name = Lower(username);
    auto done =
        InWriteTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
            auto user = store::users::GetByUsername(tx, name);
            if (!user) {
                return std::move(user).error();
            }
            if (!*user) {
                return false;
            }
            auto profile = store::citizens::GetProfile(tx, (*user)->id);
            if (!profile) {
                return std::move(profile).error();
            }
            if (!*profile || (*profile)->verified_at) {
                return false;
            }
            auto latest = store::citizens::LatestCode(tx, (*user)->id);
            if (!latest) {
                return std::move(latest).error();
            }
            if (*latest && (*latest)->created_at + kResendInterval > now) {
                return false;  // too soon: the last code is still on its way
            }
            const std::string channel = *latest ? (*latest)->channel : "email";
            if (base::Status s = SendCode(tx, **user, channel, now); !s) {
                return s.error();
            }
            return true;
        });
    if (!done) {
        return done.error();
    }
    return {};
}

base::Result<CitizenProfile> MyProfile(AppContext& ctx, const Actor& actor) {
    auto user = RequireCitizen(actor);
    if (!user) {
        return std::move(user).error();
    }
    return InReadTransaction<CitizenProfile>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<CitizenProfile> {
            auto profile = store::citizens::GetProfile(tx, user->id);
            if (!profile) {
                return std::move(profile).error();
            }
            if (!*profile) {
                return base::NotFound("tài khoản chưa có hồ sơ công dân");
            }
            return CitizenProfile{*user, std::move(**profile)};
        });
}

base::Result<DraftContent> DecodeDraftBody(std::string_view body) {
    std::error_code ec;
    const json::value v = json::parse(body, ec);
    if (ec || !v.is_object()) {
        return base::InvalidArgument("nội dung tờ khai phải là một đối tượng JSON");
    }
    const json::object& o = v.as_object();
    DraftContent out;
    if (const json::value* a = o.if_contains("applicant"); a) {
        if (!a->is_object()) {
            return base::InvalidArgument("\"applicant\" phải là một đối tượng");
        }
        const json::object& ao = a->as_object();
        const std::string kind = StringField(ao, "kind");
        if (!kind.empty() && kind != "person" && kind != "organisation") {
            return base::InvalidArgument("\"applicant.kind\" phải là person hoặc organisation");
        }
        out.applicant.kind = kind == "organisation" ? domain::ApplicantKind::kOrganisation
                                                    : domain::ApplicantKind::kPerson;
        out.applicant.name = StringField(ao, "name");
        out.applicant.id_number = StringField(ao, "id_number");
        out.applicant.address = StringField(ao, "address");
        out.applicant.phone = StringField(ao, "phone");
        out.applicant.email = StringField(ao, "email");
        out.applicant.owner_name = StringField(ao, "owner_name");
    }
    if (const json::value* c = o.if_contains("components"); c) {
        if (!c->is_array()) {
            return base::InvalidArgument("\"components\" phải là một mảng");
        }
        for (const json::value& item : c->as_array()) {
            if (!item.is_object()) {
                return base::InvalidArgument("mỗi thành phần hồ sơ phải là một đối tượng");
            }
            const json::object& co = item.as_object();
            domain::Component comp;
            comp.name = StringField(co, "name");
            if (comp.name.empty()) {
                return base::InvalidArgument("thành phần hồ sơ thiếu tên");
            }
            comp.note = StringField(co, "note");
            comp.copies = 1;
            comp.originals = 0;
            if (const json::value* p = co.if_contains("provided"); p && !p->is_bool()) {
                return base::InvalidArgument("\"provided\" phải là true hoặc false");
            } else if (p) {
                comp.provided = p->as_bool();
            }
            out.components.push_back(std::move(comp));
        }
    }
    return out;
}

base::Result<store::citizens::Draft> SaveDraft(AppContext& ctx, const Actor& actor,
                                               const DraftInput& input) {
    auto user = RequireCitizen(actor);
    if (!user) {
        return std::move(user).error();
    }
    if (input.body.size() > kMaxDraftBody) {
        return base::InvalidArgument("tờ khai nháp tối đa 64 KiB");
    }
    if (auto decoded = DecodeDraftBody(input.body); !decoded) {
        return std::move(decoded).error();
    }
    if (auto valid = text::Nfc(input.body); !valid) {
        return std::move(valid).error();
    }
    const sys_seconds now = ctx.clock->Now();
    return InWriteTransaction<store::citizens::Draft>(
        *ctx.db, [&](store::Transaction& tx) -> base::Result<store::citizens::Draft> {
            auto procedure =
                store::procedures::GetInForce(tx, input.procedure_code, TodayInVietnam(*ctx.clock));
            if (!procedure) {
                return std::move(procedure).error();
            }
            if (!*procedure) {
                return base::NotFound("không có thủ tục " + input.procedure_code +
                                      " đang có hiệu lực");
            }
            auto unit = store::units::Get(tx, input.settling_unit_id);
            if (!unit) {
                return std::move(unit).error();
            }
            if (!*unit) {
                return base::NotFound("không có đơn vị giải quyết");
            }
            store::citizens::Draft d;
            d.user_id = user->id;
            d.procedure_code = input.procedure_code;
            d.settling_unit_id = input.settling_unit_id;
            d.body = input.body;
            d.updated_at = now;
            std::int64_t id = 0;
            if (input.id) {
                auto existing = OwnDraft(tx, actor, *input.id);
                if (!existing) {
                    return std::move(existing).error();
                }
                d.id = *input.id;
                d.version = input.version;
                auto version = store::citizens::UpdateDraft(tx, d);
                if (!version) {
                    return std::move(version).error();
                }
                id = d.id;
            } else {
                d.created_at = now;
                auto inserted = store::citizens::InsertDraft(tx, d);
                if (!inserted) {
                    return std::move(inserted).error();
                }
                id = *inserted;
            }
            if (base::Status s = Audit(tx, actor, now, input.id ? "draft.update" : "draft.create",
                                       "draft", std::to_string(id),
                                       "{\"procedure\":" + JsonQuote(input.procedure_code) + "}");
                !s) {
                return s.error();
            }
            return OwnDraft(tx, actor, id);
        });
}

base::Result<store::citizens::Draft> GetDraft(AppContext& ctx, const Actor& actor,
                                              std::int64_t id) {
    if (auto user = RequireCitizen(actor); !user) {
        return std::move(user).error();
    }
    return InReadTransaction<store::citizens::Draft>(
        *ctx.db, [&](store::Transaction& tx) { return OwnDraft(tx, actor, id); });
}

base::Result<std::vector<store::citizens::Draft>> ListDrafts(AppContext& ctx, const Actor& actor) {
    auto user = RequireCitizen(actor);
    if (!user) {
        return std::move(user).error();
    }
    return InReadTransaction<std::vector<store::citizens::Draft>>(
        *ctx.db, [&](store::Transaction& tx) { return store::citizens::ListDrafts(tx, user->id); });
}

base::Status DeleteDraft(AppContext& ctx, const Actor& actor, std::int64_t id) {
    if (auto user = RequireCitizen(actor); !user) {
        return user.error();
    }
    const sys_seconds now = ctx.clock->Now();
    auto done =
        InWriteTransaction<bool>(*ctx.db, [&](store::Transaction& tx) -> base::Result<bool> {
            auto draft = OwnDraft(tx, actor, id);
            if (!draft) {
                return std::move(draft).error();
            }
            if (base::Status s = store::citizens::DeleteDraft(tx, id); !s) {
                return s.error();
            }
            if (base::Status s =
                    Audit(tx, actor, now, "draft.delete", "draft", std::to_string(id), "{}");
                !s) {
                return s.error();
            }
            return true;
        });
    if (!done) {
        return done.error();
    }
    return {};
}

base::Result<ReceiveResult> SubmitDraft(AppContext& ctx, const Actor& actor, std::int64_t id,
                                        std::string idempotency_key) {
    auto user = RequireCitizen(actor);
    if (!user) {
        return std::move(user).error();
    }
    // Read the draft and the profile; a draft already submitted answers with its dossier.
    struct Loaded {
        store::citizens::Draft draft;
        std::optional<store::citizens::Profile> profile;
        std::optional<domain::Dossier> submitted;
        std::vector<std::string> attached;  // components with a file attached to the draft
    };
    auto loaded =
        InReadTransaction<Loaded>(*ctx.db, [&](store::Transaction& tx) -> base::Result<Loaded> {
            auto draft = OwnDraft(tx, actor, id);
            if (!draft) {
                return std::move(draft).error();
            }
            Loaded l{std::move(*draft), std::nullopt, std::nullopt, {}};
            auto profile = store::citizens::GetProfile(tx, user->id);
            if (!profile) {
                return std::move(profile).error();
            }
            l.profile = std::move(*profile);
            auto documents = store::documents::ListForDraft(tx, id);
            if (!documents) {
                return std::move(documents).error();
            }
            for (const store::documents::Document& doc : *documents) {
                l.attached.push_back(doc.component_name);
            }
            if (l.draft.submitted_dossier_id) {
                auto d = store::dossiers::Get(tx, *l.draft.submitted_dossier_id);
                if (!d) {
                    return std::move(d).error();
                }
                l.submitted = std::move(*d);
            }
            return l;
        });
    if (!loaded) {
        return std::move(loaded).error();
    }
    if (loaded->submitted) {
        return ReceiveResult{std::move(*loaded->submitted), false};
    }
    auto content = DecodeDraftBody(loaded->draft.body);
    if (!content) {
        return std::move(content).error();
    }
    // A component with a file attached (uploaded or reused) is provided.
    for (domain::Component& c : content->components) {
        if (std::find(loaded->attached.begin(), loaded->attached.end(), c.name) !=
            loaded->attached.end()) {
            c.provided = true;
        }
    }
    // The applicant defaults to the account holder's verified particulars.
    domain::Applicant& a = content->applicant;
    if (loaded->profile) {
        if (a.name.empty()) {
            a.name = user->display_name;
            a.kind = loaded->profile->kind == "organisation" ? domain::ApplicantKind::kOrganisation
                                                             : domain::ApplicantKind::kPerson;
        }
        if (a.id_number.empty()) {
            a.id_number = loaded->profile->id_number;
        }
        if (a.address.empty()) {
            a.address = loaded->profile->address;
        }
    }
    if (a.email.empty()) {
        a.email = user->email;
    }
    if (a.phone.empty()) {
        a.phone = user->phone;
    }
    OnlineSubmission submission;
    submission.procedure_code = loaded->draft.procedure_code;
    submission.settling_unit_id = loaded->draft.settling_unit_id;
    submission.applicant = std::move(a);
    submission.components = std::move(content->components);
    submission.idempotency_key = std::move(idempotency_key);
    const auto draft_version = loaded->draft.version;
    submission.in_transaction = [id, draft_version, &ctx](
                                    store::Transaction& tx,
                                    const domain::Dossier& d) -> base::Status {
        auto current = store::citizens::GetDraft(tx, id);
        if (!current) {
            return current.error();
        }
        if (!*current || (*current)->submitted_dossier_id || (*current)->version != draft_version) {
            return base::Error{base::ErrorCode::kAborted,
                               "bản nháp vừa thay đổi hoặc đã được nộp; hãy tải lại"};
        }
        if (base::Status s = store::citizens::MarkDraftSubmitted(tx, id, d.id, ctx.clock->Now());
            !s) {
            return s;
        }
        // The files attached to the draft become the dossier's components.
        auto moved = store::documents::MoveDraftToDossier(tx, id, d.id);
        if (!moved) {
            return moved.error();
        }
        return internal::RefreshIndicators(tx, d.id);
    };
    auto result = SubmitOnline(ctx, actor, std::move(submission));
    if (!result && result.error().code == base::ErrorCode::kAborted) {
        // A concurrent submission of the same draft won: answer with its dossier.
        auto again = InReadTransaction<std::optional<domain::Dossier>>(
            *ctx.db, [&](store::Transaction& tx) -> base::Result<std::optional<domain::Dossier>> {
                auto draft = OwnDraft(tx, actor, id);
                if (!draft) {
                    return std::move(draft).error();
                }
                if (!draft->submitted_dossier_id) {
                    return std::optional<domain::Dossier>{};
                }
                return store::dossiers::Get(tx, *draft->submitted_dossier_id);
            });
        if (again && *again) {
            return ReceiveResult{std::move(**again), false};
        }
    }
    return result;
}

base::Result<std::vector<store::dossiers::Summary>> MyDossiers(AppContext& ctx, const Actor& actor,
                                                               int limit) {
    auto user = RequireCitizen(actor);
    if (!user) {
        return std::move(user).error();
    }
    return InReadTransaction<std::vector<store::dossiers::Summary>>(
        *ctx.db, [&](store::Transaction& tx) {
            store::dossiers::Filter f;
            f.citizen_user_id = user->id;
            f.limit = std::clamp(limit, 1, 200);
            return store::dossiers::List(tx, f);
        });
}

}  // namespace motcua::app
