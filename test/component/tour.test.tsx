import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it } from "vitest";
import { ApiError } from "../../renderer/api";
import { Tour, TourButton, type Workspace } from "../../renderer/features/tour";
import { renderWithStores } from "./with-stores";

afterEach(cleanup);

function renderTour(seen: boolean | "no answer") {
  const opened: Workspace[] = [];
  const rendered = renderWithStores(
    <>
      <TourButton />
      <Tour onShowWorkspace={(workspace) => opened.push(workspace)} />
    </>,
    {
      "tour.state": () => {
        if (seen === "no answer") {
          throw new ApiError({
            code: "host-unreachable",
            message: "Picops's main process is not answering.",
          });
        }
        return { seen };
      },
      "tour.markSeen": () => ({}),
    },
  );
  const asked = () => rendered.api.calls.map((call) => call.channel);
  return { ...rendered, opened, asked };
}

const progress = () => screen.getByTestId("tour").querySelector("#tour-progress")?.textContent;

describe("the tour", () => {
  it("opens by itself on a first run, walks the path, and remembers it was skipped", async () => {
    const { opened, asked } = renderTour(false);
    const tour = await screen.findByTestId("tour");
    expect(tour.dataset.step).toBe("drop");
    expect(progress()).toBe("Step 1 of 5");
    expect(screen.getByRole("heading", { name: "Drop an image" })).toBeTruthy();
    expect(opened).toEqual(["upload"]);

    await userEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(screen.getByTestId("tour").dataset.step).toBe("preset");
    // The step's element lives in the Rules tab: the tour opens it.
    expect(opened.at(-1)).toBe("rules");
    fireEvent.keyDown(screen.getByTestId("tour"), { key: "ArrowLeft" });
    expect(progress()).toBe("Step 1 of 5");
    expect(asked()).toEqual(["tour.state"]);

    await userEvent.click(screen.getByRole("button", { name: "Skip tour" }));
    expect(screen.queryByTestId("tour")).toBeNull();
    expect(asked()).toEqual(["tour.state", "tour.markSeen"]);
  });

  it("stays closed once seen, and opens again from the Tour button to the end", async () => {
    const { api, asked } = renderTour(true);
    await act(() => api.settled());
    expect(asked()).toEqual(["tour.state"]);
    expect(screen.queryByTestId("tour")).toBeNull();

    await userEvent.click(screen.getByRole("button", { name: "Tour" }));
    expect(progress()).toBe("Step 1 of 5");
    for (let step = 1; step < 5; step++) await userEvent.click(screen.getByRole("button", { name: "Next" }));
    expect(progress()).toBe("Step 5 of 5");
    await userEvent.click(screen.getByRole("button", { name: "Finish" }));
    expect(screen.queryByTestId("tour")).toBeNull();
    expect(asked()).toEqual(["tour.state", "tour.markSeen"]);
  });

  it("is simply not shown when the main process does not answer", async () => {
    const { api, asked } = renderTour("no answer");
    await act(() => api.settled());
    expect(asked()).toEqual(["tour.state"]);
    expect(screen.queryByTestId("tour")).toBeNull();
    expect(screen.getByRole("button", { name: "Tour" })).toBeTruthy();
  });
});
