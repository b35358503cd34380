import { describe, expect, it } from "vitest";
import { exportTarget, sceneOf } from "../export/export-target";
import { pngSize } from "../export/png-export";
import { THUMBNAIL_HEIGHT, THUMBNAIL_WIDTH, thumbnailArea } from "./render-thumbnail";

const targetOf = (width: number, height: number) =>
  exportTarget(sceneOf([{ id: "r", type: "rectangle", x: 100, y: 50, width, height, fill: "#ff0000" }]));

describe("thumbnailArea", () => {
  it("fits a wide file across with a 16 px margin, centred, at the thumbnail's size", () => {
    const { target, scale } = thumbnailArea(targetOf(1440, 400));
    expect(scale).toBe(0.2); // (320 - 32) / 1440
    expect(target.bounds).toEqual({ minX: 20, minY: -250, maxX: 1620, maxY: 750 });
    expect(pngSize(target, scale)).toEqual({ width: THUMBNAIL_WIDTH, height: THUMBNAIL_HEIGHT });
  });

  it("fits a tall file down", () => {
    const { target, scale } = thumbnailArea(targetOf(100, 840));
    expect(scale).toBe(0.2); // (200 - 32) / 840
    expect(pngSize(target, scale)).toEqual({ width: THUMBNAIL_WIDTH, height: THUMBNAIL_HEIGHT });
    expect((target.bounds.minX + target.bounds.maxX) / 2).toBe(150);
  });

  it("does not blow a small drawing up past 2x", () => {
    const { target, scale } = thumbnailArea(targetOf(10, 10));
    expect(scale).toBe(2);
    expect(pngSize(target, scale)).toEqual({ width: THUMBNAIL_WIDTH, height: THUMBNAIL_HEIGHT });
    expect(target.nodes.map((n) => n.object.id)).toEqual(["r"]);
  });

  it("an empty file is an empty thumbnail of the same size", () => {
    const { target, scale } = thumbnailArea(null);
    expect(target.nodes).toEqual([]);
    expect(pngSize(target, scale)).toEqual({ width: THUMBNAIL_WIDTH, height: THUMBNAIL_HEIGHT });
  });
});
