import { describe, expect, it } from "vitest";
import { pastedFiles, pastesIntoText } from "../../renderer/features/quick/pasted-files";

const at = new Date(2026, 11, 3, 9, 5, 7);

describe("what a paste adds", () => {
  it("names a pasted picture by the template and keeps copied files' own names", () => {
    const picture = new File([new Uint8Array([1, 2, 3])], "image.png", { type: "image/png" });
    const copied = new File([new Uint8Array([4])], "cat.jpg", { type: "image/jpeg" });
    const added = pastedFiles([picture, copied], "paste-{yyyy}{MM}{dd}-{HH}{mm}{ss}.png", at);
    expect(added.map((file) => file.relativePath)).toEqual(["paste-20261203-090507.png", "cat.jpg"]);
    expect(added[0]?.file.name).toBe("paste-20261203-090507.png");
    expect(added[0]?.file.size).toBe(3);
  });

  it("gives a second pasted picture its own name", () => {
    const pictures = [1, 2].map((n) => new File([new Uint8Array([n])], "image.png", { type: "image/png" }));
    expect(pastedFiles(pictures, "shot.png", at).map((file) => file.relativePath)).toEqual([
      "shot.png",
      "shot-2.png",
    ]);
  });

  it("leaves text pasted into a text field to the field", () => {
    const field = document.createElement("input");
    expect(pastesIntoText(field, ["text/plain", "Files"])).toBe(true);
    expect(pastesIntoText(field, ["Files"])).toBe(false);
    expect(pastesIntoText(document.body, ["text/plain", "Files"])).toBe(false);
  });
});
