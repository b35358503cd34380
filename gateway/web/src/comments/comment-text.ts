// A comment is plain text: it is shown as its lines, each a run of text and
// links. Only http and https addresses become links; everything else,
// markup and "javascript:" included, stays text (the UI renders text nodes).

/** The server's limit (vellum.comments.content and the gateway): 1 to 10,000 characters. */
export const MAX_COMMENT_CHARACTERS = 10_000;

export type Segment = { kind: "text"; text: string } | { kind: "link"; text: string; href: string };

// Up to the first space or character that cannot be in a bare address in prose.
const ADDRESS = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that ends a sentence rather than the address ("see https://x.org.").
const TRAILING = /[.,;:!?*]+$/;

/** The address at the start of `candidate` as a link, with what follows it (trailing punctuation, a closing parenthesis). */
function splitAddress(candidate: string): { address: string; rest: string } {
  let address = candidate;
  for (;;) {
    const trimmed = address.replace(TRAILING, "");
    // A ")" closes the address only when it opened one: "(see https://en.wikipedia.org/wiki/A_(b))".
    const opens = (trimmed.match(/\(/g) ?? []).length;
    const closes = (trimmed.match(/\)/g) ?? []).length;
    const next = trimmed.endsWith(")") && closes > opens ? trimmed.slice(0, -1) : trimmed;
    if (next === address) break;
    address = next;
  }
  return { address, rest: candidate.slice(address.length) };
}

/** The link for an address, or null when it is not a well-formed http(s) URL. */
function linkTo(address: string): string | null {
  try {
    const url = new URL(address);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** One line's runs of text and links; neighbouring text is merged. */
function lineSegments(line: string): Segment[] {
  const out: Segment[] = [];
  const text = (t: string) => {
    if (!t) return;
    const last = out[out.length - 1];
    if (last?.kind === "text") last.text += t;
    else out.push({ kind: "text", text: t });
  };
  let at = 0;
  for (const match of line.matchAll(ADDRESS)) {
    const { address, rest } = splitAddress(match[0]);
    const href = linkTo(address);
    text(line.slice(at, match.index));
    if (href) out.push({ kind: "link", text: address, href });
    else text(address);
    text(rest);
    at = match.index + match[0].length;
  }
  text(line.slice(at));
  return out;
}

/** A comment's lines (any line break: \n, \r\n, \r), each its segments; an empty line has none. */
export function commentLines(content: string): Segment[][] {
  return content.split(/\r\n|\r|\n/).map(lineSegments);
}

/** What is wrong with a comment's text before it is sent, or null when it may go. */
export function commentTextProblem(content: string): string | null {
  if (content.trim() === "") return "Write something first: a comment cannot be empty.";
  // The server counts characters (code points), not UTF-16 units.
  const length = [...content].length;
  if (length > MAX_COMMENT_CHARACTERS)
    return `A comment can have at most ${MAX_COMMENT_CHARACTERS.toLocaleString("en")} characters; this one has ${length.toLocaleString("en")}.`;
  return null;
}
