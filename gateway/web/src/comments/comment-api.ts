// The gateway's comment endpoints (gateway/src/rest/rest_comments.cpp): a
// file's threads, a page at a time, new comments pinned to an object or a
// page point, replies, resolve/reopen and delete.
import { request } from "../app/api";

/** One comment as the gateway sends it (a vellum.comments row with its author's name). */
export interface CommentData {
  id: string;
  fileId: string;
  parentId: string | null;
  userId: string | null;
  userName: string | null;
  /** The object it is pinned to; then x, y are the pin's offset from the object's top-left corner. */
  objectId: string | null;
  /** The pin on the page (or the offset on the object); null for a comment placed nowhere (SQL may insert one). */
  x: number | null;
  y: number | null;
  content: string;
  resolved: boolean;
  createdAt: string;
  updatedAt: string;
}

/** A top-level comment and its replies, oldest first. */
export interface Thread extends CommentData {
  replies: CommentData[];
}

/** Where a new comment goes: on an object at an offset from its top-left corner, or at a page point. */
export interface PinTarget {
  objectId: string | null;
  x: number;
  y: number;
}

export interface ThreadPage {
  comments: Thread[];
  nextCursor?: string;
}

const fileComments = (fileId: string) => `/api/files/${encodeURIComponent(fileId)}/comments`;
const comment = (id: string) => `/api/comments/${encodeURIComponent(id)}`;

export const commentApi = {
  /** One page of a file's threads; the gateway may page them (nextCursor), or send all at once. */
  list: (fileId: string, cursor?: string) =>
    request<ThreadPage>("GET", cursor ? `${fileComments(fileId)}?cursor=${encodeURIComponent(cursor)}` : fileComments(fileId)),
  create: (fileId: string, target: PinTarget, content: string) =>
    request<{ comment: CommentData; replies: CommentData[] }>("POST", fileComments(fileId), {
      content,
      ...(target.objectId ? { objectId: target.objectId } : {}),
      x: target.x,
      y: target.y,
    }).then((r): Thread => ({ ...r.comment, replies: r.replies ?? [] })),
  reply: (commentId: string, content: string) =>
    request<{ comment: CommentData }>("POST", `${comment(commentId)}/replies`, { content }).then((r) => r.comment),
  setResolved: (commentId: string, resolved: boolean) =>
    request<{ comment: CommentData }>("PATCH", comment(commentId), { resolved }).then((r) => r.comment),
  /** Needs the gateway's PATCH to take {content} (its author only). */
  edit: (commentId: string, content: string) =>
    request<{ comment: CommentData }>("PATCH", comment(commentId), { content }).then((r) => r.comment),
  remove: (commentId: string): Promise<void> => request<{ deleted: boolean; id: string }>("DELETE", comment(commentId)).then(() => undefined),
};

export type CommentApi = typeof commentApi;
