import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { Comparison } from "../../renderer/features/preview/Comparison";
import type { ComparisonMode } from "../../renderer/features/preview/store";
import type { PreviewAfter, PreviewBefore } from "../../shared/ipc/channels/preview";

afterEach(cleanup);

const before: PreviewBefore = {
  url: "media/before",
  format: "jpeg",
  width: 1200,
  height: 800,
  bytes: 300_000,
};
const after: Extract<PreviewAfter, { kind: "image" }> = {
  kind: "image",
  producer: "local",
  scope: "original",
  url: "media/after",
  format: "webp",
  width: 600,
  height: 400,
  bytes: 40_000,
};

function Compare(props: { mode: ComparisonMode; withAfter?: boolean; showBefore?: boolean }) {
  const [divider, setDivider] = useState(50);
  return (
    <Comparison
      before={before}
      after={props.withAfter === false ? undefined : after}
      mode={props.mode}
      zoom="fit"
      showBefore={props.showBefore ?? false}
      divider={divider}
      onDivider={setDivider}
    />
  );
}

describe("the before/after comparison", () => {
  it("moves the slider with the keyboard and says how much of the after shows", () => {
    render(<Compare mode="slider" />);
    const slider = screen.getByRole("slider", { name: "Before/after divider" });
    expect(slider.getAttribute("aria-valuetext")).toBe("50 % after");
    fireEvent.keyDown(slider, { key: "ArrowRight", shiftKey: true });
    expect(slider.getAttribute("aria-valuenow")).toBe("60");
    expect(slider.getAttribute("aria-valuetext")).toBe("40 % after");
    fireEvent.keyDown(slider, { key: "End" });
    expect(slider.getAttribute("aria-valuenow")).toBe("100");
    fireEvent.keyDown(slider, { key: "ArrowRight" });
    expect(slider.getAttribute("aria-valuenow")).toBe("100");
  });

  it("shows both pictures side by side, the after drawn at the original's scale", () => {
    render(<Compare mode="side-by-side" />);
    const pictures = screen.getAllByRole("img");
    expect(pictures.map((picture) => picture.getAttribute("alt"))).toEqual(["Before", "After"]);
    expect(pictures.map((picture) => picture.getAttribute("src"))).toEqual(["media/before", "media/after"]);
  });

  it("shows one at a time when toggling, and the before alone when there is no after", () => {
    const { rerender } = render(<Compare mode="toggle" showBefore={false} />);
    expect(screen.getAllByRole("img").map((picture) => picture.getAttribute("alt"))).toEqual(["After"]);
    rerender(<Compare mode="toggle" showBefore={true} />);
    expect(screen.getAllByRole("img").map((picture) => picture.getAttribute("alt"))).toEqual(["Before"]);
    rerender(<Compare mode="slider" withAfter={false} />);
    expect(screen.queryByRole("slider")).toBeNull();
    expect(screen.getAllByRole("img").map((picture) => picture.getAttribute("alt"))).toEqual(["Before"]);
  });
});
