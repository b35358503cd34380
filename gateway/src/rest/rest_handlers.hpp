// The REST endpoints, one function each (see rest_api.cpp for their routes).
// Path ids are checked to be uuids (":sha256" segments: 64 hex digits) and
// canonicalised before a handler runs: call->params holds them in the order
// of the route's pattern.
#pragma once

#include "rest/rest_common.hpp"

namespace vellum::gateway::rest {

// rest_files.cpp
void list_files(App& app, const Request& request, const CallPtr& call);
void create_file(App& app, const Request& request, const CallPtr& call);
void get_file(App& app, const Request& request, const CallPtr& call);
void rename_file(App& app, const Request& request, const CallPtr& call);
void trash_file(App& app, const Request& request, const CallPtr& call);
void duplicate_file(App& app, const Request& request, const CallPtr& call);
void restore_file(App& app, const Request& request, const CallPtr& call);

// rest_versions.cpp
void put_thumbnail(App& app, const Request& request, const CallPtr& call);
void get_thumbnail(App& app, const Request& request, const CallPtr& call);
void list_versions(App& app, const Request& request, const CallPtr& call);
void create_version(App& app, const Request& request, const CallPtr& call);
void restore_version(App& app, const Request& request, const CallPtr& call);
void get_version(App& app, const Request& request, const CallPtr& call);
void rename_version(App& app, const Request& request, const CallPtr& call);
void file_history(App& app, const Request& request, const CallPtr& call);

// rest_comments.cpp
void list_comments(App& app, const Request& request, const CallPtr& call);
void create_comment(App& app, const Request& request, const CallPtr& call);
void reply_to_comment(App& app, const Request& request, const CallPtr& call);
void update_comment(App& app, const Request& request, const CallPtr& call);
void delete_comment(App& app, const Request& request, const CallPtr& call);

// rest_teams.cpp
void create_team(App& app, const Request& request, const CallPtr& call);
void list_teams(App& app, const Request& request, const CallPtr& call);
void change_team_member_role(App& app, const Request& request, const CallPtr& call);
void remove_team_member(App& app, const Request& request, const CallPtr& call);
void list_team_members(App& app, const Request& request, const CallPtr& call);
void create_project(App& app, const Request& request, const CallPtr& call);
void list_projects(App& app, const Request& request, const CallPtr& call);

// rest_permissions.cpp
void list_permissions(App& app, const Request& request, const CallPtr& call);
void change_permission(App& app, const Request& request, const CallPtr& call);
void revoke_permission(App& app, const Request& request, const CallPtr& call);

// rest_invitations.cpp
void invite_to_team(App& app, const Request& request, const CallPtr& call);
void list_team_invitations(App& app, const Request& request, const CallPtr& call);
void invite_to_file(App& app, const Request& request, const CallPtr& call);
void list_file_invitations(App& app, const Request& request, const CallPtr& call);
void list_invitations(App& app, const Request& request, const CallPtr& call);
void accept_invitation(App& app, const Request& request, const CallPtr& call);
void delete_invitation(App& app, const Request& request, const CallPtr& call);

// rest_images.cpp
void upload_image(App& app, const Request& request, const CallPtr& call);
void get_image(App& app, const Request& request, const CallPtr& call);

}  // namespace vellum::gateway::rest
