// While a file is open: its thumbnail is rendered and uploaded after this
// user's edits settle (ThumbnailSchedule), when the tab is hidden, and when
// the user leaves the file. Only this user's own edits count (a viewer has
// none), so that everyone in a busy file does not upload the same picture.
import { useEffect } from "react";
import { api } from "../app/api";
import type { Editor } from "../editor/editor";
import { realTimers } from "../sync/sync-client";
import { ThumbnailSchedule } from "./thumbnail-schedule";

export function useThumbnails(editor: Editor): void {
  useEffect(() => {
    const schedule = new ThumbnailSchedule(async () => {
      // Access may have changed since the edit (revoked, say): the server would refuse it.
      if (editor.readOnly || editor.access === null) return;
      // The painter (the exporters') is loaded for the first thumbnail, not with the page.
      const { renderThumbnail } = await import("./render-thumbnail");
      await api.uploadThumbnail(editor.fileId, await renderThumbnail(editor));
    }, realTimers);
    const off = editor.subscribe((event) => {
      if (event.type === "edited") schedule.changed();
    });
    // A closing tab is hidden first: the last chance to send what changed.
    const onHidden = () => {
      if (document.visibilityState === "hidden") void schedule.flush();
    };
    document.addEventListener("visibilitychange", onHidden);
    return () => {
      off();
      document.removeEventListener("visibilitychange", onHidden);
      void schedule.flush();
      schedule.stop();
    };
  }, [editor]);
}
