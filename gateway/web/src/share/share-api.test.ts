import { describe, expect, it } from "vitest";
import type { request } from "../app/api";
import { allPages } from "./share-api";

describe("a paged list read whole", () => {
  it("follows nextCursor to the last page, asking for big pages", async () => {
    const asked: string[] = [];
    const pages: Record<string, unknown> = {
      "/api/files/f/permissions?limit=200": { permissions: [1, 2], nextCursor: "k~2" },
      "/api/files/f/permissions?limit=200&cursor=k%7E2": { permissions: [3] },
    };
    const get = (async (_method: string, path: string) => {
      asked.push(path);
      return pages[path];
    }) as typeof request;
    expect(await allPages<number>("/api/files/f/permissions", "permissions", get)).toEqual([1, 2, 3]);
    expect(asked).toEqual(Object.keys(pages));
  });

  it("reads a list without paging (an older gateway) as one page", async () => {
    const get = (async () => ({ members: ["a"] })) as typeof request;
    expect(await allPages<string>("/api/teams/t/members", "members", get)).toEqual(["a"]);
  });
});
