import { describe, expect, it } from "vitest";
import { commentLines, commentTextProblem, MAX_COMMENT_CHARACTERS } from "./comment-text";

const text = (t: string) => ({ kind: "text", text: t });
const link = (t: string, href = t) => ({ kind: "link", text: t, href });

describe("commentLines", () => {
  it("keeps line breaks of every kind, blank lines included", () => {
    expect(commentLines("one\ntwo\r\nthree\rfour\n\nsix")).toEqual([[text("one")], [text("two")], [text("three")], [text("four")], [], [text("six")]]);
  });

  it("makes http and https addresses links, leaving sentence punctuation out", () => {
    expect(commentLines("See https://example.com/a?b=1&c=2#top, then http://x.org.")).toEqual([
      [text("See "), link("https://example.com/a?b=1&c=2#top"), text(", then "), link("http://x.org", "http://x.org/"), text(".")],
    ]);
    expect(commentLines("(docs: https://en.wikipedia.org/wiki/Vellum_(material))")).toEqual([
      [text("(docs: "), link("https://en.wikipedia.org/wiki/Vellum_(material)"), text(")")],
    ]);
  });

  it("leaves markup as text", () => {
    const hostile = '<script>alert(1)</script><img src=x onerror="alert(2)"> <a href="javascript:alert(3)">x</a>';
    const lines = commentLines(hostile);
    expect(lines).toEqual([[text(hostile)]]);
  });

  it("never links anything but http and https", () => {
    for (const s of ["javascript:alert(1)", "JAVASCRIPT://%0aalert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox", "file:///etc/passwd", "ftp://x.org", "//evil.org"])
      expect(commentLines(s), s).toEqual([[text(s)]]);
  });

  it("links only the http part of an address glued to a dangerous one", () => {
    const lines = commentLines("javascript:alert(1)//https://example.com");
    expect(lines).toEqual([[text("javascript:alert(1)//"), link("https://example.com", "https://example.com/")]]);
    expect(commentLines('https://x.org/"onmouseover="alert(1)')).toEqual([[link("https://x.org/"), text('"onmouseover="alert(1)')]]);
    // Not a word's tail: "xhttp://" is text.
    expect(commentLines("xhttp://a.org")).toEqual([[text("xhttp://a.org")]]);
  });

  it("keeps a malformed address as text", () => {
    expect(commentLines("http://")).toEqual([[text("http://")]]);
    expect(commentLines("go to https://[oops now")).toEqual([[text("go to https://[oops now")]]);
  });
});

describe("commentTextProblem", () => {
  it("refuses empty and blank text", () => {
    expect(commentTextProblem("")).toMatch(/cannot be empty/);
    expect(commentTextProblem("  \n\t ")).toMatch(/cannot be empty/);
    expect(commentTextProblem("ok")).toBeNull();
  });

  it("counts characters as the server does (an emoji is one)", () => {
    expect(commentTextProblem("😀".repeat(MAX_COMMENT_CHARACTERS))).toBeNull();
    expect(commentTextProblem("a".repeat(MAX_COMMENT_CHARACTERS + 1))).toBe("A comment can have at most 10,000 characters; this one has 10,001.");
  });
});
