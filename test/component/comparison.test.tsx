import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { useState } from "react";
import { afterEach, describe, expect, it } from "vitest";
import { Comparison } from "../../renderer/features/preview/Comparison";
import type { ComparisonMode, Focus, Zoom } from "../../renderer/features/preview/store";
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
/** A square avatar from the middle of the 3:2 original. */
const square: Extract<PreviewAfter, { kind: "image" }> = {
  ...after,
  width: 200,
  height: 200,
  region: { left: 200, top: 0, width: 800, height: 800 },
};

function Compare(props: {
  mode: ComparisonMode;
  zoom?: Zoom;
  after?: Extract<PreviewAfter, { kind: "image" }> | null;
  showBefore?: boolean;
}) {
  const [divider, setDivider] = useState(50);
  const [focus, setFocus] = useState<Focus>({ x: 0.5, y: 0.5 });
  return (
    <Comparison
      before={before}
      after={props.after === null ? undefined : (props.after ?? after)}
      mode={props.mode}
      zoom={props.zoom ?? "fit"}
      pixelated={false}
      showBefore={props.showBefore ?? false}
      divider={divider}
      onDivider={setDivider}
      focus={focus}
      onFocus={setFocus}
    />
  );
}

const scenes = () => screen.getAllByTestId("preview-scene");
const afterImage = () => screen.getByTestId("preview-after-image");

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

  it("shows both pictures side by side", () => {
    render(<Compare mode="side-by-side" />);
    const pictures = screen.getAllByRole("img");
    expect(pictures.map((picture) => picture.getAttribute("alt"))).toEqual(["Before", "After"]);
    expect(pictures.map((picture) => picture.getAttribute("src"))).toEqual(["media/before", "media/after"]);
    expect(screen.getByText("After · 600×400, drawn at the original's size")).toBeTruthy();
  });

  it("shows one at a time when toggling, and the before alone when there is no after", () => {
    const { rerender } = render(<Compare mode="toggle" showBefore={false} />);
    expect(screen.getAllByRole("img").map((picture) => picture.getAttribute("alt"))).toEqual(["After"]);
    rerender(<Compare mode="toggle" showBefore={true} />);
    expect(screen.getAllByRole("img").map((picture) => picture.getAttribute("alt"))).toEqual(["Before"]);
    rerender(<Compare mode="slider" after={null} />);
    expect(screen.queryByRole("slider")).toBeNull();
    expect(screen.getAllByRole("img").map((picture) => picture.getAttribute("alt"))).toEqual(["Before"]);
  });
});

describe("the comparison's geometry: both sides in the original's coordinates", () => {
  it("draws the scene at the original's pixels times the zoom, on every side alike", () => {
    for (const [zoom, width, height] of [
      ["100", "1200px", "800px"],
      ["200", "2400px", "1600px"],
      ["400", "4800px", "3200px"],
    ] as const) {
      for (const mode of ["slider", "side-by-side", "toggle"] as const) {
        render(<Compare mode={mode} zoom={zoom} />);
        for (const scene of scenes()) {
          expect([scene.style.width, scene.style.height]).toEqual([width, height]);
        }
        cleanup();
      }
    }
  });

  it("fits the scene in its frame at the original's aspect ratio", () => {
    render(<Compare mode="side-by-side" />);
    for (const scene of scenes()) {
      expect(scene.style.aspectRatio).toBe("1200 / 800");
    }
  });

  it("stretches a resized output over the whole scene, so it lines up with the original", () => {
    render(<Compare mode="side-by-side" zoom="100" />);
    const { left, top, width, height } = afterImage().style;
    expect([left, top, width, height]).toEqual(["0%", "0%", "100%", "100%"]);
    expect(screen.queryByTestId("preview-kept-region")).toBeNull();
  });

  it("draws a cropped output over the region it keeps, and outlines that region on the original", () => {
    render(<Compare mode="slider" zoom="100" after={square} />);
    const { left, top, width, height } = afterImage().style;
    expect([left, top, width, height]).toEqual(["16.667%", "0%", "66.667%", "100%"]);
    const outline = screen.getByTestId("preview-kept-region").style;
    expect([outline.left, outline.top, outline.width, outline.height]).toEqual([
      "16.667%",
      "0%",
      "66.667%",
      "100%",
    ]);
  });

  it("clips the slider's upper frame at the divider, measured on the view, not on the scene", () => {
    render(<Compare mode="slider" zoom="400" />);
    const slider = screen.getByRole("slider", { name: "Before/after divider" });
    fireEvent.keyDown(slider, { key: "PageUp" });
    expect(slider.style.left).toBe("60%");
    const over = screen.getByRole("region", { name: "After" });
    expect(over.style.clipPath).toBe("inset(0 0 0 60%)");
    // The divider sits in the view beside the frames, not inside the zoomed scene.
    expect(over.contains(slider)).toBe(false);
  });
});
