// Who may do what with a comment: the gateway's rules (rest_comments.cpp), so
// that the UI offers only what the server would accept. Whoever can view a
// file may comment and reply; resolving needs edit access or being the
// thread's author; people edit and delete only their own comments.
import type { Access } from "../sync/messages";
import type { CommentData } from "./comment-api";

export function mayComment(access: Access | null): boolean {
  return access !== null;
}

export function mayResolve(thread: CommentData, me: string | null, access: Access | null): boolean {
  return access === "edit" || access === "admin" || (me !== null && thread.userId === me);
}

/** One's own comments only, to edit as to delete (the gateway lets an admin delete others' too; the UI does not offer it). */
export function isOwn(comment: CommentData, me: string | null): boolean {
  return me !== null && comment.userId === me;
}
