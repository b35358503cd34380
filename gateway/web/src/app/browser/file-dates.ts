// When files were edited and when the trash lets them go.
// How long a file stays in the trash: vellum.cleanup() purges files trashed
// more than trash_days ago (30 by default, as the maintenance worker runs it).
export const TRASH_DAYS = 30;

/** Whole days left before the daily cleanup purges a file trashed at deletedAt (0: today or overdue). */
export function daysLeft(deletedAt: string, now = Date.now(), trashDays = TRASH_DAYS): number {
  const trashed = Date.parse(deletedAt);
  if (Number.isNaN(trashed)) return trashDays;
  const left = (trashed + trashDays * 86_400_000 - now) / 86_400_000;
  return Math.max(0, Math.ceil(left));
}

export function deletedInText(deletedAt: string, now = Date.now()): string {
  const days = daysLeft(deletedAt, now);
  if (days === 0) return "Deleted today";
  return days === 1 ? "Deleted in 1 day" : `Deleted in ${days} days`;
}

/** "Edited 5 min ago", and so on: when a file was last edited, for its card. */
export function lastEdited(iso: string, now = Date.now()): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return "";
  const minutes = Math.round((now - then) / 60000);
  if (minutes < 1) return "Edited just now";
  if (minutes < 60) return `Edited ${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `Edited ${hours} h ago`;
  return `Edited ${new Date(then).toLocaleDateString()}`;
}
