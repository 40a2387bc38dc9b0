import path from "node:path";
import { describe, expect, it } from "vitest";
import { filesFromArguments } from "../../../electron/opened-files";

describe("files named on a launch's command line", () => {
  it("resolves each file against the launch's working directory and leaves absolute paths alone", () => {
    expect(filesFromArguments(["photo.jpg", "../shots/b.png", "/srv/c.webp"], "/home/ann/work")).toEqual([
      path.resolve("/home/ann/work/photo.jpg"),
      path.resolve("/home/ann/shots/b.png"),
      path.resolve("/srv/c.webp"),
    ]);
  });

  it("skips options, including those Chromium adds to a second instance's arguments, and empty arguments", () => {
    expect(
      filesFromArguments(["--allow-file-access-from-files", "-psn_0_12345", "", "a b.jpg"], "/tmp"),
    ).toEqual([path.resolve("/tmp/a b.jpg")]);
  });
});
