import { describe, expect, it } from "vitest";
import { filePath, parseRoute } from "./router";

describe("parseRoute", () => {
  it("reads the home page", () => {
    expect(parseRoute("/")).toEqual({ name: "home" });
  });

  it("reads a file's id, decoded", () => {
    expect(parseRoute("/file/abc-123")).toEqual({ name: "file", fileId: "abc-123" });
    expect(parseRoute("/file/a%20b/")).toEqual({ name: "file", fileId: "a b" });
  });

  it("round-trips an id through filePath", () => {
    const id = "x/y?z";
    expect(parseRoute(filePath(id))).toEqual({ name: "file", fileId: id });
  });

  it("calls anything else unknown, a malformed escape too", () => {
    expect(parseRoute("/files")).toEqual({ name: "unknown", path: "/files" });
    expect(parseRoute("/file/")).toEqual({ name: "unknown", path: "/file/" });
    expect(parseRoute("/file/%E0%A4%A")).toEqual({ name: "unknown", path: "/file/%E0%A4%A" });
  });
});
