// One file in the browser: its thumbnail, name and when it was last edited
// (in the trash: when it will be deleted), and a menu of what the user's
// access allows: open, rename, duplicate, share, move to a project, trash, restore.
import { MoreHorizontal } from "lucide-react";
import { useState } from "react";
import type { FileInfo, Project } from "../api";
import { ShareDialog } from "../../share/ShareDialog";
import { deletedInText, lastEdited } from "./file-dates";
import { filePath, navigate } from "../router";

export interface FileActions {
  rename(id: string, name: string): void;
  duplicate(id: string): void;
  trash(id: string): void;
  restore(id: string): void;
  move(id: string, projectId: string | null): void;
}

interface Props {
  file: FileInfo;
  inTrash: boolean;
  isOwner: boolean;
  /** The projects the file may move to (the user may create files in them). */
  projects: Project[];
  actions: FileActions;
}

const item = "block w-full px-3 py-1.5 text-left text-sm hover:bg-neutral-100";

export function FileCard({ file, inTrash, isOwner, projects, actions }: Props) {
  const [menu, setMenu] = useState(false);
  const [renaming, setRenaming] = useState(false);
  const [moving, setMoving] = useState(false);
  const [sharing, setSharing] = useState(false);
  const canEdit = file.access === "edit" || file.access === "admin";
  const isAdmin = file.access === "admin";
  const open = () => !inTrash && navigate(filePath(file.id));
  const close = () => setMenu(false);

  return (
    <li data-testid="file-card" data-file-id={file.id} className="group relative rounded-lg border border-neutral-200 bg-white">
      <a
        href={inTrash ? undefined : filePath(file.id)}
        data-testid="file-row"
        onClick={(e) => {
          e.preventDefault();
          open();
        }}
        className="block"
      >
        <div className="flex h-32 items-center justify-center overflow-hidden rounded-t-lg bg-neutral-50">
          {file.thumbnailUrl ? (
            <img src={file.thumbnailUrl} alt="" className="max-h-full max-w-full object-contain" />
          ) : (
            <span className="text-2xl font-semibold text-neutral-300">{file.name.slice(0, 1).toUpperCase()}</span>
          )}
        </div>
      </a>
      <div className="flex items-start justify-between gap-2 px-3 py-2">
        <div className="min-w-0">
          {renaming ? (
            <input
              autoFocus
              aria-label="File name"
              defaultValue={file.name}
              maxLength={255}
              className="w-full rounded border border-blue-500 px-1 text-sm outline-none"
              onBlur={() => setRenaming(false)}
              onKeyDown={(e) => {
                const value = e.currentTarget.value.trim();
                if (e.key === "Enter" && value) {
                  actions.rename(file.id, value);
                  setRenaming(false);
                }
                if (e.key === "Escape") setRenaming(false);
              }}
            />
          ) : (
            <p className="truncate text-sm font-medium" data-testid="file-name" onDoubleClick={() => canEdit && !inTrash && setRenaming(true)}>
              {file.name}
            </p>
          )}
          <p className="text-xs text-neutral-500" data-testid="file-when">
            {inTrash && file.deletedAt ? deletedInText(file.deletedAt) : lastEdited(file.updatedAt)}
            {file.access === "view" && !inTrash && " · view only"}
          </p>
        </div>
        <button
          type="button"
          aria-label={`Actions for ${file.name}`}
          onClick={() => setMenu((m) => !m)}
          className="rounded p-1 text-neutral-500 hover:bg-neutral-100"
        >
          <MoreHorizontal size={16} />
        </button>
      </div>
      {menu && (
        <div role="menu" className="absolute right-2 top-full z-10 -mt-1 w-48 rounded-md border border-neutral-200 bg-white py-1 shadow-lg" onMouseLeave={close}>
          {inTrash ? (
            isAdmin && (
              <button role="menuitem" type="button" className={item} onClick={() => (close(), actions.restore(file.id))}>
                Restore
              </button>
            )
          ) : (
            <>
              <button role="menuitem" type="button" className={item} onClick={() => (close(), open())}>
                Open
              </button>
              {canEdit && (
                <button role="menuitem" type="button" className={item} onClick={() => (close(), setRenaming(true))}>
                  Rename
                </button>
              )}
              <button role="menuitem" type="button" className={item} onClick={() => (close(), actions.duplicate(file.id))}>
                Duplicate
              </button>
              {isAdmin && (
                <button role="menuitem" type="button" className={item} onClick={() => (close(), setSharing(true))}>
                  Share…
                </button>
              )}
              {isAdmin && (
                <button role="menuitem" type="button" className={item} onClick={() => (close(), setMoving(true))}>
                  Move to project…
                </button>
              )}
              {isAdmin && (
                <button role="menuitem" type="button" className={`${item} text-red-600`} onClick={() => (close(), actions.trash(file.id))}>
                  Move to trash
                </button>
              )}
            </>
          )}
          {inTrash && !isAdmin && <p className="px-3 py-1.5 text-xs text-neutral-500">Only the file's admins can restore it.</p>}
        </div>
      )}
      {sharing && <ShareDialog fileId={file.id} onClose={() => setSharing(false)} />}
      {moving && (
        <div className="absolute inset-x-2 top-full z-10 -mt-1 rounded-md border border-neutral-200 bg-white p-2 shadow-lg">
          <label className="block text-xs text-neutral-500">
            Move “{file.name}” to
            <select
              aria-label="Move to"
              autoFocus
              className="mt-1 block w-full rounded border border-neutral-300 px-1 py-1 text-sm"
              defaultValue=""
              onChange={(e) => {
                const value = e.currentTarget.value;
                if (value === "") return;
                actions.move(file.id, value === "none" ? null : value);
                setMoving(false);
              }}
              onBlur={() => setMoving(false)}
            >
              <option value="">Choose…</option>
              {isOwner && <option value="none">Your files (no project)</option>}
              {projects
                .filter((p) => p.id !== file.projectId)
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
            </select>
          </label>
        </div>
      )}
    </li>
  );
}
