import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CommentText } from "./CommentText";

const html = (content: string) => renderToStaticMarkup(createElement(CommentText, { content }));

describe("CommentText", () => {
  it("renders markup as text, line breaks as <br>, and https links that open apart from the page", () => {
    expect(html('<img src=x onerror="alert(1)">\nsee https://x.org/a?b=1&c=2')).toBe(
      '<p data-testid="comment-text" class="whitespace-pre-wrap break-words text-neutral-800">' +
        "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;<br/>see " +
        '<a href="https://x.org/a?b=1&amp;c=2" target="_blank" rel="noopener noreferrer" class="text-blue-600 underline hover:text-blue-800">https://x.org/a?b=1&amp;c=2</a></p>',
    );
  });

  it("makes no link of javascript: or data: addresses", () => {
    const out = html("javascript:alert(1) data:text/html,<script>alert(2)</script>");
    expect(out).not.toContain("<a");
    expect(out).not.toContain("<script");
    expect(out).toContain("javascript:alert(1) data:text/html,&lt;script&gt;alert(2)&lt;/script&gt;");
  });
});
