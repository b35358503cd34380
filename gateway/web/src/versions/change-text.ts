// One op of the log in words, for time travel: who did what to which object
// (named as the document at that point names it, when it still has it).
import type { DocumentObject } from "../doc/document";
import type { HistoryChange } from "./versions-api";

const VERBS: Record<HistoryChange["type"], string> = { create: "created", update: "changed", delete: "deleted", move: "moved" };

/** What a person calls an object: its name, else its type. */
export function objectLabel(object: DocumentObject | undefined): string {
  if (!object) return "an object";
  return typeof object.name === "string" && object.name.trim() ? object.name : object.type;
}

export function changeText(change: HistoryChange, object: DocumentObject | undefined): string {
  const who = change.userName ?? (change.userId ? "Someone" : "SQL");
  const what = objectLabel(object);
  return change.type === "update" && change.property
    ? `${who} changed ${change.property} of ${what}`
    : `${who} ${VERBS[change.type]} ${what}`;
}
