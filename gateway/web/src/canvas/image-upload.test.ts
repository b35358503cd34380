import { describe, expect, it } from "vitest";
import { uploadImage } from "./image-upload";

function gateway(status = 200) {
  const posts: { url: string; type: string | null }[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    posts.push({ url, type: new Headers(init.headers).get("Content-Type") });
    const sha = `sha-${posts.length}`;
    return new Response(JSON.stringify({ image: { sha256: sha, contentType: "image/png", size: 3, url: `${url}/${sha}` } }), { status });
  }) as unknown as typeof fetch;
  return { posts, fetcher };
}

const png = (...bytes: number[]) => new Blob([new Uint8Array(bytes)], { type: "image/png" });

describe("uploadImage", () => {
  it("posts the bytes with their type and returns the URL the gateway gives", async () => {
    const { posts, fetcher } = gateway();
    expect(await uploadImage("f1", png(1, 2, 3), fetcher)).toBe("/api/files/f1/images/sha-1");
    expect(posts).toEqual([{ url: "/api/files/f1/images", type: "image/png" }]);
  });

  it("sends the same bytes only once per file, and again for another file or other bytes", async () => {
    const { posts, fetcher } = gateway();
    const first = await uploadImage("f2", png(4, 5, 6), fetcher);
    expect(await uploadImage("f2", png(4, 5, 6), fetcher)).toBe(first);
    await uploadImage("f3", png(4, 5, 6), fetcher);
    await uploadImage("f2", png(4, 5, 7), fetcher);
    expect(posts.map((p) => p.url)).toEqual(["/api/files/f2/images", "/api/files/f3/images", "/api/files/f2/images"]);
  });

  it("tries a failed upload again", async () => {
    const failing = gateway(503);
    await expect(uploadImage("f4", png(9), failing.fetcher)).rejects.toThrow("the image was not stored (503)");
    const { posts, fetcher } = gateway();
    expect(await uploadImage("f4", png(9), fetcher)).toBe("/api/files/f4/images/sha-1");
    expect(posts).toHaveLength(1);
  });
});
