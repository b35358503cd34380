// The version history's REST calls (gateway/src/rest/rest_versions.cpp).
import { paths, request } from "../app/api";
import type { DocumentObject } from "../doc/document";

export interface Version {
  id: string;
  fileId: string;
  versionNumber: number;
  /** null for an auto-save nobody has named */
  name: string | null;
  createdBy: string | null;
  createdByName: string | null;
  createdAt: string;
  isAutoSave: boolean;
  /** the file's seq the version was taken at */
  seq: number;
}

/** A document as vellum.document() (and vellum.rebuild()) answers it. */
export interface VersionDocument {
  fileId: string;
  seq: number;
  objects: DocumentObject[];
}

export interface VersionPage {
  versions: Version[];
  nextCursor?: string;
}

/** One op of the log, as time travel lists it. */
export interface HistoryChange {
  seq: number;
  userId: string | null;
  userName: string | null;
  type: "create" | "update" | "delete" | "move";
  objectId: string;
  property: string | null;
  createdAt: string;
}

/** The file at one seq: its document, the seqs still retained, and the latest changes up to it (newest first). */
export interface HistoryPoint {
  seq: number;
  firstSeq: number;
  lastSeq: number;
  document: VersionDocument;
  changes: HistoryChange[];
}

const versionsPath = (fileId: string) => `${paths.file(fileId)}/versions`;
const versionPath = (fileId: string, versionId: string) => `${versionsPath(fileId)}/${encodeURIComponent(versionId)}`;

export const versionsApi = {
  versions: (fileId: string, page: { limit?: number; cursor?: string } = {}) => {
    const params = new URLSearchParams();
    if (page.limit) params.set("limit", String(page.limit));
    if (page.cursor) params.set("cursor", page.cursor);
    const query = params.toString();
    return request<VersionPage>("GET", query ? `${versionsPath(fileId)}?${query}` : versionsPath(fileId));
  },
  version: (fileId: string, versionId: string) =>
    request<{ version: Version & { document: VersionDocument } }>("GET", versionPath(fileId, versionId)).then((r) => r.version),
  saveVersion: (fileId: string, name: string) =>
    request<{ version: Version }>("POST", versionsPath(fileId), { name }).then((r) => r.version),
  renameVersion: (fileId: string, versionId: string, name: string) =>
    request<{ version: Version }>("PATCH", versionPath(fileId, versionId), { name }).then((r) => r.version),
  history: (fileId: string, seq: number) =>
    request<HistoryPoint>("GET", `${paths.file(fileId)}/history?seq=${encodeURIComponent(String(seq))}`),
};

export type VersionsApi = typeof versionsApi;
