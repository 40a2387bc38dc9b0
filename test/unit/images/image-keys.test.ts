import { describe, expect, it } from "vitest";
import { isImageKey } from "../../../shared/images/image-keys";

describe("isImageKey", () => {
  it("knows an image by its extension, in any case, and nothing else", () => {
    for (const key of [
      "a.jpg",
      "b/c.JPEG",
      "d.png",
      "e.gif",
      "f.webp",
      "g.bmp",
      "h.avif",
      "i.heic",
      "j.tif",
    ]) {
      expect({ key, image: isImageKey(key) }).toEqual({ key, image: true });
    }
    for (const key of ["notes.txt", "folder/", "jpg", "photo.jpg.bak", "archive.tar.gz"]) {
      expect({ key, image: isImageKey(key) }).toEqual({ key, image: false });
    }
  });
});
