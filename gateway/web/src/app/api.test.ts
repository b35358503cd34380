import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, prefetch, request } from "./api";

const answer = (status: number, body: string, statusText = "") =>
  (async () => new Response(body, { status, statusText })) as unknown as typeof fetch;

describe("request", () => {
  it("throws the gateway's error message and code", async () => {
    const fetcher = answer(401, JSON.stringify({ error: { code: "unauthorized", message: "wrong email or password" } }));
    const error = await request("POST", "/api/auth/login", {}, fetcher).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: "unauthorized", message: "wrong email or password" });
  });

  it("says what came when the body is not the gateway's error", async () => {
    const error = await request("GET", "/api/files", undefined, answer(502, "<html>", "Bad Gateway")).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 502, message: "The server answered 502 Bad Gateway" });
  });

  it("turns a failed fetch into a network error", async () => {
    const fetcher = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    await expect(request("GET", "/api/files", undefined, fetcher)).rejects.toMatchObject({ code: "network" });
  });

  it("returns the parsed body", async () => {
    expect(await request("GET", "/api/files", undefined, answer(200, '{"files":[]}'))).toEqual({ files: [] });
  });

  describe("prefetch", () => {
    afterEach(() => vi.unstubAllGlobals());
    const fetched: string[] = [];
    const counting = (async (path: string) => (fetched.push(path), new Response('{"early":true}'))) as unknown as typeof fetch;
    const late = answer(200, '{"early":false}');

    it("answers the first GET of the path with what it fetched, and the next ones afresh", async () => {
      vi.stubGlobal("fetch", counting);
      prefetch("/api/auth/me");
      expect(await request("GET", "/api/auth/me", undefined, late)).toEqual({ early: true });
      expect(await request("GET", "/api/auth/me", undefined, late)).toEqual({ early: false });
      expect(fetched).toEqual(["/api/auth/me"]);
    });

    it("is dropped by any other request, which may have changed the answer (signing in, say)", async () => {
      vi.stubGlobal("fetch", counting);
      prefetch("/api/files/f");
      await request("POST", "/api/auth/login", {}, late);
      expect(await request("GET", "/api/files/f", undefined, late)).toEqual({ early: false });
    });
  });
});
