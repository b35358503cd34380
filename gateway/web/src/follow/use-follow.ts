// React shows who is followed; the Follow object owns it.
import { useSyncExternalStore } from "react";
import type { Editor } from "../editor/editor";
import { followOf, type Follow, type Leader } from "./follow";

export function useFollow(editor: Editor): { follow: Follow; leader: Leader | null } {
  const follow = followOf(editor);
  const leader = useSyncExternalStore(
    (onChange) => follow.subscribe(onChange),
    () => follow.leader,
  );
  return { follow, leader };
}
