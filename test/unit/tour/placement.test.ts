import { describe, expect, it } from "vitest";
import { cardPosition } from "../../../renderer/features/tour/placement";

const VIEWPORT = { width: 1280, height: 800 };
const CARD = { width: 340, height: 200 };

describe("cardPosition", () => {
  it("puts the card to the right of a target with room there", () => {
    expect(cardPosition({ top: 100, left: 20, width: 240, height: 60 }, CARD, VIEWPORT)).toEqual({
      top: 100,
      left: 274,
    });
  });

  it("puts it to the left of a target at the right edge", () => {
    expect(cardPosition({ top: 100, left: 960, width: 300, height: 500 }, CARD, VIEWPORT)).toEqual({
      top: 100,
      left: 606,
    });
  });

  it("puts it below a target as wide as the screen, and above one at the bottom", () => {
    expect(cardPosition({ top: 50, left: 0, width: 1280, height: 100 }, CARD, VIEWPORT)).toEqual({
      top: 164,
      left: 8,
    });
    expect(cardPosition({ top: 600, left: 0, width: 1280, height: 190 }, CARD, VIEWPORT)).toEqual({
      top: 386,
      left: 8,
    });
  });

  it("keeps the card inside the viewport and centres it without a target", () => {
    expect(cardPosition({ top: 760, left: 20, width: 100, height: 30 }, CARD, VIEWPORT).top).toBe(592);
    expect(cardPosition(undefined, CARD, VIEWPORT)).toEqual({ top: 300, left: 470 });
  });
});
