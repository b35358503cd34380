// The top bar's Share button: opens the share dialog of the file. Everyone
// with access may see who else has it; only admins get the controls.
import { Share2 } from "lucide-react";
import { useState } from "react";
import { lazyNamed } from "../ui/lazy";

const ShareDialog = lazyNamed(() => import("./ShareDialog"), "ShareDialog");

export function ShareButton({ fileId }: { fileId: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        onClick={() => setOpen(true)}
        className="flex items-center gap-1.5 rounded-md bg-blue-600 px-2.5 py-1 text-xs font-medium text-white hover:bg-blue-700"
      >
        <Share2 size={13} /> Share
      </button>
      {open && <ShareDialog fileId={fileId} onClose={() => setOpen(false)} />}
    </>
  );
}
