// A comment's text as text nodes: its lines with breaks between them, http(s)
// addresses as links that open in a new tab without giving it this page.
// Never HTML: whatever the text holds is shown as written.
import { Fragment } from "react";
import { commentLines } from "../../comments/comment-text";

export function CommentText({ content }: { content: string }) {
  return (
    <p data-testid="comment-text" className="whitespace-pre-wrap break-words text-neutral-800">
      {commentLines(content).map((line, i) => (
        <Fragment key={i}>
          {i > 0 && <br />}
          {line.map((segment, j) =>
            segment.kind === "link" ? (
              <a key={j} href={segment.href} target="_blank" rel="noopener noreferrer" className="text-blue-600 underline hover:text-blue-800">
                {segment.text}
              </a>
            ) : (
              <Fragment key={j}>{segment.text}</Fragment>
            ),
          )}
        </Fragment>
      ))}
    </p>
  );
}
