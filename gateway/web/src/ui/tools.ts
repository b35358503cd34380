// The canvas tools and Figma's shortcuts for them (the canvas binds the keys; the toolbar shows them).
import { Frame, Hand, MessageCircle, MousePointer2, Circle, Square, Type, type LucideIcon } from "lucide-react";

export type ToolId = "select" | "rectangle" | "ellipse" | "text" | "frame" | "hand" | "comment";

export const TOOLS: readonly { id: ToolId; label: string; shortcut: string; icon: LucideIcon; edits: boolean }[] = [
  { id: "select", label: "Select", shortcut: "V", icon: MousePointer2, edits: false },
  { id: "frame", label: "Frame", shortcut: "F", icon: Frame, edits: true },
  { id: "rectangle", label: "Rectangle", shortcut: "R", icon: Square, edits: true },
  { id: "ellipse", label: "Ellipse", shortcut: "O", icon: Circle, edits: true },
  { id: "text", label: "Text", shortcut: "T", icon: Type, edits: true },
  { id: "hand", label: "Hand", shortcut: "H", icon: Hand, edits: false },
  // Viewers may comment too (the gateway lets whoever can view a file comment on it).
  { id: "comment", label: "Comment", shortcut: "C", icon: MessageCircle, edits: false },
];
