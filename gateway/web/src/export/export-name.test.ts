import { describe, expect, it } from "vitest";
import { exportBaseName, exportFileName, safeFileName } from "./export-name";

describe("export file names", () => {
  it("are <name>.svg, <name>.png, <name>@2x.png and <name>@3x.png", () => {
    expect(exportFileName("Card", "svg")).toBe("Card.svg");
    expect(exportFileName("Card", "png", 1)).toBe("Card.png");
    expect(exportFileName("Card", "png", 2)).toBe("Card@2x.png");
    expect(exportFileName("Card", "png", 3)).toBe("Card@3x.png");
  });

  it("take the one selected object's name, else its type, else the file's", () => {
    expect(exportBaseName("My file", [{ name: "Hero", type: "frame" }])).toBe("Hero");
    expect(exportBaseName("My file", [{ type: "ellipse" }])).toBe("Ellipse");
    expect(exportBaseName("My file", [{ name: "  ", type: "frame" }])).toBe("Frame");
    expect(exportBaseName("My file", [{ type: "rectangle" }, { type: "text" }])).toBe("My file");
    expect(exportBaseName("My file", [])).toBe("My file");
  });

  it("are safe for a file system: no separators, reserved characters, hidden names or empty names", () => {
    expect(safeFileName("../../etc/passwd")).toBe("-..-etc-passwd");
    expect(safeFileName('a<b>c:"d"|e?*\u0000f')).toBe("a-b-c-d-e-f");
    expect(safeFileName("...")).toBe("export");
    expect(safeFileName("   ")).toBe("export");
    expect(safeFileName("x".repeat(300))).toHaveLength(100);
  });
});
