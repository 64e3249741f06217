#pragma once

#include <string>
#include <string_view>

#include "app/context.hpp"
#include "http/router.hpp"

namespace motcua::web {

struct WebOptions {
    // Read templates from `<template_dir>/<name>.mustache` on every request (editing templates
    // without a rebuild); empty: the templates compiled into the binary.
    std::string template_dir;
};

// Registers the server-rendered pages (docs/web.md):
//   GET  /                              home: search box and entry points
//   GET  /thu-tuc                       catalogue (q, field, level, cursor, tu); with HX-Request
//                                       only the results fragment (htmx search-as-you-type)
//   GET  /thu-tuc/{code}                procedure detail; ?print=1 the notice-board print view
//   GET  /dang-nhap, POST /dang-nhap    sign-in form (?next= a local path)
//   POST /dang-xuat                     sign out
//   GET  /don-vi                        the organisation tree
//   GET  /quan-tri                      → /quan-tri/don-vi
//   GET  /quan-tri/don-vi               units (administration)
//   GET  /quan-tri/don-vi/moi, POST     create a unit
//   GET  /quan-tri/don-vi/{code}, POST  edit a unit
//   GET  /quan-tri/nguoi-dung           users in the actor's scope
//   GET  /quan-tri/nguoi-dung/moi, POST create a user with one role
//   GET  /ho-so                         dossier inboxes (hop, q, truoc)
//   GET  /ho-so/tiep-nhan, POST         receive a walk-in or postal dossier (htmx fragments)
//   GET  /ho-so/{code}                  the dossier, its timeline and action forms
//   POST /ho-so/{code}/thao-tac         one action on the dossier (action, version, …)
//   GET  /quy-trinh/{procedure}, POST   the internal-process editor (don-vi; op=save|add|remove-N)
//   GET  /static/{name}                 embedded CSS/JS (content hash in ?v=, ETag)
// Forms post application/x-www-form-urlencoded with a hidden `_csrf` (app::CheckCsrf for
// cookie sessions) and follow Post/Redirect/Get. Anonymous visitors of signed-in areas are sent
// to /dang-nhap?next=…; use cases refusing the actor (kPermissionDenied) give a 403 page.
// `ctx` must outlive the router.
void RegisterWebRoutes(http::Router& router, app::AppContext& ctx, const WebOptions& options = {});

}  // namespace motcua::web
