import { animatedGif } from "../fixtures/images";
import { openLocalBucket } from "./bucket-reader";
import { expect, test } from "./web-host-fixture";

/**
 * Quick upload meets the plan's checks (issue 15, point 4): no plan is shown for its files,
 * so a default rule the engine knows fails on one of their kinds is refused before any byte
 * is sent, and the dropped files wait in the upload list for the designer to change the rule.
 */

test("a dropped animated GIF whose default crop the engine cannot run is refused, named by rule and kind, and kept in the upload list", async ({
  page,
  webHost,
}) => {
  test.setTimeout(120_000);
  await page.goto(webHost.url);
  await page.getByRole("tab", { name: "Rules" }).click();
  await page.getByLabel("Rule text").fill("imageMogr2/scrop/80x80");
  await page.getByLabel("Preset name").fill("Square 80");
  await page.getByRole("button", { name: "Save as preset" }).click();
  await expect(page.getByTestId("preset")).toContainText("Square 80");
  await page.getByRole("tab", { name: "Upload" }).click();

  const panel = page.getByTestId("quick-panel");
  await panel.getByText("Defaults of Local bucket").click();
  const whole = panel.getByRole("group", { name: "The whole connection" });
  await whole.getByLabel("Preset applied at upload").selectOption({ label: "Square 80" });
  await whole.getByLabel("Key template").fill("{name}.{ext}");
  await whole.getByRole("button", { name: "Save default" }).click();
  await expect(whole.getByRole("status")).toHaveText("Saved.");
  await panel.getByLabel(/^Quick upload:/).check();

  const transfer = await page.evaluateHandle(
    (base64: string) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const data = new DataTransfer();
      data.items.add(new File([bytes], "party.gif", { type: "image/gif" }));
      return data;
    },
    (await animatedGif(160, 120)).toString("base64"),
  );
  await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer: transfer });

  // The checks read the header and try the rule on a stand-in: a wait for the machine, not a clock.
  await expect(panel.getByTestId("quick-outcome")).toHaveText(
    "Rule 1 (imageMogr2/scrop/80x80) fails on animated GIF images, such as party.gif. Nothing was uploaded: the files wait in the upload list, where the rule or the names can be changed before they are sent.",
    { timeout: 60_000 },
  );
  await expect(page.getByTestId("intake-file")).toHaveCount(1);
  await expect(page.getByTestId("intake-file")).toContainText("party.gif");

  const bucket = await openLocalBucket(webHost.dataDir);
  try {
    expect(await bucket.keys()).toEqual([]);
  } finally {
    await bucket.close();
  }
});
